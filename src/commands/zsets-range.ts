// Range commands: ZRANGE (BYSCORE BYLEX REV LIMIT WITHSCORES), ZRANGESTORE,
// ZREVRANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX, ZCOUNT, ZLEXCOUNT and
// ZREMRANGEBY{RANK,SCORE,LEX}, with Redis 7.0's option parsing order.
import { EMPTY_ARRAY, ERR_SYNTAX, err, type Reply } from '../../protocols/reply.js';
import { ZSetValue } from '../core/types/zset.js';
import type { LexRange, ScoreRange, SkipNode } from '../core/types/skiplist.js';
import { gteMin, lexGteMin, lexLteMax, lteMax } from '../core/types/skiplist.js';
import { defineCommand } from './define.js';
import { intArg, is, isErr } from './args.js';
import { lookupTyped } from './lookup.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { notifyZset, parseLexRange, parseScoreRange, pushNode, zsetLimits } from './zsets-util.js';
import { clampRange, deleteKey, dropKey, setKey } from './collections.js';

const F = Flag;
const ERR_LIMIT_RANK = err('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
const ERR_WITHSCORES_LEX = err('ERR syntax error, WITHSCORES not supported in combination with BYLEX');

const enum By { Auto, Rank, Score, Lex }
const enum Dir { Auto, Forward, Reverse }

/** First/last node of a score or lex range in the walking direction. */
function startNode(zs: ZSetValue, by: By, range: ScoreRange | LexRange, reverse: boolean): SkipNode | null {
  const zsl = zs.zsl;
  if (by === By.Score) return reverse ? zsl.lastInRange(range as ScoreRange) : zsl.firstInRange(range as ScoreRange);
  return reverse ? zsl.lastInLexRange(range as LexRange) : zsl.firstInLexRange(range as LexRange);
}

function stillIn(n: SkipNode, by: By, range: ScoreRange | LexRange, reverse: boolean): boolean {
  if (by === By.Score) return reverse ? gteMin(n.score, range as ScoreRange) : lteMax(n.score, range as ScoreRange);
  return reverse ? lexGteMin(n.member, range as LexRange) : lexLteMax(n.member, range as LexRange);
}

/** Collects the selected nodes in reply order. */
function selectNodes(zs: ZSetValue, by: By, range: ScoreRange | LexRange | null, start: number, end: number,
  offset: number, limit: number, reverse: boolean): SkipNode[] {
  const out: SkipNode[] = [];
  if (by === By.Rank) {
    const r = clampRange(start, end, zs.size);
    if (r === null) return out;
    [start, end] = r;
    let n = reverse ? zs.at(zs.size - 1 - start) : zs.at(start);
    for (let i = start; i <= end && n !== null; i++) {
      out.push(n);
      n = reverse ? n.backward : n.next[0];
    }
    return out;
  }
  // A negative offset walks off the end in Redis: nothing is returned.
  if ((offset > 0 && offset >= zs.size) || offset < 0) return out;
  let n = startNode(zs, by, range!, reverse);
  for (; n !== null && offset > 0; offset--) n = reverse ? n.backward : n.next[0];
  for (; n !== null && limit !== 0; limit--) {
    if (!stillIn(n, by, range!, reverse)) break;
    out.push(n);
    n = reverse ? n.backward : n.next[0];
  }
  return out;
}

/**
 * zrangeGenericCommand: `at` is the source key's index; `store` is the
 * destination key for ZRANGESTORE; `by`/`dir` are preset by the legacy commands.
 */
function zrangeGeneric(c: Client, argv: string[], at: number, store: string | null, by: By, dir: Dir): Reply {
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = at + 3; j < argv.length; j++) {
    const a = argv[j];
    const left = argv.length - j - 1;
    if (store === null && is(a, 'WITHSCORES')) withScores = true;
    else if (is(a, 'LIMIT') && left >= 2) {
      const o = intArg(argv[j + 1]);
      if (isErr(o)) return o;
      const l = intArg(argv[j + 2]);
      if (isErr(l)) return l;
      offset = o;
      limit = l;
      j += 2;
    } else if (dir === Dir.Auto && is(a, 'REV')) dir = Dir.Reverse;
    else if (by === By.Auto && is(a, 'BYLEX')) by = By.Lex;
    else if (by === By.Auto && is(a, 'BYSCORE')) by = By.Score;
    else return ERR_SYNTAX;
  }
  if (dir === Dir.Auto) dir = Dir.Forward;
  if (by === By.Auto) by = By.Rank;
  if (limit !== -1 && by === By.Rank) return ERR_LIMIT_RANK;
  if (withScores && by === By.Lex) return ERR_WITHSCORES_LEX;
  const reverse = dir === Dir.Reverse;
  let minArg = argv[at + 1];
  let maxArg = argv[at + 2];
  if (reverse && by !== By.Rank) [minArg, maxArg] = [maxArg, minArg];
  let range: ScoreRange | LexRange | null = null;
  let start = 0;
  let end = 0;
  if (by === By.Rank) {
    const s = intArg(minArg);
    if (isErr(s)) return s;
    const e = intArg(maxArg);
    if (isErr(e)) return e;
    start = s;
    end = e;
  } else {
    const r = by === By.Score ? parseScoreRange(minArg, maxArg) : parseLexRange(minArg, maxArg);
    if (isErr(r)) return r;
    range = r;
  }
  const zs = lookupTyped<ZSetValue>(c.db, argv[at], 'zset', true);
  if (isErr(zs)) return zs;
  if (zs === undefined) return store === null ? EMPTY_ARRAY : storeRange(c, store, [], true);
  const nodes = selectNodes(zs, by, range, start, end, offset, limit, reverse);
  if (store !== null) return storeRange(c, store, nodes, by !== By.Rank);
  const resp3 = c.resp === 3;
  const out: Reply[] = [];
  for (const n of nodes) pushNode(out, n, withScores, resp3);
  return out;
}

