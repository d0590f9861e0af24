// Pieces shared by the collection families (sets, sorted sets, hashes,
// lists): the SSCAN / ZSCAN reply shape (Redis's scanGenericCommand for a
// collection: MATCH applied after collection; options parsed by
// scanning.ts), count arguments.
import { err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { globMatch } from '../core/glob.js';
import { parseInt64 } from './args.js';

export const ERR_POSITIVE = err('ERR value is out of range, must be positive');
/** Redis streams any count until memory runs out; we refuse counts beyond this. */
export const MAX_REPLY_ITEMS = 1 << 26;
export const ERR_OUT_OF_RANGE = err('ERR value is out of range');
/** SRANDMEMBER / ZRANDMEMBER count of -2^63 (Redis accepts -LONG_MAX..LONG_MAX). */
export const ERR_RANDOM_COUNT_RANGE = err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');

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
