// Set commands: SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP
// SRANDMEMBER SMOVE SSCAN; the algebra (SINTER, SUNION, SDIFF and their
// STORE / CARD forms) lives in sets-algebra.ts.
import { EMPTY_ARRAY, ERR_SYNTAX, NIL, SetReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { SetValue } from '../core/types/set.js';
import { defineCommand } from './define.js';
import { isErr } from './args.js';
import { lookupTyped } from './lookup.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { setAlgebraCommands, unionOf } from './sets-algebra.js';
import { addKey, dropKey, scanReply, positiveLong, randomCountArg, shuffleHead, ERR_OUT_OF_RANGE, MAX_REPLY_ITEMS } from './collections.js';
import { ERR_INVALID_CURSOR, emptyScan, parseScanCursor, parseScanOptions } from './scanning.js';
import { scanStep } from '../core/scan.js';

const F = Flag;
const EMPTY_SET = new SetReply(EMPTY_ARRAY);

/** set-max-intset-entries. */
function maxIntset(c: Client): number {
  return c.server.config.num('set-max-intset-entries');
}

function notifySet(c: Client, event: string, key: string): void {
  c.server.notify(NotifyClass.SET, event, key, c.db.index);
}

function sadd(c: Client, argv: string[]): Reply {
  const key = argv[1];
  let set = lookupTyped<SetValue>(c.db, key, 'set');
  if (isErr(set)) return set;
  if (set === undefined) {
    set = SetValue.forFirstMember(argv[2]);
    addKey(c, key, set);
  }
  const max = maxIntset(c);
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (set.add(argv[i], max)) added++;
  if (added > 0) {
    c.db.touch(key);
    notifySet(c, 'sadd', key);
  }
  return added;
}

function srem(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const set = lookupTyped<SetValue>(c.db, key, 'set');
  if (set === undefined) return 0;
  if (isErr(set)) return set;
  let removed = 0;
  for (let i = 2; i < argv.length && set.size > 0; i++) if (set.delete(argv[i])) removed++;
  if (removed > 0) {
    notifySet(c, 'srem', key);
    if (set.size === 0) dropKey(c, key);
    else c.db.touch(key);
  }
  return removed;
}

function smove(c: Client, argv: string[]): Reply {
  const [, srcKey, dstKey, member] = argv;
  const src = lookupTyped<SetValue>(c.db, srcKey, 'set');
  const dst = lookupTyped<SetValue>(c.db, dstKey, 'set');
  if (src === undefined) return 0;
  if (isErr(src)) return src;
  if (isErr(dst)) return dst;
  if (src === dst) return src.has(member) ? 1 : 0;
  if (!src.delete(member)) return 0;
  notifySet(c, 'srem', srcKey);
  if (src.size === 0) dropKey(c, srcKey);
  let target = dst;
  if (target === undefined) {
    target = SetValue.forFirstMember(member);
    addKey(c, dstKey, target);
  }
  c.db.touch(srcKey);
  if (target.add(member, maxIntset(c))) {
    c.db.touch(dstKey);
    notifySet(c, 'sadd', dstKey);
  }
  return 1;
}

function sismember(c: Client, argv: string[]): Reply {
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return 0;
  if (isErr(set)) return set;
  return set.has(argv[2]) ? 1 : 0;
}

function smismember(c: Client, argv: string[]): Reply {
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (isErr(set)) return set;
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) out[i - 2] = set !== undefined && set.has(argv[i]) ? 1 : 0;
  return out;
}

function scard(c: Client, argv: string[]): Reply {
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return 0;
  if (isErr(set)) return set;
  return set.size;
}

function smembers(c: Client, argv: string[]): Reply {
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return EMPTY_SET;
  if (isErr(set)) return set;
  return new SetReply(set.members().slice());
}

function spop(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return ERR_SYNTAX;
  if (argv.length === 3) return spopCount(c, argv);
  const key = argv[1];
  const set = lookupTyped<SetValue>(c.db, key, 'set');
  if (set === undefined) return NIL;
  if (isErr(set)) return set;
  const member = set.pop();
  notifySet(c, 'spop', key);
  if (set.size === 0) dropKey(c, key);
  else c.db.touch(key);
  return member;
}

function spopCount(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const count = positiveLong(argv[2]);
  if (isErr(count)) return count;
  const set = lookupTyped<SetValue>(c.db, key, 'set');
  if (set === undefined) return EMPTY_SET;
  if (isErr(set)) return set;
  if (count === 0) return EMPTY_SET;
  const size = set.size;
  notifySet(c, 'spop', key);
  if (count >= size) {
    const all = unionOf([set], maxIntset(c)).members().slice();
    dropKey(c, key);
    return new SetReply(all);
  }
  const remaining = size - count;
  const out: string[] = [];
  if (remaining * 5 > count) {
    for (let i = 0; i < count; i++) out.push(set.pop());
    c.db.touch(key);
  } else {
    // Few survivors: move them into a new set and return what is left.
    const max = maxIntset(c);
    let kept: SetValue | null = null;
    for (let i = 0; i < remaining; i++) {
      const m = set.pop();
      if (kept === null) kept = SetValue.forFirstMember(m);
      kept.add(m, max);
    }
    for (const m of set.members()) out.push(m);
    c.db.overwrite(key, kept!);
  }
  return new SetReply(out);
}