/** ZRANGESTORE's result: a new set at dst, or dst deleted when the range is empty. */
function storeRange(c: Client, dst: string, nodes: SkipNode[], lengthUnknown: boolean): Reply {
  if (nodes.length === 0) {
    deleteKey(c, dst);
    return 0;
  }
  const limits = zsetLimits(c);
  // Redis sizes the destination by the range length when it knows it up front.
  const out = new ZSetValue(lengthUnknown || nodes.length <= limits.maxEntries);
  for (const n of nodes) out.insertNew(n.score, n.member, limits);
  setKey(c, dst, out);
  notifyZset(c, 'zrangestore', dst);
  return nodes.length;
}

/** Counts members in a score or lex range (ZCOUNT, ZLEXCOUNT). */
function countRange(c: Client, argv: string[], lex: boolean): Reply {
  const range = lex ? parseLexRange(argv[2], argv[3]) : parseScoreRange(argv[2], argv[3]);
  if (isErr(range)) return range;
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return 0;
  if (isErr(zs)) return zs;
  const bounds = rankBounds(zs, range, lex);
  return bounds === null ? 0 : bounds[1] - bounds[0] + 1;
}

/** 1-based ranks of the first and last members in range, or null when none is. */
function rankBounds(zs: ZSetValue, range: ScoreRange | LexRange, lex: boolean): [number, number] | null {
  const zsl = zs.zsl;
  const first = lex ? zsl.firstInLexRange(range as LexRange) : zsl.firstInRange(range as ScoreRange);
  if (first === null) return null;
  const last = lex ? zsl.lastInLexRange(range as LexRange) : zsl.lastInRange(range as ScoreRange);
  if (last === null) return null;
  return [zsl.rankOf(first.score, first.member), zsl.rankOf(last.score, last.member)];
}

