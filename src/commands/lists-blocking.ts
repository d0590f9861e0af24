// Blocking list commands: BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP.
// With data available they behave like their non-blocking forms. Otherwise
// the client parks with c.block(); broker/blocking.ts retries it, oldest
// first, when a key it waits on is touched. As in Redis 7.0 a woken client
// is served from the key that became ready, a key of another type keeps it
// waiting, and a timeout (or any wait inside MULTI/EXEC) replies a null
// array; BLMOVE/BRPOPLPUSH inside EXEC reply a null bulk instead.
import { NULL_ARRAY, type Reply } from '../../protocols/reply.js';
import type { ListValue } from '../core/types/list.js';
import { defineCommand, type CommandDef } from './define.js';
import { isErr } from './args.js';
import {
  denyBlocking, lookupList, moveElement, mpopFirst, park, parseMpop, popOneWithKey, popRange, timeoutArg, whereArg,
} from './lists-common.js';
import { BLOCKED, Flag, type Blocked, type Client, type CommandSpec } from './types.js';

const F = Flag;

/** The non-empty list at key now, or undefined (missing, empty or another type: keep waiting). */
function readyList(c: Client, key: string): ListValue | undefined {
  const v = c.db.get(key);
  if (v === undefined || typeof v === 'string' || v.type !== 'list') return undefined;
  const l = v as ListValue;
  return l.length > 0 ? l : undefined;
}

/** Keys to try when woken: the ready key alone, or every key in order when none is named. */
function candidates(keys: string[], readyKey: string | undefined): string[] {
  return readyKey === undefined ? keys : [readyKey];
}

/** BLPOP / BRPOP key [key ...] timeout */
function bpop(c: Client, argv: string[], head: boolean): Reply | Blocked {
  const deadline = timeoutArg(c, argv[argv.length - 1]);
  if (isErr(deadline)) return deadline;
  const keys = argv.slice(1, argv.length - 1);
  for (const key of keys) {
    const l = lookupList(c, key);
    if (l === undefined) continue;
    if (isErr(l)) return l;
    if (l.length === 0) continue;
    return popOneWithKey(c, key, l, head);
  }
  if (denyBlocking(c)) return NULL_ARRAY;
  return park(c, keys, deadline, (readyKey) => {
    for (const key of candidates(keys, readyKey)) {
      const l = readyList(c, key);
      if (l !== undefined) return popOneWithKey(c, key, l, head);
    }
    return BLOCKED;
  });
}

/** BLMOVE / BRPOPLPUSH once the directions and the deadline are parsed. */
function bmove(c: Client, src: string, dst: string, fromHead: boolean, toHead: boolean, deadline: number): Reply | Blocked {
  const l = lookupList(c, src);
  if (isErr(l)) return l;
  if (l !== undefined) return moveElement(c, src, l, dst, fromHead, toHead);
  if (denyBlocking(c)) return null;
  return park(c, [src], deadline, () => {
    const ready = readyList(c, src);
    // A destination of another type answers WRONGTYPE and leaves the source untouched.
    return ready === undefined ? BLOCKED : moveElement(c, src, ready, dst, fromHead, toHead);
  });
}

function blmove(c: Client, argv: string[]): Reply | Blocked {
  const from = whereArg(argv[3]);
  if (isErr(from)) return from;
  const to = whereArg(argv[4]);
  if (isErr(to)) return to;
  const deadline = timeoutArg(c, argv[5]);
  if (isErr(deadline)) return deadline;
  return bmove(c, argv[1], argv[2], from, to, deadline);
}

function brpoplpush(c: Client, argv: string[]): Reply | Blocked {
  const deadline = timeoutArg(c, argv[3]);
  if (isErr(deadline)) return deadline;
  return bmove(c, argv[1], argv[2], false, true, deadline);
}

/** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] */
function blmpop(c: Client, argv: string[]): Reply | Blocked {
  const a = parseMpop(argv, 2, whereArg);
  if (isErr(a)) return a;
  const deadline = timeoutArg(c, argv[1]);
  if (isErr(deadline)) return deadline;
  const now = mpopFirst(c, a.keys, a.where, a.count);
  if (now !== undefined) return now;
  if (denyBlocking(c)) return NULL_ARRAY;
  return park(c, a.keys, deadline, (readyKey) => {
    for (const key of candidates(a.keys, readyKey)) {
      const l = readyList(c, key);
      if (l !== undefined) return [key, popRange(c, key, l, a.where, a.count)];
    }
    return BLOCKED;
  });
}

const blockingCmd = (d: Omit<CommandDef, 'group'>) => defineCommand({ acl: ['list'], ...d, group: 'list' });
const whereDoc = (name: string) => ({
  name, type: 'oneof' as const,
  arguments: [{ name: 'left', type: 'pure-token' as const, token: 'LEFT' }, { name: 'right', type: 'pure-token' as const, token: 'RIGHT' }],
});
const timeoutDoc = { name: 'timeout', type: 'double' } as const;

/** The blocking list commands (listed in listsCommands). */
export const blockingListCommands: CommandSpec[] = [
  blockingCmd({
    name: 'blpop', arity: -3, flags: F.WRITE | F.NOSCRIPT | F.BLOCKING, keys: [1, -2, 1], since: '2.0.0',
    summary: 'Remove and get the first element in a list, or block until one is available',
    complexity: 'O(N) where N is the number of provided keys.',
    args: [{ name: 'key', type: 'key', multiple: true }, timeoutDoc],
    run: (c, argv) => bpop(c, argv, true),
  }),
  blockingCmd({
    name: 'brpop', arity: -3, flags: F.WRITE | F.NOSCRIPT | F.BLOCKING, keys: [1, -2, 1], since: '2.0.0',
    summary: 'Remove and get the last element in a list, or block until one is available',
    complexity: 'O(N) where N is the number of provided keys.',
    args: [{ name: 'key', type: 'key', multiple: true }, timeoutDoc],
    run: (c, argv) => bpop(c, argv, false),
  }),
  blockingCmd({
    name: 'blmove', arity: 6, flags: F.WRITE | F.DENYOOM | F.NOSCRIPT | F.BLOCKING, keys: [1, 2, 1], since: '6.2.0',
    summary: 'Pop an element from a list, push it to another list and return it; or block until one is available',
    complexity: 'O(1)',
    args: [{ name: 'source', type: 'key' }, { name: 'destination', type: 'key' }, whereDoc('wherefrom'), whereDoc('whereto'), timeoutDoc],
    run: blmove,
  }),
  blockingCmd({
    name: 'brpoplpush', arity: 4, flags: F.WRITE | F.DENYOOM | F.NOSCRIPT | F.BLOCKING, keys: [1, 2, 1], since: '2.2.0',
    summary: 'Pop an element from a list, push it to another list and return it; or block until one is available',
    complexity: 'O(1)',
    args: [{ name: 'source', type: 'key' }, { name: 'destination', type: 'key' }, timeoutDoc],
    run: brpoplpush,
  }),
  blockingCmd({
    name: 'blmpop', arity: -5, flags: F.WRITE | F.BLOCKING | F.MOVABLE_KEYS, keys: [0, 0, 0], since: '7.0.0',
    summary: 'Pop elements from a list, or block until one is available',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    args: [
      timeoutDoc, { name: 'numkeys', type: 'integer' }, { name: 'key', type: 'key', multiple: true }, whereDoc('where'),
      { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    ],
    run: blmpop,
  }),
];
