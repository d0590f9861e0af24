// Counters on string values: INCR, DECR, INCRBY, DECRBY (exact int64) and
// INCRBYFLOAT (x87 long double, see core/longdouble.ts). Also exports the
// float-increment helpers HINCRBYFLOAT reuses.
import { err, ERR_NOT_FLOAT, ERR_NOT_INTEGER, ERR_OVERFLOW, ERR_WRONGTYPE, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { addInt64 } from '../core/int64.js';
import { incrFloatText, parseLongDouble } from '../core/longdouble.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { INT64_MIN, int64Arg, isErr, parseInt64 } from './args.js';
import { overwriteString } from './strings-common.js';

const F = Flag;

const ERR_DECR_OVERFLOW = err('ERR decrement would overflow');
const ERR_NAN_OR_INF = err('ERR increment would produce NaN or Infinity');
const ERR_HASH_NOT_FLOAT = err('ERR hash value is not a float');
const ERR_INCR_NAN_OR_INF = err('ERR value is NaN or Infinity');

/** Redis incrDecrCommand: adds incr to the int64 at key (0 if missing) and stores the text. */
function incrDecr(c: Client, key: string, incr: number | bigint): Reply {
  const db = c.db;
  const v = db.get(key);
  let cur: number | bigint = 0;
  if (v !== undefined) {
    if (typeof v !== 'string') return ERR_WRONGTYPE;
    const p = parseInt64(v);
    if (p === null) return ERR_NOT_INTEGER;
    cur = p;
  }
  const result = addInt64(cur, incr);
  if (result === null) return ERR_OVERFLOW;
  overwriteString(c, key, String(result), v !== undefined, 'incrby');
  return result;
}

function incrby(c: Client, argv: string[]): Reply {
  const n = int64Arg(argv[2]);
  if (isErr(n)) return n;
  return incrDecr(c, argv[1], n);
}

function decrby(c: Client, argv: string[]): Reply {
  const n = int64Arg(argv[2]);
  if (isErr(n)) return n;
  if (n === INT64_MIN) return ERR_DECR_OVERFLOW;
  return incrDecr(c, argv[1], -n);
}

/**
 * INCRBYFLOAT's arithmetic on texts: current (undefined = missing key) plus
 * incr, as Redis prints it, or Redis's error ("ERR value is not a valid
 * float", "ERR increment would produce NaN or Infinity").
 */
export function incrByFloat(current: string | undefined, incr: string): string | ErrorReply {
  const r = incrFloatText(current, incr);
  if (r.ok) return r.value;
  return r.reason === 'nan-or-inf' ? ERR_NAN_OR_INF : ERR_NOT_FLOAT;
}

/**
 * HINCRBYFLOAT's arithmetic on texts, with its checks in Redis's order:
 * incr not a float -> "ERR value is not a valid float"; incr infinite ->
 * "ERR value is NaN or Infinity"; current not a float -> "ERR hash value is
 * not a float"; infinite sum -> "ERR increment would produce NaN or Infinity".
 * `current` is undefined when the field is missing.
 */
export function hashIncrByFloat(current: string | undefined, incr: string): string | ErrorReply {
  const b = parseLongDouble(incr);
  if (b === null) return ERR_NOT_FLOAT;
  if (b.kind !== 'finite') return ERR_INCR_NAN_OR_INF;
  const r = incrFloatText(current, incr);
  if (r.ok) return r.value;
  if (r.reason === 'current-not-float') return ERR_HASH_NOT_FLOAT;
  return r.reason === 'nan-or-inf' ? ERR_NAN_OR_INF : ERR_NOT_FLOAT;
}

/** HINCRBYFLOAT's first check, made before the hash is looked up: the increment's error, or null. */
export function hashIncrArgError(incr: string): ErrorReply | null {
  const b = parseLongDouble(incr);
  if (b === null) return ERR_NOT_FLOAT;
  return b.kind !== 'finite' ? ERR_INCR_NAN_OR_INF : null;
}

function incrbyfloat(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const v = c.db.get(key);
  if (v !== undefined && typeof v !== 'string') return ERR_WRONGTYPE;
  const r = incrByFloat(v, argv[2]);
  if (isErr(r)) return r;
  overwriteString(c, key, r, v !== undefined, 'incrbyfloat');
  return r;
}

const KEY = { name: 'key', type: 'key' } as const;
const STR = ['string'];
const COUNTER = F.WRITE | F.DENYOOM | F.FAST;

/** INCR DECR INCRBY DECRBY INCRBYFLOAT (listed by strings.ts). */
export const counterCommands: CommandSpec[] = [
  defineCommand({
    name: 'incr', arity: 2, flags: COUNTER, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Increment the integer value of a key by one',
    args: [KEY], run: (c, argv) => incrDecr(c, argv[1], 1),
  }),
  defineCommand({
    name: 'decr', arity: 2, flags: COUNTER, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Decrement the integer value of a key by one',
    args: [KEY], run: (c, argv) => incrDecr(c, argv[1], -1),
  }),
  defineCommand({
    name: 'incrby', arity: 3, flags: COUNTER, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Increment the integer value of a key by the given amount',
    args: [KEY, { name: 'increment', type: 'integer' }], run: incrby,
  }),
  defineCommand({
    name: 'decrby', arity: 3, flags: COUNTER, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Decrement the integer value of a key by the given number',
    args: [KEY, { name: 'decrement', type: 'integer' }], run: decrby,
  }),
  defineCommand({
    name: 'incrbyfloat', arity: 3, flags: COUNTER, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.6.0', complexity: 'O(1)', summary: 'Increment the float value of a key by the given amount',
    args: [KEY, { name: 'increment', type: 'double' }], run: incrbyfloat,
  }),
];
