// Sorted set commands: ZADD ZINCRBY ZREM ZCARD ZSCORE ZMSCORE ZRANK
// ZREVRANK ZRANDMEMBER ZSCAN here; ranges, algebra and pops in zsets-*.ts.
import { EMPTY_ARRAY, ERR_NOT_FLOAT, ERR_SYNTAX, NIL, err, type Reply } from '../../protocols/reply.js';
import { strictDouble } from '../core/types/strtod.js';
import { AddResult, ZSetValue, ZADD_GT, ZADD_INCR, ZADD_LT, ZADD_NX, ZADD_XX } from '../core/types/zset.js';
import { scanStep } from '../core/scan.js';
import { defineCommand } from './define.js';
import { is, isErr } from './args.js';
import { lookupTyped } from './lookup.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import {
  ERR_NAN_SCORE, listpackScoreString, notifyZset, pushNode,
  scoreReply, zsetLimits,
} from './zsets-util.js';
import { formatDouble } from '../../protocols/format.js';
import { ERR_OUT_OF_RANGE, MAX_REPLY_ITEMS, addKey, dropKey, randomCountArg, scanReply, shuffleHead } from './collections.js';
import { ERR_INVALID_CURSOR, emptyScan, parseScanCursor, parseScanOptions } from './scanning.js';
import { zsetRangeCommands } from './zsets-range.js';
import { zsetAlgebraCommands } from './zsets-algebra.js';
import { zsetPopCommands } from './zsets-pop.js';

const F = Flag;
const ERR_XX_NX = err('ERR XX and NX options at the same time are not compatible');
const ERR_GT_LT_NX = err('ERR GT, LT, and/or NX options at the same time are not compatible');
const ERR_INCR_PAIR = err('ERR INCR option supports a single increment-element pair');

/** ZADD's parsed scores, reused by every call (handlers never interleave). */
const SCORES: number[] = [];

/** ZADD and ZINCRBY (which is ZADD with INCR preset). */
function zaddGeneric(c: Client, argv: string[], preset: number): Reply {
  const key = argv[1];
  let flags = preset;
  let ch = false;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const o = argv[idx];
    if (is(o, 'NX')) flags |= ZADD_NX;
    else if (is(o, 'XX')) flags |= ZADD_XX;
    else if (is(o, 'CH')) ch = true;
    else if (is(o, 'INCR')) flags |= ZADD_INCR;
    else if (is(o, 'GT')) flags |= ZADD_GT;
    else if (is(o, 'LT')) flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  const n = argv.length - idx;
  if (n === 0 || n % 2 !== 0) return ERR_SYNTAX;
  const pairs = n / 2;
  if (nx && (flags & ZADD_XX) !== 0) return ERR_XX_NX;
  if ((gt && nx) || (lt && nx) || (gt && lt)) return ERR_GT_LT_NX;
  if (incr && pairs > 1) return ERR_INCR_PAIR;
  // Every score is checked before anything changes (Redis's order).
  const scores = SCORES;
  scores.length = 0;
  for (let j = 0; j < pairs; j++) {
    const s = strictDouble(argv[idx + j * 2]);
    if (s === null) return ERR_NOT_FLOAT;
    scores.push(s);
  }
  let zs = lookupTyped<ZSetValue>(c.db, key, 'zset');
  if (isErr(zs)) return zs;
  const limits = zsetLimits(c);
  if (zs === undefined) {
    if ((flags & ZADD_XX) !== 0) return incr ? NIL : 0;
    zs = ZSetValue.forFirstMember(argv[idx + 1], limits);
    addKey(c, key, zs);
  }
  let added = 0;
  let updated = 0;
  let processed = 0;
  let reply: Reply | null = null;
  for (let j = 0; j < pairs; j++) {
    const r = zs.add(scores[j], argv[idx + 1 + j * 2], flags, limits);
    if (r === AddResult.Nan) {
      reply = ERR_NAN_SCORE;
      break;
    }
    if (r === AddResult.Added) added++;
    else if (r === AddResult.Updated) updated++;
    if (r !== AddResult.Nop) processed++;
  }
  if (added + updated > 0) {
    c.db.touch(key);
    notifyZset(c, incr ? 'zincr' : 'zadd', key);
  }
  if (reply !== null) return reply;
  if (incr) return processed > 0 ? scoreReply(zs.lastScore) : NIL;
  return ch ? added + updated : added;
}

function zrem(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const zs = lookupTyped<ZSetValue>(c.db, key, 'zset');
  if (zs === undefined) return 0;
  if (isErr(zs)) return zs;
  let deleted = 0;
  for (let i = 2; i < argv.length && zs.size > 0; i++) if (zs.delete(argv[i])) deleted++;
  if (deleted > 0) {
    notifyZset(c, 'zrem', key);
    if (zs.size === 0) dropKey(c, key);
    else c.db.touch(key);
  }
  return deleted;
}

function zcard(c: Client, argv: string[]): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return 0;
  if (isErr(zs)) return zs;
  return zs.size;
}

function zscore(c: Client, argv: string[]): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return NIL;
  if (isErr(zs)) return zs;
  const s = zs.score(argv[2]);
  return s === undefined ? NIL : scoreReply(s);
}

function zmscore(c: Client, argv: string[]): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (isErr(zs)) return zs;
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const s = zs === undefined ? undefined : zs.score(argv[i]);
    out[i - 2] = s === undefined ? NIL : scoreReply(s);
  }
  return out;
}

