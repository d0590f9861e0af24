// Pieces shared by the list commands and their blocking variants: key
// bookkeeping and events, pops in Redis's reply shapes, LMOVE's core and
// Redis's argument rules (LEFT/RIGHT, LMPOP's arguments, blocking timeouts).
// The blocking plumbing (timeouts, parking) and the [B]LMPOP/[B]ZMPOP
// argument parser serve the sorted-set and stream families too.
import { ERR_SYNTAX, NULL_ARRAY, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { parseLongDouble } from '../core/longdouble.js';
import { ListValue } from '../core/types/list.js';
import { lookupTyped } from './lookup.js';
import { is, isErr, parseInt64 } from './args.js';
import { ERR_NUMKEYS, addKey, dropKey, longAtLeast } from './collections.js';
import { BLOCKED, ClientFlag, type Blocked, type Client } from './types.js';

export const ERR_COUNT = err('ERR count should be greater than 0');
const ERR_TIMEOUT = err('ERR timeout is not a float or out of range');
const ERR_TIMEOUT_NEG = err('ERR timeout is negative');
const ERR_TIMEOUT_INT = err('ERR timeout is not an integer or out of range');

/** The list at key, undefined when missing, or WRONGTYPE. */
export function lookupList(c: Client, key: string, read = false): ListValue | undefined | ErrorReply {
  return lookupTyped<ListValue>(c.db, key, 'list', read);
}

/** Stores a new empty list at key and fires "new" (Redis dbAdd). */
export function createList(c: Client, key: string): ListValue {
  const l = new ListValue();
  addKey(c, key, l);
  return l;
}

/** Fires a list-class keyspace event. */
export function notifyList(c: Client, event: string, key: string): void {
  c.server.notify(NotifyClass.LIST, event, key, c.db.index);
}

/** Deletes key once its list is empty, firing "del"; true if it did. */
export function deleteIfEmpty(c: Client, key: string, l: ListValue): boolean {
  if (l.length !== 0) return false;
  dropKey(c, key);
  return true;
}

/** After popping from one end: the pop event, "del" if emptied, and the change signal. */
export function popped(c: Client, key: string, l: ListValue, head: boolean): void {
  notifyList(c, head ? 'lpop' : 'rpop', key);
  deleteIfEmpty(c, key, l);
  c.db.touch(key);
}

/** Removes up to `count` elements from one end, in pop order, with the events. */
export function popRange(c: Client, key: string, l: ListValue, head: boolean, count: number): Reply[] {
  const n = Math.min(count, l.length);
  const out: Reply[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = head ? l.popHead()! : l.popTail()!;
  popped(c, key, l, head);
  return out;
}

/** BLPOP/BRPOP's [key, element] after popping one element. */
export function popOneWithKey(c: Client, key: string, l: ListValue, head: boolean): Reply {
  const v = head ? l.popHead()! : l.popTail()!;
  popped(c, key, l, head);
  return [key, v];
}

/**
 * LMOVE's core once `src` is known to be a non-empty list: checks the
 * destination type, pops, pushes and fires Redis's events in its order.
 */
export function moveElement(c: Client, srcKey: string, src: ListValue, dstKey: string, fromHead: boolean, toHead: boolean): Reply {
  let dst = lookupList(c, dstKey);
  if (isErr(dst)) return dst;
  const v = fromHead ? src.popHead()! : src.popTail()!;
  if (dst === undefined) dst = createList(c, dstKey);
  if (toHead) dst.pushHead(v);
  else dst.pushTail(v);
  c.db.touch(dstKey);
  notifyList(c, toHead ? 'lpush' : 'rpush', dstKey);
  notifyList(c, fromHead ? 'lpop' : 'rpop', srcKey);
  deleteIfEmpty(c, srcKey, src);
  c.db.touch(srcKey);
  return v;
}

/** LEFT -> true (head), RIGHT -> false (tail), else ERR syntax error. */
export function whereArg(s: string): boolean | ErrorReply {
  if (is(s, 'LEFT')) return true;
  if (is(s, 'RIGHT')) return false;
  return ERR_SYNTAX;
}

/** Parks c on keys (deduplicated) until serve() stops answering BLOCKED, or replies a null array at the deadline. */
export function park(c: Client, keys: string[], deadline: number, serve: (readyKey?: string) => Reply | Blocked): Blocked {
  c.block({
    keys: keys.length === 1 ? keys : [...new Set(keys)],
    deadline,
    retry: serve,
    onTimeout: () => NULL_ARRAY,
  });
  return BLOCKED;
}

/** True when the client may not block (inside EXEC, scripts): an empty wait is an immediate timeout. */
export function denyBlocking(c: Client): boolean {
  return (c.flags & (ClientFlag.IN_EXEC | ClientFlag.MULTI)) !== 0;
}

/** Redis getTimeoutFromObjectOrReply in milliseconds (XREAD BLOCK): the absolute ms deadline (0 = block forever) or the error. */
export function msTimeoutArg(c: Client, s: string): number | ErrorReply {
  const t = parseInt64(s);
  if (t === null) return ERR_TIMEOUT_INT;
  if (t < 0) return ERR_TIMEOUT_NEG;
  return t > 0 ? Number(t) + c.server.clock.now() : 0;
}

const TWO63 = 1n << 63n;

/**
 * Redis getTimeoutFromObjectOrReply in seconds: string2ld, then
 * (long long) ceill(t * 1000) computed in long double, where values outside
 * int64 (and infinities) become LLONG_MIN as on x86-64. Returns the absolute
 * ms deadline (0 = block forever) or the error.
 */
export function timeoutArg(c: Client, s: string): number | ErrorReply {
  const ld = parseLongDouble(s);
  if (ld === null) return ERR_TIMEOUT;
  if (ld.kind !== 'finite') return ERR_TIMEOUT_NEG;
  let m = ld.m * 1000n;
  let q = ld.q;
  // Round the product to the 64-bit significand, ties to even, like the x87 multiply.
  const extra = m.toString(2).length - 64;
  if (extra > 0 && m !== 0n) {
    const shift = BigInt(extra);
    const rest = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    q += extra;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
  }
  // ceil of (neg ? -1 : 1) * m * 2^q
  let ms: bigint;
  if (q >= 0) ms = m << BigInt(q);
  else {
    const k = BigInt(-q);
    const whole = m >> k;
    const frac = m - (whole << k);
    ms = ld.neg ? whole : whole + (frac !== 0n ? 1n : 0n);
  }
  if (ld.neg) ms = -ms;
  if (ms >= TWO63 || ms < -TWO63 || ms < 0n) return ERR_TIMEOUT_NEG;
  if (ms === 0n) return 0;
  return c.server.clock.now() + Number(ms);
}

/** Parsed [B]LMPOP / [B]ZMPOP arguments after numkeys. */
export interface MpopArgs {
  keys: string[];
  /** What `whereArg` read: true for LEFT (lists) or MAX (sorted sets). */
  where: boolean;
  count: number;
}

/**
 * numkeys key... <where> [COUNT n] starting at argv[at], <where> read by
 * `whereArg` (Redis lmpopGenericCommand's and zmpopGenericCommand's checks).
 */
export function parseMpop(argv: string[], at: number, whereArg: (s: string) => boolean | ErrorReply): MpopArgs | ErrorReply {
  const numkeys = longAtLeast(argv[at], 1, ERR_NUMKEYS);
  if (isErr(numkeys)) return numkeys;
  const whereIdx = at + numkeys + 1;
  if (whereIdx >= argv.length) return ERR_SYNTAX;
  const where = whereArg(argv[whereIdx]);
  if (isErr(where)) return where;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && j < argv.length - 1 && is(argv[j], 'COUNT')) {
      const n = longAtLeast(argv[++j], 1, ERR_COUNT);
      if (isErr(n)) return n;
      count = n;
    } else return ERR_SYNTAX;
  }
  return { keys: argv.slice(at + 1, whereIdx), where, count: count === -1 ? 1 : count };
}

/** [key, elements] from the first non-empty list among keys; undefined when all are missing. */
export function mpopFirst(c: Client, keys: string[], head: boolean, count: number): Reply | undefined {
  for (const key of keys) {
    const l = lookupList(c, key);
    if (l === undefined) continue;
    if (isErr(l)) return l;
    if (l.length === 0) continue;
    return [key, popRange(c, key, l, head, count)];
  }
  return undefined;
}
