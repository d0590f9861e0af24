// Pieces shared by the collection families (sets, sorted sets, hashes,
// lists, streams, HyperLogLogs, SORT and GEO stores): adding and deleting
// keys with the events Redis's dbAdd / setKey / dbDelete callers fire, count
// and rank-range arguments, random-member replies, and the SSCAN / ZSCAN
// reply shape (Redis's scanGenericCommand for a collection: MATCH applied
// after collection; options parsed by scanning.ts).
import { ERR_NOT_INTEGER, ERR_SYNTAX, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { globMatch } from '../core/glob.js';
import type { Value } from '../core/keyspace.js';
import { NotifyClass } from '../core/notify.js';
import { is, parseInt64 } from './args.js';
import type { Client } from './types.js';

/** Stores a value at a missing key and fires "new" (Redis dbAdd). */
export function addKey(c: Client, key: string, value: Value): void {
  c.db.set(key, value);
  c.server.notify(NotifyClass.NEW, 'new', key, c.db.index);
}

/** Stores a value at key (Redis setKey: drops any TTL), firing "new" when the key was absent. */
export function setKey(c: Client, key: string, value: Value): void {
  const existed = c.db.get(key) !== undefined;
  c.db.set(key, value);
  if (!existed) c.server.notify(NotifyClass.NEW, 'new', key, c.db.index);
}

/** Deletes key (if present) and fires "del"; true if it existed. */
export function deleteKey(c: Client, key: string): boolean {
  if (!c.db.delete(key)) return false;
  c.server.notify(NotifyClass.GENERIC, 'del', key, c.db.index);
  return true;
}

/** Deletes a live key whose collection became empty and fires "del" (the removal also signals the change). */
export function dropKey(c: Client, key: string): void {
  c.db.remove(key);
  c.server.notify(NotifyClass.GENERIC, 'del', key, c.db.index);
}

/** getPositiveLong's error (SPOP, ZPOPMIN, LPOP counts). */
export const ERR_POSITIVE = err('ERR value is out of range, must be positive');
/** [B]LMPOP / [B]ZMPOP / SINTERCARD numkeys below 1. */
export const ERR_NUMKEYS = err('ERR numkeys should be greater than 0');
/** SINTERCARD / ZINTERCARD LIMIT below 0 (or not an integer). */
export const ERR_LIMIT_NEG = err("ERR LIMIT can't be negative");
/** Redis streams any count until memory runs out; we refuse counts beyond this. */
export const MAX_REPLY_ITEMS = 1 << 26;
export const ERR_OUT_OF_RANGE = err('ERR value is out of range');
/** SRANDMEMBER / HRANDFIELD / ZRANDMEMBER count of -2^63 (Redis accepts -LONG_MAX..LONG_MAX). */
const ERR_RANDOM_COUNT_RANGE = err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');

/**
 * The count of SRANDMEMBER / HRANDFIELD / ZRANDMEMBER key count [<withWord>]
 * (withWord null: no such option), checked in Redis's order. Beyond 2^53 it
 * loses precision, harmlessly: such counts exceed any size or reply limit.
 */
export function randomCountArg(argv: string[], withWord: string | null): number | ErrorReply {
  const v = parseInt64(argv[2]);
  if (v === null) return ERR_NOT_INTEGER;
  if (v === -9223372036854775808n) return ERR_RANDOM_COUNT_RANGE;
  if (withWord !== null) {
    if (argv.length > 4 || (argv.length === 4 && !is(argv[3], withWord))) return ERR_SYNTAX;
    // With values/scores the reply doubles: Redis halves the range.
    if (argv.length === 4 && (v < -4611686018427387903n || v > 4611686018427387903n)) return ERR_OUT_OF_RANGE;
  }
  return Number(v);
}

/** Moves `k` uniformly drawn items of `a` to its front, in draw order (a partial Fisher-Yates shuffle). */
export function shuffleHead<T>(a: T[], k: number): void {
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(Math.random() * (a.length - i));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * An int64 >= min (Redis getRangeLongFromObjectOrReply up to LONG_MAX, with a
 * message): `msg` answers both a non-integer and a smaller value. Beyond 2^53
 * the number loses precision, harmlessly for counts.
 */
export function longAtLeast(s: string, min: number, msg: ErrorReply): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null || v < min) return msg;
  return Number(v);
}

/** getPositiveLong with Redis's default message for both bad syntax and negatives. */
export function positiveLong(s: string): number | ErrorReply {
  return longAtLeast(s, 0, ERR_POSITIVE);
}

/** Redis's rank range clamping (negative = from the end): [start, end] within len items, or null when empty. */
export function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

/**
 * [cursor, elements]: `items` holds groups of `stride` strings (member, or
 * member + score); a group is dropped when its first string misses the pattern.
 */
export function scanReply(cursor: string, items: string[], pattern: string | null, stride: number): Reply {
  if (pattern === null) return [cursor, items];
  const kept: string[] = [];
  for (let i = 0; i < items.length; i += stride) {
    if (!globMatch(pattern, items[i])) continue;
    for (let j = 0; j < stride; j++) kept.push(items[i + j]);
  }
  return [cursor, kept];
}
