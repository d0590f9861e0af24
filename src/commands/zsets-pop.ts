// Pops: ZPOPMIN ZPOPMAX ZMPOP and the blocking BZPOPMIN BZPOPMAX BZMPOP.
// A blocked client parks with c.block(); broker/blocking.ts retries it when
// one of its keys is touched, and only a non-empty sorted set serves it (a
// key of another type keeps it waiting, as in Redis 7.0).
import { EMPTY_ARRAY, ERR_SYNTAX, ERR_WRONGTYPE, NULL_ARRAY, type ErrorReply, type Reply } from '../../protocols/reply.js';
import type { ZSetValue } from '../core/types/zset.js';
import { defineCommand } from './define.js';
import { is, isErr } from './args.js';
import { BLOCKED, Flag, type Blocked, type Client, type CommandSpec } from './types.js';
import { notifyZset, scoreReply } from './zsets-util.js';
import { dropKey, positiveLong } from './collections.js';
import { denyBlocking, park, parseMpop, timeoutArg } from './lists-common.js';

const F = Flag;

/** Reply shapes of genericZpopCommand. */
interface PopShape {
  /** Include the key name (BZPOP*, ZMPOP, BZMPOP). */
  emitKey: boolean;
  /** [member, score] pairs instead of a flat list. */
  nested: boolean;
  /** Null array instead of an empty array when nothing can be popped. */
  nilWhenEmpty: boolean;
}

const FLAT: PopShape = { emitKey: false, nested: false, nilWhenEmpty: false };
const NESTED: PopShape = { emitKey: false, nested: true, nilWhenEmpty: false };
const FLAT_KEY: PopShape = { emitKey: true, nested: false, nilWhenEmpty: false };
const MPOP: PopShape = { emitKey: true, nested: true, nilWhenEmpty: true };

/** Pops up to `count` (-1 = single) from the first existing key; WRONGTYPE stops at the first bad key. */
function zpopGeneric(c: Client, keys: string[], max: boolean, count: number, shape: PopShape): Reply {
  let key = '';
  let zs: ZSetValue | undefined;
  for (const k of keys) {
    const v = c.db.get(k);
    if (v === undefined) continue;
    if (typeof v === 'string' || v.type !== 'zset') return ERR_WRONGTYPE;
    key = k;
    zs = v as ZSetValue;
    break;
  }
  if (zs === undefined) return shape.nilWhenEmpty ? NULL_ARRAY : EMPTY_ARRAY;
  if (count === 0) return EMPTY_ARRAY;
  return popFrom(c, key, zs, max, count === -1 ? 1 : count, shape);
}

/** Removes `count` members from one end of zs and builds the reply. */
function popFrom(c: Client, key: string, zs: ZSetValue, max: boolean, count: number, shape: PopShape): Reply {
  const n = Math.min(count, zs.size);
  const items: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const node = max ? zs.zsl.tail! : zs.zsl.first()!;
    zs.delete(node.member);
    if (i === 0) {
      notifyZset(c, max ? 'zpopmax' : 'zpopmin', key);
      c.db.touch(key);
    }
    if (shape.nested) items.push([node.member, scoreReply(node.score)]);
    else items.push(node.member, scoreReply(node.score));
  }
  if (zs.size === 0) dropKey(c, key);
  if (!shape.emitKey) return items;
  if (shape.nested) return [key, items];
  items.unshift(key);
  return items;
}

function zpopMinMax(c: Client, argv: string[], max: boolean): Reply {
  if (argv.length > 3) return ERR_SYNTAX;
  let count = -1;
  if (argv.length === 3) {
    const n = positiveLong(argv[2]);
    if (isErr(n)) return n;
    count = n;
  }
  return zpopGeneric(c, [argv[1]], max, count, c.resp === 3 && count !== -1 ? NESTED : FLAT);
}

/** BZPOPMIN/BZPOPMAX/BZMPOP: pop now, or park the client until a key gets members. */
function blockingPop(c: Client, keys: string[], max: boolean, timeoutText: string, count: number, shape: PopShape): Reply | Blocked {
  const deadline = timeoutArg(c, timeoutText);
  if (isErr(deadline)) return deadline;
  for (const k of keys) {
    const v = c.db.get(k);
    if (v === undefined) continue;
    if (typeof v === 'string' || v.type !== 'zset') return ERR_WRONGTYPE;
    return popFrom(c, k, v as ZSetValue, max, count, shape);
  }
  if (denyBlocking(c)) return NULL_ARRAY;
  return park(c, keys, deadline, () => {
    for (const k of keys) {
      const v = c.db.get(k);
      if (v === undefined || typeof v === 'string' || v.type !== 'zset') continue;
      return popFrom(c, k, v as ZSetValue, max, count, shape);
    }
    return BLOCKED;
  });
}

/** MIN -> false, MAX -> true, else ERR syntax error. */
function maxArg(s: string): boolean | ErrorReply {
  if (is(s, 'MIN')) return false;
  if (is(s, 'MAX')) return true;
  return ERR_SYNTAX;
}

/** ZMPOP / BZMPOP: `at` is the numkeys index. */
function zmpopGeneric(c: Client, argv: string[], at: number, blocking: boolean): Reply | Blocked {
  const a = parseMpop(argv, at, maxArg);
  if (isErr(a)) return a;
  if (blocking) return blockingPop(c, a.keys, a.where, argv[1], a.count, MPOP);
  return zpopGeneric(c, a.keys, a.where, a.count, MPOP);
}

function bzpop(c: Client, argv: string[], max: boolean): Reply | Blocked {
  return blockingPop(c, argv.slice(1, -1), max, argv[argv.length - 1], 1, FLAT_KEY);
}

const def = (name: string, arity: number, flags: number, keys: [number, number, number], summary: string, complexity: string, run: CommandSpec['run'], since: string) =>
  defineCommand({ name, arity, flags, keys, acl: ['sortedset'], group: 'sorted-set', since, summary, complexity, run });

/** The pop commands. */
export const zsetPopCommands: CommandSpec[] = [
  def('zpopmin', -2, F.WRITE | F.FAST, [1, 1, 1], 'Remove and return members with the lowest scores in a sorted set',
    'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    (c, a) => zpopMinMax(c, a, false), '5.0.0'),
  def('zpopmax', -2, F.WRITE | F.FAST, [1, 1, 1], 'Remove and return members with the highest scores in a sorted set',
    'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    (c, a) => zpopMinMax(c, a, true), '5.0.0'),
  def('zmpop', -4, F.WRITE | F.MOVABLE_KEYS, [0, 0, 0], 'Remove and return members with scores in a sorted set',
    'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    (c, a) => zmpopGeneric(c, a, 1, false), '7.0.0'),
  def('bzpopmin', -3, F.WRITE | F.NOSCRIPT | F.BLOCKING | F.FAST, [1, -2, 1],
    'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available',
    'O(log(N)) with N being the number of elements in the sorted set.', (c, a) => bzpop(c, a, false), '5.0.0'),
  def('bzpopmax', -3, F.WRITE | F.NOSCRIPT | F.BLOCKING | F.FAST, [1, -2, 1],
    'Remove and return the member with the highest score from one or more sorted sets, or block until one is available',
    'O(log(N)) with N being the number of elements in the sorted set.', (c, a) => bzpop(c, a, true), '5.0.0'),
  def('bzmpop', -5, F.WRITE | F.BLOCKING | F.MOVABLE_KEYS, [0, 0, 0],
    'Remove and return members with scores in a sorted set or block until one is available',
    'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    (c, a) => zmpopGeneric(c, a, 2, true), '7.0.0'),
];