/** ZREMRANGEBYRANK / BYSCORE / BYLEX. */
function zremrange(c: Client, argv: string[], by: By): Reply {
  const key = argv[1];
  let range: ScoreRange | LexRange | null = null;
  let start = 0;
  let end = 0;
  if (by === By.Rank) {
    const s = intArg(argv[2]);
    if (isErr(s)) return s;
    const e = intArg(argv[3]);
    if (isErr(e)) return e;
    start = s;
    end = e;
  } else {
    const r = by === By.Score ? parseScoreRange(argv[2], argv[3]) : parseLexRange(argv[2], argv[3]);
    if (isErr(r)) return r;
    range = r;
  }
  const zs = lookupTyped<ZSetValue>(c.db, key, 'zset');
  if (zs === undefined) return 0;
  if (isErr(zs)) return zs;
  let from: number;
  let to: number;
  if (by === By.Rank) {
    const r = clampRange(start, end, zs.size);
    if (r === null) return 0;
    from = r[0] + 1;
    to = r[1] + 1;
  } else {
    const b = rankBounds(zs, range!, by === By.Lex);
    if (b === null) return 0;
    [from, to] = b;
  }
  const deleted = zs.zsl.deleteRankRange(from, to, (n) => zs.forget(n));
  if (deleted > 0) {
    notifyZset(c, by === By.Rank ? 'zremrangebyrank' : by === By.Score ? 'zremrangebyscore' : 'zremrangebylex', key);
    if (zs.size === 0) dropKey(c, key);
    else c.db.touch(key);
  }
  return deleted;
}

const def = (name: string, arity: number, flags: number, keys: [number, number, number], summary: string, complexity: string, run: CommandSpec['run'], since: string) =>
  defineCommand({ name, arity, flags, keys, acl: ['sortedset'], group: 'sorted-set', since, summary, complexity, run });
const LOGN_M = 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.';

/** The range commands. */
export const zsetRangeCommands: CommandSpec[] = [
  def('zrange', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Auto, Dir.Auto), '1.2.0'),
  def('zrangestore', -5, F.WRITE | F.DENYOOM, [1, 2, 1], 'Store a range of members from sorted set into another key',
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
    (c, a) => zrangeGeneric(c, a, 2, a[1], By.Auto, Dir.Auto), '6.2.0'),
  def('zrevrange', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set, by index, with scores ordered from high to low', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Rank, Dir.Reverse), '1.2.0'),
  def('zrangebyscore', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set, by score', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Score, Dir.Forward), '1.0.5'),
  def('zrevrangebyscore', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set, by score, with scores ordered from high to low', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Score, Dir.Reverse), '2.2.0'),
  def('zrangebylex', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set, by lexicographical range', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Lex, Dir.Forward), '2.8.9'),
  def('zrevrangebylex', -4, F.READONLY, [1, 1, 1], 'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings', LOGN_M,
    (c, a) => zrangeGeneric(c, a, 1, null, By.Lex, Dir.Reverse), '2.8.9'),
  def('zcount', 4, F.READONLY | F.FAST, [1, 1, 1], 'Count the members in a sorted set with scores within the given values',
    'O(log(N)) with N being the number of elements in the sorted set.', (c, a) => countRange(c, a, false), '2.0.0'),
  def('zlexcount', 4, F.READONLY | F.FAST, [1, 1, 1], 'Count the number of members in a sorted set between a given lexicographical range',
    'O(log(N)) with N being the number of elements in the sorted set.', (c, a) => countRange(c, a, true), '2.8.9'),
  def('zremrangebyrank', 4, F.WRITE, [1, 1, 1], 'Remove all members in a sorted set within the given indexes',
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    (c, a) => zremrange(c, a, By.Rank), '2.0.0'),
  def('zremrangebyscore', 4, F.WRITE, [1, 1, 1], 'Remove all members in a sorted set within the given scores',
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    (c, a) => zremrange(c, a, By.Score), '1.2.0'),
  def('zremrangebylex', 4, F.WRITE, [1, 1, 1], 'Remove all members in a sorted set between the given lexicographical range',
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    (c, a) => zremrange(c, a, By.Lex), '2.8.9'),
];
