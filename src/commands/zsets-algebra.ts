// ZUNION ZINTER ZDIFF, their STORE forms, and ZINTERCARD. Plain sets are
// accepted as inputs with every score 1. Inputs are combined in Redis's
// order (smallest first for union/intersection) so that floating-point
// sums round exactly as Redis's do.
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE, err, type Reply } from '../../protocols/reply.js';
import type { SetValue } from '../core/types/set.js';
import { ZSetValue } from '../core/types/zset.js';
import { strictDouble } from '../core/types/strtod.js';
import { defineCommand } from './define.js';
import { is, isErr, parseInt64 } from './args.js';
import { ERR_LIMIT_NEG, longAtLeast } from './collections.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { notifyZset, pushEntry, zsetLimits } from './zsets-util.js';
import { deleteKey, setKey } from './collections.js';

const F = Flag;
const ERR_WEIGHT = err('ERR weight value is not a float');

const enum Op { Union, Inter, Diff }
const enum Agg { Sum, Min, Max }

/** One input: a sorted set, a set (scores 1), or a missing key. */
interface Source {
  z: ZSetValue | null;
  s: SetValue | null;
  weight: number;
}

function sourceSize(src: Source): number {
  return src.z !== null ? src.z.size : src.s !== null ? src.s.size : 0;
}

function sourceScore(src: Source, member: string): number | undefined {
  if (src.z !== null) return src.z.score(member);
  if (src.s !== null) return src.s.has(member) ? 1 : undefined;
  return undefined;
}

/** Calls fn(member, score) for every element of the input. */
function each(src: Source, fn: (member: string, score: number) => boolean | void): void {
  if (src.z !== null) {
    for (let n = src.z.zsl.first(); n !== null; n = n.next[0]) if (fn(n.member, n.score) === false) return;
  } else if (src.s !== null) {
    for (const m of src.s.members()) if (fn(m, 1) === false) return;
  }
}

function aggregate(target: number, val: number, agg: Agg): number {
  if (agg === Agg.Sum) {
    const r = target + val;
    // inf + -inf is NaN: Redis keeps the convention of 0.
    return r !== r ? 0 : r;
  }
  if (agg === Agg.Min) return val < target ? val : target;
  return val > target ? val : target;
}

/** zunionInterDiffGenericCommand; `at` is the numkeys index, `dst` null unless a STORE form. */
function zsetOp(c: Client, argv: string[], at: number, dst: string | null, op: Op, cardOnly: boolean): Reply {
  const nk = parseInt64(argv[at]);
  if (nk === null) return ERR_NOT_INTEGER;
  const name = argv[0].toLowerCase();
  if (nk < 1) return err(`ERR at least 1 input key is needed for '${name}' command`);
  if (nk > argv.length - (at + 1)) return ERR_SYNTAX;
  const setnum = Number(nk);
  const srcs: Source[] = [];
  let j = at + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const v = c.db.lookupRead(argv[j]);
    if (v === undefined) srcs.push({ z: null, s: null, weight: 1 });
    else if (typeof v !== 'string' && v.type === 'zset') srcs.push({ z: v as ZSetValue, s: null, weight: 1 });
    else if (typeof v !== 'string' && v.type === 'set') srcs.push({ z: null, s: v as SetValue, weight: 1 });
    else return ERR_WRONGTYPE;
  }
  let agg = Agg.Sum;
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const a = argv[j];
    if (op !== Op.Diff && !cardOnly && remaining >= setnum + 1 && is(a, 'WEIGHTS')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = strictDouble(argv[j]);
        if (w === null) return ERR_WEIGHT;
        srcs[i].weight = w;
      }
    } else if (op !== Op.Diff && !cardOnly && remaining >= 2 && is(a, 'AGGREGATE')) {
      const v = argv[j + 1];
      if (is(v, 'SUM')) agg = Agg.Sum;
      else if (is(v, 'MIN')) agg = Agg.Min;
      else if (is(v, 'MAX')) agg = Agg.Max;
      else return ERR_SYNTAX;
      j += 2;
    } else if (dst === null && !cardOnly && is(a, 'WITHSCORES')) {
      withScores = true;
      j++;
    } else if (cardOnly && remaining >= 2 && is(a, 'LIMIT')) {
      const l = longAtLeast(argv[j + 1], 0, ERR_LIMIT_NEG);
      if (isErr(l)) return l;
      limit = l;
      j += 2;
    } else return ERR_SYNTAX;
  }
  // Stable, like the glibc merge sort behind Redis's qsort.
  if (op !== Op.Diff) srcs.sort((x, y) => sourceSize(x) - sourceSize(y));
  const limits = zsetLimits(c);
  const result = new ZSetValue(false);
  let card = 0;
  if (op === Op.Inter) {
    if (sourceSize(srcs[0]) > 0) {
      const first = srcs[0];
      each(first, (member, s0) => {
        let score = first.weight * s0;
        if (score !== score) score = 0;
        let k = 1;
        for (; k < setnum; k++) {
          const other = srcs[k];
          const same = (other.z !== null && other.z === first.z) || (other.s !== null && other.s === first.s);
          const v = same ? s0 : sourceScore(other, member);
          if (v === undefined) break;
          score = aggregate(score, v * other.weight, agg);
        }
        if (k < setnum) return;
        if (cardOnly) {
          card++;
          if (limit > 0 && card >= limit) return false;
        } else result.insertNew(score, member, limits);
      });
    }
  } else if (op === Op.Union) {
    const acc = new Map<string, number>();
    for (const src of srcs) {
      each(src, (member, s) => {
        let score = src.weight * s;
        if (score !== score) score = 0;
        const prev = acc.get(member);
        acc.set(member, prev === undefined ? score : aggregate(prev, score, agg));
      });
    }
    for (const [member, score] of acc) result.insertNew(score, member, limits);
  } else {
    diff(srcs, result, limits);
  }
  if (cardOnly) return card;
  if (dst !== null) {
    if (result.size === 0) {
      deleteKey(c, dst);
      return 0;
    }
    result.shrinkIfSmall(limits);
    setKey(c, dst, result);
    notifyZset(c, op === Op.Union ? 'zunionstore' : op === Op.Inter ? 'zinterstore' : 'zdiffstore', dst);
    return result.size;
  }
  const out: Reply[] = [];
  const resp3 = c.resp === 3;
  for (let n = result.zsl.first(); n !== null; n = n.next[0]) pushEntry(out, n.member, n.score, withScores, resp3);
  return out;
}

