// List commands: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET
// LINSERT LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP (blocking variants live in
// lists-blocking.ts). Checks, lookups and keyspace events in Redis's order.
import {
  EMPTY_ARRAY, ERR_NOT_INTEGER, ERR_NO_SUCH_KEY, ERR_SYNTAX, NULL_ARRAY, OK, err, type Reply,
} from '../../protocols/reply.js';
import { defineCommand, type CommandDef } from './define.js';
import { arityError, intArg, is, isErr, parseInt64 } from './args.js';
import {
  createList, deleteIfEmpty, lookupList, moveElement, mpopFirst, notifyList, parseMpop, popped, popRange, whereArg,
} from './lists-common.js';
import { clampRange, longAtLeast, positiveLong } from './collections.js';
import { blockingListCommands } from './lists-blocking.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const ERR_INDEX = err('ERR index out of range');
const ERR_RANK_ZERO = err(
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
const ERR_COUNT_NEG = err("ERR COUNT can't be negative");
const ERR_MAXLEN_NEG = err("ERR MAXLEN can't be negative");

/** LPUSH / RPUSH / LPUSHX / RPUSHX. */
function push(c: Client, argv: string[], head: boolean, onlyIfExists: boolean): Reply {
  const key = argv[1];
  let l = lookupList(c, key);
  if (isErr(l)) return l;
  if (l === undefined) {
    if (onlyIfExists) return 0;
    l = createList(c, key);
  }
  if (head) for (let i = 2; i < argv.length; i++) l.pushHead(argv[i]);
  else for (let i = 2; i < argv.length; i++) l.pushTail(argv[i]);
  c.db.touch(key);
  notifyList(c, head ? 'lpush' : 'rpush', key);
  return l.length;
}

/** LPOP / RPOP key [count]: a bulk without count, an array with it. */
function pop(c: Client, argv: string[], head: boolean): Reply {
  if (argv.length > 3) return arityError(head ? 'lpop' : 'rpop');
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = positiveLong(argv[2]);
    if (isErr(n)) return n;
    count = n;
  }
  const key = argv[1];
  const l = lookupList(c, key);
  if (l === undefined) return hasCount ? NULL_ARRAY : null;
  if (isErr(l)) return l;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  if (!hasCount) {
    const v = head ? l.popHead()! : l.popTail()!;
    popped(c, key, l, head);
    return v;
  }
  return popRange(c, key, l, head, count);
}

function llen(c: Client, argv: string[]): Reply {
  const l = lookupList(c, argv[1], true);
  if (l === undefined) return 0;
  if (isErr(l)) return l;
  return l.length;
}

function lrange(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  if (isErr(start)) return start;
  const end = intArg(argv[3]);
  if (isErr(end)) return end;
  const l = lookupList(c, argv[1], true);
  if (l === undefined) return EMPTY_ARRAY;
  if (isErr(l)) return l;
  const r = clampRange(start, end, l.length);
  return r === null ? EMPTY_ARRAY : l.range(r[0], r[1]);
}

/** An index (negative from the tail) as a position in the list, or -1 when outside it. */
function position(index: number, len: number): number {
  const i = index < 0 ? len + index : index;
  return i >= 0 && i < len ? i : -1;
}

function lindex(c: Client, argv: string[]): Reply {
  const l = lookupList(c, argv[1], true);
  if (l === undefined) return null;
  if (isErr(l)) return l;
  const index = intArg(argv[2]);
  if (isErr(index)) return index;
  const i = position(index, l.length);
  return i < 0 ? null : l.at(i);
}

function lset(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const l = lookupList(c, key);
  if (l === undefined) return ERR_NO_SUCH_KEY;
  if (isErr(l)) return l;
  const index = intArg(argv[2]);
  if (isErr(index)) return index;
  const i = position(index, l.length);
  if (i < 0) return ERR_INDEX;
  l.setAt(i, argv[3]);
  c.db.touch(key);
  notifyList(c, 'lset', key);
  return OK;
}

/** LINSERT key BEFORE|AFTER pivot element */
function linsert(c: Client, argv: string[]): Reply {
  let after: boolean;
  if (is(argv[2], 'AFTER')) after = true;
  else if (is(argv[2], 'BEFORE')) after = false;
  else return ERR_SYNTAX;
  const key = argv[1];
  const l = lookupList(c, key);
  if (l === undefined) return 0;
  if (isErr(l)) return l;
  const at = l.indexOf(argv[3]);
  if (at < 0) return -1;
  l.insertAt(after ? at + 1 : at, argv[4]);
  c.db.touch(key);
  notifyList(c, 'linsert', key);
  return l.length;
}

/** LREM key count element */
function lrem(c: Client, argv: string[]): Reply {
  const count = intArg(argv[2]);
  if (isErr(count)) return count;
  const key = argv[1];
  const l = lookupList(c, key);
  if (l === undefined) return 0;
  if (isErr(l)) return l;
  const removed = l.remove(argv[3], Math.abs(count), count < 0);
  if (removed > 0) {
    c.db.touch(key);
    notifyList(c, 'lrem', key);
  }
  deleteIfEmpty(c, key, l);
  return removed;
}