function zrankGeneric(c: Client, argv: string[], reverse: boolean): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return NIL;
  if (isErr(zs)) return zs;
  const r = zs.rank(argv[2], reverse);
  return r < 0 ? NIL : r;
}

function zrandmember(c: Client, argv: string[]): Reply {
  if (argv.length >= 3) {
    const l = randomCountArg(argv, 'WITHSCORES');
    if (isErr(l)) return l;
    return zrandmemberCount(c, argv[1], l, argv.length === 4);
  }
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return NIL;
  if (isErr(zs)) return zs;
  return zs.random().member;
}

function zrandmemberCount(c: Client, key: string, l: number, withScores: boolean): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, key, 'zset', true);
  if (zs === undefined) return EMPTY_ARRAY;
  if (isErr(zs)) return zs;
  if (l === 0) return EMPTY_ARRAY;
  const resp3 = c.resp === 3;
  const out: Reply[] = [];
  if (l < 0 || l === 1) {
    const n = l < 0 ? -l : 1;
    if (n > MAX_REPLY_ITEMS) return ERR_OUT_OF_RANGE;
    for (let i = 0; i < n; i++) pushNode(out, zs.random(), withScores, resp3);
    return out;
  }
  const size = zs.size;
  if (l >= size) {
    // Redis's zset iterator walks from the highest element down.
    for (let x = zs.zsl.tail; x !== null; x = x.backward) pushNode(out, x, withScores, resp3);
    return out;
  }
  if (l * 3 > size) {
    // Most of the set: a partial shuffle of the ranks.
    const ranks = new Array<number>(size);
    for (let i = 0; i < size; i++) ranks[i] = i;
    shuffleHead(ranks, l);
    for (let i = 0; i < l; i++) pushNode(out, zs.at(ranks[i])!, withScores, resp3);
    return out;
  }
  // A small part of a big set: draw until enough distinct members.
  const seen = new Set<string>();
  while (seen.size < l) {
    const n = zs.random();
    if (seen.has(n.member)) continue;
    seen.add(n.member);
    pushNode(out, n, withScores, resp3);
  }
  return out;
}

function zscan(c: Client, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) return ERR_INVALID_CURSOR;
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return emptyScan();
  if (isErr(zs)) return zs;
  const opts = parseScanOptions(argv, 3, false);
  if (isErr(opts)) return opts;
  const found: string[] = [];
  let next = '0';
  if (zs.listpack) {
    // Returned whole in one call, scores as the listpack stores them.
    for (let x = zs.zsl.first(); x !== null; x = x.next[0]) found.push(x.member, listpackScoreString(x.score));
  } else {
    next = scanStep(zs, cursor, () => zs.liveMembers(), opts.count, (m) => {
      // A member read ahead by the previous step may have been removed since.
      const s = zs.score(m);
      if (s !== undefined) found.push(m, formatDouble(s));
    });
  }
  return scanReply(next, found, opts.pattern, 2);
}

const def = (name: string, arity: number, flags: number, summary: string, complexity: string, run: CommandSpec['run'], since: string) =>
  defineCommand({ name, arity, flags, keys: [1, 1, 1], acl: ['sortedset'], group: 'sorted-set', since, summary, complexity, run });

/** Every sorted-set command. */
export const zsetsCommands: CommandSpec[] = [
  def('zadd', -4, F.WRITE | F.DENYOOM | F.FAST, 'Add one or more members to a sorted set, or update its score if it already exists',
    'O(log(N)) for each item added, where N is the number of elements in the sorted set.', (c, a) => zaddGeneric(c, a, 0), '1.2.0'),
  def('zincrby', 4, F.WRITE | F.DENYOOM | F.FAST, 'Increment the score of a member in a sorted set',
    'O(log(N)) where N is the number of elements in the sorted set.', (c, a) => zaddGeneric(c, a, ZADD_INCR), '1.2.0'),
  def('zrem', -3, F.WRITE | F.FAST, 'Remove one or more members from a sorted set',
    'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.', zrem, '1.2.0'),
  def('zcard', 2, F.READONLY | F.FAST, 'Get the number of members in a sorted set', 'O(1)', zcard, '1.2.0'),
  def('zscore', 3, F.READONLY | F.FAST, 'Get the score associated with the given member in a sorted set', 'O(1)', zscore, '1.2.0'),
  def('zmscore', -3, F.READONLY | F.FAST, 'Get the score associated with the given members in a sorted set',
    'O(N) where N is the number of members being requested.', zmscore, '6.2.0'),
  def('zrank', 3, F.READONLY | F.FAST, 'Determine the index of a member in a sorted set', 'O(log(N))', (c, a) => zrankGeneric(c, a, false), '2.0.0'),
  def('zrevrank', 3, F.READONLY | F.FAST, 'Determine the index of a member in a sorted set, with scores ordered from high to low',
    'O(log(N))', (c, a) => zrankGeneric(c, a, true), '2.0.0'),
  def('zrandmember', -2, F.READONLY, 'Get one or multiple random elements from a sorted set',
    'O(N) where N is the number of elements returned', zrandmember, '6.2.0'),
  def('zscan', -3, F.READONLY, 'Incrementally iterate sorted sets elements and associated scores',
    'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    zscan, '2.8.0'),
  ...zsetRangeCommands,
  ...zsetAlgebraCommands,
  ...zsetPopCommands,
];
