// Shared pieces of the sorted-set commands: encoding limits, range parsing
// with Redis's exact acceptance rules, score replies, key bookkeeping.
import { DoubleReply, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { formatDouble } from '../../protocols/format.js';
import { NotifyClass } from '../core/notify.js';
import { LEX_MAX, LEX_MIN, type LexBound, type LexRange, type ScoreRange, type SkipNode } from '../core/types/skiplist.js';
import { lenientDouble } from '../core/types/strtod.js';
import type { ZsetLimits } from '../core/types/zset.js';
import type { Client } from './types.js';

export const ERR_MINMAX_FLOAT = err('ERR min or max is not a float');
export const ERR_MINMAX_LEX = err('ERR min or max not valid string range item');
export const ERR_NAN_SCORE = err('ERR resulting score is not a number (NaN)');

// Per-config cache of the listpack thresholds, kept current by CONFIG SET
// listeners, so mutations read them without allocating.
const limitsByConfig = new WeakMap<object, ZsetLimits>();

/** The listpack thresholds from the config, read when a set is mutated. */
export function zsetLimits(c: Client): ZsetLimits {
  const cfg = c.server.config;
  let limits = limitsByConfig.get(cfg);
  if (limits === undefined) {
    const l: ZsetLimits = { maxEntries: cfg.num('zset-max-listpack-entries'), maxValue: cfg.num('zset-max-listpack-value') };
    cfg.on('zset-max-listpack-entries', (v) => void (l.maxEntries = v as number));
    cfg.on('zset-max-listpack-value', (v) => void (l.maxValue = v as number));
    limitsByConfig.set(cfg, l);
    limits = l;
  }
  return limits;
}

/** Fires a sorted-set class keyspace event. */
export function notifyZset(c: Client, event: string, key: string): void {
  c.server.notify(NotifyClass.ZSET, event, key, c.db.index);
}

/** A score as a reply: RESP3 double, RESP2 bulk "%.17g". */
export function scoreReply(score: number): Reply {
  return new DoubleReply(score);
}

/** Pushes member (and score) in Redis's WITHSCORES shape: flat in RESP2, pairs in RESP3. */
export function pushEntry(out: Reply[], member: string, score: number, withScores: boolean, resp3: boolean): void {
  if (!withScores) out.push(member);
  else if (resp3) out.push([member, new DoubleReply(score)]);
  else out.push(member, new DoubleReply(score));
}

/** A node's member and score in the given shape. */
export function pushNode(out: Reply[], n: SkipNode, withScores: boolean, resp3: boolean): void {
  pushEntry(out, n.member, n.score, withScores, resp3);
}

/** zslParseRange: "(" makes a bound exclusive; the rest is read with plain strtod. */
export function parseScoreRange(min: string, max: string): ScoreRange | ErrorReply {
  const minEx = min.charCodeAt(0) === 40; /* ( */
  const maxEx = max.charCodeAt(0) === 40;
  const lo = lenientDouble(min, minEx ? 1 : 0);
  const hi = lenientDouble(max, maxEx ? 1 : 0);
  if (lo === null || hi === null) return ERR_MINMAX_FLOAT;
  return { min: lo, max: hi, minEx, maxEx };
}

function lexItem(s: string): { bound: LexBound; ex: boolean } | null {
  const c = s.charCodeAt(0);
  // C reads "+" / "-" up to the NUL terminator.
  const alone = s.length === 1 || s.charCodeAt(1) === 0;
  if (c === 43 /* + */) return alone ? { bound: LEX_MAX, ex: true } : null;
  if (c === 45 /* - */) return alone ? { bound: LEX_MIN, ex: true } : null;
  if (c === 40 /* ( */) return { bound: s.slice(1), ex: true };
  if (c === 91 /* [ */) return { bound: s.slice(1), ex: false };
  return null;
}

/** zslParseLexRange: each bound is "-", "+", "(member" or "[member". */
export function parseLexRange(min: string, max: string): LexRange | ErrorReply {
  const lo = lexItem(min);
  const hi = lexItem(max);
  if (lo === null || hi === null) return ERR_MINMAX_LEX;
  return { min: lo.bound, max: hi.bound, minEx: lo.ex, maxEx: hi.ex };
}

/** A score as a listpack stores it (d2string): integers without exponent when they fit. */
export function listpackScoreString(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) <= 4611686018427387904 && !Object.is(x, -0)) {
    return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
  }
  return formatDouble(x);
}