function ltrim(c: Client, argv: string[]): Reply {
  const start = intArg(argv[2]);
  if (isErr(start)) return start;
  const end = intArg(argv[3]);
  if (isErr(end)) return end;
  const key = argv[1];
  const l = lookupList(c, key);
  if (l === undefined) return OK;
  if (isErr(l)) return l;
  const len = l.length;
  const r = clampRange(start, end, len);
  if (r === null) l.trim(len, 0);
  else l.trim(r[0], len - r[1] - 1);
  notifyList(c, 'ltrim', key);
  deleteIfEmpty(c, key, l);
  c.db.touch(key);
  return OK;
}

/** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] */
function lpos(c: Client, argv: string[]): Reply {
  let rank = 1;
  let rankIsLongMin = false;
  let count = -1; // -1: no COUNT option
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const more = j < argv.length - 1;
    if (more && is(argv[j], 'RANK')) {
      const r = parseInt64(argv[++j]);
      if (r === null) return ERR_NOT_INTEGER;
      if (r === 0) return ERR_RANK_ZERO;
      rankIsLongMin = r === -9223372036854775808n;
      rank = Number(r);
    } else if (more && is(argv[j], 'COUNT')) {
      const n = longAtLeast(argv[++j], 0, ERR_COUNT_NEG);
      if (isErr(n)) return n;
      count = n;
    } else if (more && is(argv[j], 'MAXLEN')) {
      const n = longAtLeast(argv[++j], 0, ERR_MAXLEN_NEG);
      if (isErr(n)) return n;
      maxlen = n;
    } else return ERR_SYNTAX;
  }
  // Negative rank: search from the tail. (-LONG_MIN wraps to itself in Redis: it stays "any match".)
  const fromTail = rank < 0;
  if (fromTail && !rankIsLongMin) rank = -rank;
  const l = lookupList(c, argv[1], true);
  if (l === undefined) return count !== -1 ? EMPTY_ARRAY : null;
  if (isErr(l)) return l;
  const len = l.length;
  const out: number[] = [];
  let matches = 0;
  for (let index = 0; index < len && (maxlen === 0 || index < maxlen); index++) {
    const pos = fromTail ? len - index - 1 : index;
    if (l.at(pos) !== argv[2]) continue;
    matches++;
    if (matches >= rank) {
      if (count === -1) return pos;
      out.push(pos);
      if (count !== 0 && matches - rank + 1 >= count) break;
    }
  }
  return count === -1 ? null : out;
}

/** LMOVE / RPOPLPUSH once the directions are known. */
function lmoveGeneric(c: Client, src: string, dst: string, fromHead: boolean, toHead: boolean): Reply {
  const l = lookupList(c, src);
  if (l === undefined) return null;
  if (isErr(l)) return l;
  return moveElement(c, src, l, dst, fromHead, toHead);
}

function lmove(c: Client, argv: string[]): Reply {
  const from = whereArg(argv[3]);
  if (isErr(from)) return from;
  const to = whereArg(argv[4]);
  if (isErr(to)) return to;
  return lmoveGeneric(c, argv[1], argv[2], from, to);
}

function lmpop(c: Client, argv: string[]): Reply {
  const a = parseMpop(argv, 1, whereArg);
  if (isErr(a)) return a;
  return mpopFirst(c, a.keys, a.where, a.count) ?? NULL_ARRAY;
}

const listCmd = (d: Omit<CommandDef, 'group'>) => defineCommand({ acl: ['list'], keys: [1, 1, 1], ...d, group: 'list' });
const key = { name: 'key', type: 'key' } as const;
const element = { name: 'element', type: 'string' } as const;
const whereDoc = (name: string) => ({
  name, type: 'oneof' as const,
  arguments: [{ name: 'left', type: 'pure-token' as const, token: 'LEFT' }, { name: 'right', type: 'pure-token' as const, token: 'RIGHT' }],
});
const PUSH_COMPLEXITY = 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.';