/** Members of the first input found in no other input, with their first-input scores. */
function diff(srcs: Source[], result: ZSetValue, limits: { maxEntries: number; maxValue: number }): void {
  const first = srcs[0];
  if (sourceSize(first) === 0) return;
  for (let k = 1; k < srcs.length; k++) {
    const o = srcs[k];
    if ((o.z !== null && o.z === first.z) || (o.s !== null && o.s === first.s)) return;
  }
  each(first, (member, score) => {
    for (let k = 1; k < srcs.length; k++) if (sourceScore(srcs[k], member) !== undefined) return;
    result.insertNew(score, member, limits);
  });
}

const def = (name: string, arity: number, flags: number, keys: [number, number, number], summary: string, complexity: string, run: CommandSpec['run'], since: string) =>
  defineCommand({ name, arity, flags: flags | F.MOVABLE_KEYS, keys, acl: ['sortedset'], group: 'sorted-set', since, summary, complexity, run });

/** The sorted-set algebra commands. */
export const zsetAlgebraCommands: CommandSpec[] = [
  def('zunion', -3, F.READONLY, [0, 0, 0], 'Add multiple sorted sets',
    'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    (c, a) => zsetOp(c, a, 1, null, Op.Union, false), '6.2.0'),
  def('zinter', -3, F.READONLY, [0, 0, 0], 'Intersect multiple sorted sets',
    'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
    (c, a) => zsetOp(c, a, 1, null, Op.Inter, false), '6.2.0'),
  def('zdiff', -3, F.READONLY, [0, 0, 0], 'Subtract multiple sorted sets',
    'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
    (c, a) => zsetOp(c, a, 1, null, Op.Diff, false), '6.2.0'),
  def('zunionstore', -4, F.WRITE | F.DENYOOM, [1, 1, 1], 'Add multiple sorted sets and store the resulting sorted set in a new key',
    'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    (c, a) => zsetOp(c, a, 2, a[1], Op.Union, false), '2.0.0'),
  def('zinterstore', -4, F.WRITE | F.DENYOOM, [1, 1, 1], 'Intersect multiple sorted sets and store the resulting sorted set in a new key',
    'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
    (c, a) => zsetOp(c, a, 2, a[1], Op.Inter, false), '2.0.0'),
  def('zdiffstore', -4, F.WRITE | F.DENYOOM, [1, 1, 1], 'Subtract multiple sorted sets and store the resulting sorted set in a new key',
    'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
    (c, a) => zsetOp(c, a, 2, a[1], Op.Diff, false), '6.2.0'),
  def('zintercard', -3, F.READONLY, [0, 0, 0], 'Intersect multiple sorted sets and return the cardinality of the result',
    'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
    (c, a) => zsetOp(c, a, 1, null, Op.Inter, true), '7.0.0'),
];