function srandmember(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return ERR_SYNTAX;
  if (argv.length === 3) return srandmemberCount(c, argv);
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return NIL;
  if (isErr(set)) return set;
  return set.random();
}

function srandmemberCount(c: Client, argv: string[]): Reply {
  const l = randomCountArg(argv, null);
  if (isErr(l)) return l;
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return EMPTY_ARRAY;
  if (isErr(set)) return set;
  const size = set.size;
  if (l === 0) return EMPTY_ARRAY;
  if (l < 0 || l === 1) {
    const n = l < 0 ? -l : 1;
    if (n > MAX_REPLY_ITEMS) return ERR_OUT_OF_RANGE;
    const out: Reply[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = set.random();
    return out;
  }
  if (l >= size) return set.members().slice();
  if (l * 3 > size) {
    // Most of the set: a partial shuffle of a copy.
    const pool = set.members().slice();
    shuffleHead(pool, l);
    pool.length = l;
    return pool;
  }
  // A small part of a big set: draw until enough distinct members.
  const seen = new Set<string>();
  while (seen.size < l) seen.add(set.random());
  return [...seen];
}

function sscan(c: Client, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) return ERR_INVALID_CURSOR;
  const set = lookupTyped<SetValue>(c.db, argv[1], 'set', true);
  if (set === undefined) return emptyScan();
  if (isErr(set)) return set;
  const opts = parseScanOptions(argv, 3, false);
  if (isErr(opts)) return opts;
  const found: string[] = [];
  let next = '0';
  // An intset is returned whole in one call, as Redis does for compact encodings.
  if (set.intset) for (const m of set.members()) found.push(m);
  else next = scanStep(set, cursor, () => set.liveMembers(), opts.count, (m) => found.push(m));
  return scanReply(next, found, opts.pattern, 1);
}

export const setsCommands: CommandSpec[] = [
  defineCommand({
    name: 'sadd', arity: -3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    summary: 'Add one or more members to a set',
    args: [{ name: 'key', type: 'key' }, { name: 'member', type: 'string', multiple: true }],
    run: sadd,
  }),
  defineCommand({
    name: 'srem', arity: -3, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(N) where N is the number of members to be removed.',
    summary: 'Remove one or more members from a set',
    args: [{ name: 'key', type: 'key' }, { name: 'member', type: 'string', multiple: true }],
    run: srem,
  }),
  defineCommand({
    name: 'smove', arity: 4, flags: F.WRITE | F.FAST, keys: [1, 2, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(1)',
    summary: 'Move a member from one set to another',
    args: [{ name: 'source', type: 'key' }, { name: 'destination', type: 'key' }, { name: 'member', type: 'string' }],
    run: smove,
  }),
  defineCommand({
    name: 'sismember', arity: 3, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(1)',
    summary: 'Determine if a given value is a member of a set',
    args: [{ name: 'key', type: 'key' }, { name: 'member', type: 'string' }],
    run: sismember,
  }),
  defineCommand({
    name: 'smismember', arity: -3, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '6.2.0', complexity: 'O(N) where N is the number of elements being checked for membership',
    summary: 'Returns the membership associated with the given elements for a set',
    args: [{ name: 'key', type: 'key' }, { name: 'member', type: 'string', multiple: true }],
    run: smismember,
  }),
  defineCommand({
    name: 'scard', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(1)',
    summary: 'Get the number of members in a set',
    args: [{ name: 'key', type: 'key' }],
    run: scard,
  }),
  defineCommand({
    name: 'smembers', arity: 2, flags: F.READONLY, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'O(N) where N is the set cardinality.',
    summary: 'Get all the members in a set',
    args: [{ name: 'key', type: 'key' }],
    run: smembers,
  }),
  defineCommand({
    name: 'spop', arity: -2, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    summary: 'Remove and return one or multiple random members from a set',
    args: [{ name: 'key', type: 'key' }, { name: 'count', type: 'integer', optional: true }],
    run: spop,
  }),
  defineCommand({
    name: 'srandmember', arity: -2, flags: F.READONLY, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '1.0.0', complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    summary: 'Get one or multiple random members from a set',
    args: [{ name: 'key', type: 'key' }, { name: 'count', type: 'integer', optional: true }],
    run: srandmember,
  }),
  defineCommand({
    name: 'sscan', arity: -3, flags: F.READONLY, keys: [1, 1, 1], acl: ['set'],
    group: 'set', since: '2.8.0', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    summary: 'Incrementally iterate Set elements',
    args: [{ name: 'key', type: 'key' }, { name: 'cursor', type: 'integer' }],
    run: sscan,
  }),
  ...setAlgebraCommands,
];