export const listsCommands: CommandSpec[] = [
  listCmd({
    name: 'lpush', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, since: '1.0.0',
    summary: 'Prepend one or multiple elements to a list', complexity: PUSH_COMPLEXITY,
    args: [key, { ...element, multiple: true }], run: (c, argv) => push(c, argv, true, false),
  }),
  listCmd({
    name: 'rpush', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, since: '1.0.0',
    summary: 'Append one or multiple elements to a list', complexity: PUSH_COMPLEXITY,
    args: [key, { ...element, multiple: true }], run: (c, argv) => push(c, argv, false, false),
  }),
  listCmd({
    name: 'lpushx', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, since: '2.2.0',
    summary: 'Prepend an element to a list, only if the list exists', complexity: PUSH_COMPLEXITY,
    args: [key, { ...element, multiple: true }], run: (c, argv) => push(c, argv, true, true),
  }),
  listCmd({
    name: 'rpushx', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, since: '2.2.0',
    summary: 'Append an element to a list, only if the list exists', complexity: PUSH_COMPLEXITY,
    args: [key, { ...element, multiple: true }], run: (c, argv) => push(c, argv, false, true),
  }),
  listCmd({
    name: 'lpop', arity: -2, flags: F.WRITE | F.FAST, since: '1.0.0',
    summary: 'Remove and get the first elements in a list', complexity: 'O(N) where N is the number of elements returned',
    args: [key, { name: 'count', type: 'integer', optional: true }], run: (c, argv) => pop(c, argv, true),
  }),
  listCmd({
    name: 'rpop', arity: -2, flags: F.WRITE | F.FAST, since: '1.0.0',
    summary: 'Remove and get the last elements in a list', complexity: 'O(N) where N is the number of elements returned',
    args: [key, { name: 'count', type: 'integer', optional: true }], run: (c, argv) => pop(c, argv, false),
  }),
  listCmd({
    name: 'llen', keyFlags: ['RO'], arity: 2, flags: F.READONLY | F.FAST, since: '1.0.0',
    summary: 'Get the length of a list', complexity: 'O(1)', args: [key], run: llen,
  }),
  listCmd({
    name: 'lrange', arity: 4, flags: F.READONLY, since: '1.0.0',
    summary: 'Get a range of elements from a list',
    complexity: 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    args: [key, { name: 'start', type: 'integer' }, { name: 'stop', type: 'integer' }], run: lrange,
  }),
  listCmd({
    name: 'lindex', arity: 3, flags: F.READONLY, since: '1.0.0',
    summary: 'Get an element from a list by its index',
    complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
    args: [key, { name: 'index', type: 'integer' }], run: lindex,
  }),
  listCmd({
    name: 'lset', arity: 4, flags: F.WRITE | F.DENYOOM, since: '1.0.0',
    summary: 'Set the value of an element in a list by its index',
    complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
    args: [key, { name: 'index', type: 'integer' }, element], run: lset,
  }),
  listCmd({
    name: 'linsert', keyFlags: ['RW', 'insert'], arity: 5, flags: F.WRITE | F.DENYOOM, since: '2.2.0',
    summary: 'Insert an element before or after another element in a list',
    complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
    args: [
      key,
      { name: 'where', type: 'oneof', arguments: [{ name: 'before', type: 'pure-token', token: 'BEFORE' }, { name: 'after', type: 'pure-token', token: 'AFTER' }] },
      { name: 'pivot', type: 'string' }, element,
    ],
    run: linsert,
  }),
  listCmd({
    name: 'lrem', keyFlags: ['RW', 'delete'], arity: 4, flags: F.WRITE, since: '1.0.0',
    summary: 'Remove elements from a list', complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    args: [key, { name: 'count', type: 'integer' }, element], run: lrem,
  }),
  listCmd({
    name: 'ltrim', keyFlags: ['RW', 'delete'], arity: 4, flags: F.WRITE, since: '1.0.0',
    summary: 'Trim a list to the specified range', complexity: 'O(N) where N is the number of elements to be removed by the operation.',
    args: [key, { name: 'start', type: 'integer' }, { name: 'stop', type: 'integer' }], run: ltrim,
  }),
  listCmd({
    name: 'lpos', arity: -3, flags: F.READONLY, since: '6.0.6',
    summary: 'Return the index of matching elements on a list',
    complexity: 'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
    args: [
      key, element,
      { name: 'rank', type: 'integer', token: 'RANK', optional: true },
      { name: 'num-matches', type: 'integer', token: 'COUNT', optional: true },
      { name: 'len', type: 'integer', token: 'MAXLEN', optional: true },
    ],
    run: lpos,
  }),
  listCmd({
    name: 'lmove', arity: 5, flags: F.WRITE | F.DENYOOM, keys: [1, 2, 1], since: '6.2.0',
    summary: 'Pop an element from a list, push it to another list and return it', complexity: 'O(1)',
    args: [{ name: 'source', type: 'key' }, { name: 'destination', type: 'key' }, whereDoc('wherefrom'), whereDoc('whereto')],
    run: lmove,
  }),
  listCmd({
    name: 'rpoplpush', arity: 3, flags: F.WRITE | F.DENYOOM, keys: [1, 2, 1], since: '1.2.0',
    summary: 'Remove the last element in a list, prepend it to another list and return it', complexity: 'O(1)',
    args: [{ name: 'source', type: 'key' }, { name: 'destination', type: 'key' }],
    run: (c, argv) => lmoveGeneric(c, argv[1], argv[2], false, true),
  }),
  listCmd({
    name: 'lmpop', arity: -4, flags: F.WRITE | F.MOVABLE_KEYS, keys: [0, 0, 0], since: '7.0.0',
    summary: 'Pop elements from a list',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    args: [
      { name: 'numkeys', type: 'integer' }, { ...key, multiple: true }, whereDoc('where'),
      { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    ],
    run: lmpop,
  }),
  ...blockingListCommands,
];
