// String commands: GET, SET and its variants, GETEX/GETDEL/GETSET, MGET/MSET,
// APPEND, STRLEN, GETRANGE/SUBSTR, SETRANGE. Counters live in
// strings-counters.ts and LCS in strings-lcs.ts; they are listed here too.
import { ERR_SYNTAX, ERR_WRONGTYPE, NIL, OK, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { arityError, int64Arg, is, isErr } from './args.js';
import { checkStringLength, expireDeadline, ExpireUnit, notifyWrite, storeString } from './strings-common.js';
import { counterCommands } from './strings-counters.js';
import { lcsCommands } from './strings-lcs.js';

const F = Flag;

/** GET key: allocation-free (the benchmark hot path). */
function get(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return NIL;
  return typeof v === 'string' ? v : ERR_WRONGTYPE;
}

// Option bits of SET and GETEX, checked for conflicts as Redis does.
const O_NX = 1, O_XX = 2, O_GET = 4, O_KEEPTTL = 8, O_PERSIST = 16;
const O_EX = 32, O_PX = 64, O_EXAT = 128, O_PXAT = 256;
const O_ANY_EXPIRE = O_EX | O_PX | O_EXAT | O_PXAT;

// Written by parseOptions (handlers are synchronous, so a module slot is safe
// and spares an allocation per call): index of the expire value, and its unit.
let optExpireAt = 0;
let optUnit: ExpireUnit = ExpireUnit.EX;

/**
 * Parses SET options (forSet) or GETEX options from argv[start]. Returns the
 * option bits or ERR syntax error; a repeated EX/PX/... keeps the last value.
 */
function parseOptions(argv: string[], start: number, forSet: boolean): number | ErrorReply {
  let flags = 0;
  optExpireAt = 0;
  for (let j = start; j < argv.length; j++) {
    const a = argv[j];
    const hasNext = j + 1 < argv.length;
    if (forSet && (flags & O_XX) === 0 && is(a, 'NX')) flags |= O_NX;
    else if (forSet && (flags & O_NX) === 0 && is(a, 'XX')) flags |= O_XX;
    else if (forSet && is(a, 'GET')) flags |= O_GET;
    else if (forSet && (flags & (O_PERSIST | O_ANY_EXPIRE)) === 0 && is(a, 'KEEPTTL')) flags |= O_KEEPTTL;
    else if (!forSet && (flags & (O_ANY_EXPIRE | O_KEEPTTL)) === 0 && is(a, 'PERSIST')) flags |= O_PERSIST;
    else if (hasNext && (flags & (O_KEEPTTL | O_PERSIST | O_EXAT | O_PX | O_PXAT)) === 0 && is(a, 'EX')) {
      flags |= O_EX;
      optUnit = ExpireUnit.EX;
      optExpireAt = ++j;
    } else if (hasNext && (flags & (O_KEEPTTL | O_PERSIST | O_EX | O_EXAT | O_PXAT)) === 0 && is(a, 'PX')) {
      flags |= O_PX;
      optUnit = ExpireUnit.PX;
      optExpireAt = ++j;
    } else if (hasNext && (flags & (O_KEEPTTL | O_PERSIST | O_EX | O_PX | O_PXAT)) === 0 && is(a, 'EXAT')) {
      flags |= O_EXAT;
      optUnit = ExpireUnit.EXAT;
      optExpireAt = ++j;
    } else if (hasNext && (flags & (O_KEEPTTL | O_PERSIST | O_EX | O_EXAT | O_PX)) === 0 && is(a, 'PXAT')) {
      flags |= O_PXAT;
      optUnit = ExpireUnit.PXAT;
      optExpireAt = ++j;
    } else return ERR_SYNTAX;
  }
  return flags;
}

/**
 * The shared body of SET, SETNX, SETEX, PSETEX (Redis setGenericCommand):
 * expire validated first, then GET's read, then the NX/XX condition.
 */
function setGeneric(
  c: Client, flags: number, key: string, value: string,
  expireArg: string | undefined, unit: ExpireUnit, cmd: string, okReply: Reply, abortReply: Reply,
): Reply {
  let deadline = -1;
  if (expireArg !== undefined) {
    const d = expireDeadline(c, expireArg, unit, cmd);
    if (isErr(d)) return d;
    deadline = d;
  }
  const db = c.db;
  let reply = okReply;
  if ((flags & O_GET) !== 0) {
    const old = db.lookupRead(key);
    if (old !== undefined && typeof old !== 'string') return ERR_WRONGTYPE;
    reply = old === undefined ? NIL : old;
  }
  const found = db.get(key) !== undefined;
  if (((flags & O_NX) !== 0 && found) || ((flags & O_XX) !== 0 && !found)) {
    return (flags & O_GET) !== 0 ? reply : abortReply;
  }
  storeString(c, key, value, found, 'set', (flags & O_KEEPTTL) !== 0);
  if (deadline >= 0) {
    // A deadline already past is kept: the key expires on its next access, as in Redis.
    db.setExpire(key, deadline);
    c.server.notify(NotifyClass.GENERIC, 'expire', key, db.index);
  }
  return reply;
}

/** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL] */
function set(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const value = argv[2];
  if (argv.length === 3) {
    // Fast path: plain SET, no option parsing and no allocation.
    storeString(c, key, value, c.db.get(key) !== undefined);
    return OK;
  }
  const flags = parseOptions(argv, 3, true);
  if (isErr(flags)) return flags;
  const expireArg = optExpireAt !== 0 ? argv[optExpireAt] : undefined;
  return setGeneric(c, flags, key, value, expireArg, optUnit, 'set', OK, NIL);
}

function setnx(c: Client, argv: string[]): Reply {
  return setGeneric(c, O_NX, argv[1], argv[2], undefined, ExpireUnit.EX, 'setnx', 1, 0);
}

function setex(c: Client, argv: string[]): Reply {
  return setGeneric(c, O_EX, argv[1], argv[3], argv[2], ExpireUnit.EX, 'setex', OK, NIL);
}

function psetex(c: Client, argv: string[]): Reply {
  return setGeneric(c, O_PX, argv[1], argv[3], argv[2], ExpireUnit.PX, 'psetex', OK, NIL);
}

/** GETEX key [EX s|PX ms|EXAT ts|PXAT ms-ts|PERSIST] */
function getex(c: Client, argv: string[]): Reply {
  const flags = parseOptions(argv, 2, false);
  if (isErr(flags)) return flags;
  const key = argv[1];
  const db = c.db;
  const v = db.lookupRead(key);
  if (v === undefined) return NIL;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  const server = c.server;
  if (optExpireAt !== 0) {
    const deadline = expireDeadline(c, argv[optExpireAt], optUnit, 'getex');
    if (isErr(deadline)) return deadline;
    if ((flags & (O_EXAT | O_PXAT)) !== 0 && deadline <= server.clock.now()) {
      // An absolute time already past deletes the key now.
      db.remove(key);
      server.notify(NotifyClass.GENERIC, 'del', key, db.index);
    } else {
      db.setExpire(key, deadline);
      db.touch(key);
      server.notify(NotifyClass.GENERIC, 'expire', key, db.index);
    }
  } else if ((flags & O_PERSIST) !== 0 && db.persist(key)) {
    db.touch(key);
    server.notify(NotifyClass.GENERIC, 'persist', key, db.index);
  }
  return v;
}

function getdel(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const db = c.db;
  const v = db.lookupRead(key);
  if (v === undefined) return NIL;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  db.remove(key);
  c.server.notify(NotifyClass.GENERIC, 'del', key, db.index);
  return v;
}

function getset(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const old = c.db.lookupRead(key);
  if (old !== undefined && typeof old !== 'string') return ERR_WRONGTYPE;
  storeString(c, key, argv[2], c.db.get(key) !== undefined); // setKey's own lookup (it touches LRU/LFU again, as Redis)
  return old === undefined ? NIL : old;
}

function mget(c: Client, argv: string[]): Reply {
  const db = c.db;
  const out: Reply[] = new Array(argv.length - 1);
  for (let j = 1; j < argv.length; j++) {
    const v = db.lookupRead(argv[j]);
    out[j - 1] = typeof v === 'string' ? v : NIL;
  }
  return out;
}

function msetGeneric(c: Client, argv: string[], nx: boolean): Reply {
  if (argv.length % 2 === 0) return arityError(nx ? 'msetnx' : 'mset');
  const db = c.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) if (db.get(argv[j]) !== undefined) return 0;
  }
  for (let j = 1; j < argv.length; j += 2) {
    const key = argv[j];
    storeString(c, key, argv[j + 1], db.get(key) !== undefined);
  }
  return nx ? 1 : OK;
}

function strlen(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return 0;
  return typeof v === 'string' ? v.length : ERR_WRONGTYPE;
}

function append(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const tail = argv[2];
  const db = c.db;
  const v = db.get(key);
  if (v === undefined) {
    db.set(key, tail);
    notifyWrite(c, key, true, 'append');
    return tail.length;
  }
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  const tooBig = checkStringLength(c, v.length, tail.length);
  if (tooBig !== null) return tooBig;
  const s = v + tail;
  db.overwrite(key, s);
  db.markRaw(key); // Redis appends to an unshared raw copy
  notifyWrite(c, key, false, 'append');
  return s.length;
}

/** GETRANGE key start end (and SUBSTR): indexes checked before the key is read. */
function getrange(c: Client, argv: string[]): Reply {
  const s0 = int64Arg(argv[2]);
  if (isErr(s0)) return s0;
  const e0 = int64Arg(argv[3]);
  if (isErr(e0)) return e0;
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return '';
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  if (s0 < 0 && e0 < 0 && s0 > e0) return ''; // exact int64 comparison, as Redis
  const len = v.length;
  // Beyond 2^53 Number() rounds, which no string length can tell apart.
  let start = Number(s0);
  let end = Number(e0);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return '';
  return start === 0 && end === len - 1 ? v : v.slice(start, end + 1);
}

const ERR_OFFSET_RANGE = err('ERR offset is out of range');

function setrange(c: Client, argv: string[]): Reply {
  const o = int64Arg(argv[2]);
  if (isErr(o)) return o;
  if (o < 0) return ERR_OFFSET_RANGE;
  const offset = Number(o);
  const key = argv[1];
  const value = argv[3];
  const db = c.db;
  const old = db.get(key);
  if (old === undefined) {
    if (value.length === 0) return 0;
    const tooBig = checkStringLength(c, offset, value.length);
    if (tooBig !== null) return tooBig;
    const s = '\0'.repeat(offset) + value;
    db.set(key, s);
    db.markRaw(key); // created as a raw string, whatever its length
    notifyWrite(c, key, true, 'setrange');
    return s.length;
  }
  if (typeof old !== 'string') return ERR_WRONGTYPE;
  if (value.length === 0) return old.length;
  const tooBig = checkStringLength(c, offset, value.length);
  if (tooBig !== null) return tooBig;
  const end = offset + value.length;
  let s: string;
  if (offset >= old.length) s = old + '\0'.repeat(offset - old.length) + value;
  else if (end >= old.length) s = old.slice(0, offset) + value;
  else s = old.slice(0, offset) + value + old.slice(end);
  db.overwrite(key, s);
  db.markRaw(key);
  notifyWrite(c, key, false, 'setrange');
  return s.length;
}

const GETRANGE_COMPLEXITY = 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.';
const KEY = { name: 'key', type: 'key' } as const;
const VALUE = { name: 'value', type: 'string' } as const;
const STR = ['string'];

/** The string family: these commands plus counters and LCS. */
export const stringCommands: CommandSpec[] = [
  defineCommand({
    name: 'get', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', summary: 'Get the value of a key', complexity: 'O(1)',
    args: [KEY],
    run: get,
  }),
  defineCommand({
    name: 'set', arity: -3, flags: F.WRITE | F.DENYOOM | F.CHEAP, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Set the string value of a key',
    args: [KEY, VALUE,
      { name: 'condition', type: 'oneof', optional: true, arguments: [{ name: 'nx', type: 'pure-token', token: 'NX' }, { name: 'xx', type: 'pure-token', token: 'XX' }] },
      { name: 'get', type: 'pure-token', token: 'GET', optional: true },
      { name: 'expiration', type: 'oneof', optional: true, arguments: [
        { name: 'seconds', type: 'integer', token: 'EX' }, { name: 'milliseconds', type: 'integer', token: 'PX' },
        { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' }, { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
        { name: 'keepttl', type: 'pure-token', token: 'KEEPTTL' }] }],
    run: set,
  }),
  defineCommand({
    name: 'setnx', arity: 3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Set the value of a key, only if the key does not exist',
    args: [KEY, VALUE], run: setnx,
  }),
  defineCommand({
    name: 'setex', arity: 4, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.0.0', complexity: 'O(1)', summary: 'Set the value and expiration of a key',
    args: [KEY, { name: 'seconds', type: 'integer' }, VALUE], run: setex,
  }),
  defineCommand({
    name: 'psetex', arity: 4, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.6.0', complexity: 'O(1)', summary: 'Set the value and expiration in milliseconds of a key',
    args: [KEY, { name: 'milliseconds', type: 'integer' }, VALUE], run: psetex,
  }),
  defineCommand({
    name: 'getex', arity: -2, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '6.2.0', complexity: 'O(1)', summary: 'Get the value of a key and optionally set its expiration',
    args: [KEY, { name: 'expiration', type: 'oneof', optional: true, arguments: [
      { name: 'seconds', type: 'integer', token: 'EX' }, { name: 'milliseconds', type: 'integer', token: 'PX' },
      { name: 'unix-time-seconds', type: 'unix-time', token: 'EXAT' }, { name: 'unix-time-milliseconds', type: 'unix-time', token: 'PXAT' },
      { name: 'persist', type: 'pure-token', token: 'PERSIST' }] }],
    run: getex,
  }),
  defineCommand({
    name: 'getdel', arity: 2, flags: F.WRITE | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '6.2.0', complexity: 'O(1)', summary: 'Get the value of a key and delete the key',
    args: [KEY], run: getdel,
  }),
  defineCommand({
    name: 'getset', arity: 3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(1)', summary: 'Set the string value of a key and return its old value',
    args: [KEY, VALUE], run: getset,
  }),
  defineCommand({
    name: 'mget', arity: -2, flags: F.READONLY | F.FAST, keys: [1, -1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: 'O(N) where N is the number of keys to retrieve.',
    summary: 'Get the values of all the given keys', args: [{ ...KEY, multiple: true }], run: mget,
  }),
  defineCommand({
    name: 'mset', arity: -3, flags: F.WRITE | F.DENYOOM, keys: [1, -1, 2], acl: STR,
    group: 'string', since: '1.0.1', complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Set multiple keys to multiple values',
    args: [{ name: 'key_value', type: 'block', multiple: true, arguments: [KEY, VALUE] }],
    run: (c, argv) => msetGeneric(c, argv, false),
  }),
  defineCommand({
    name: 'msetnx', arity: -3, flags: F.WRITE | F.DENYOOM, keys: [1, -1, 2], acl: STR,
    group: 'string', since: '1.0.1', complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Set multiple keys to multiple values, only if none of the keys exist',
    args: [{ name: 'key_value', type: 'block', multiple: true, arguments: [KEY, VALUE] }],
    run: (c, argv) => msetGeneric(c, argv, true),
  }),
  defineCommand({
    name: 'strlen', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.2.0', complexity: 'O(1)', summary: 'Get the length of the value stored in a key',
    args: [KEY], run: strlen,
  }),
  defineCommand({
    name: 'append', arity: 3, flags: F.WRITE | F.DENYOOM | F.FAST, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.0.0', summary: 'Append a value to a key',
    complexity: 'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
    args: [KEY, VALUE], run: append,
  }),
  defineCommand({
    name: 'getrange', arity: 4, flags: F.READONLY, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.4.0', complexity: GETRANGE_COMPLEXITY,
    summary: 'Get a substring of the string stored at a key',
    args: [KEY, { name: 'start', type: 'integer' }, { name: 'end', type: 'integer' }], run: getrange,
  }),
  defineCommand({
    name: 'substr', arity: 4, flags: F.READONLY, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '1.0.0', complexity: GETRANGE_COMPLEXITY,
    summary: 'Get a substring of the string stored at a key',
    args: [KEY, { name: 'start', type: 'integer' }, { name: 'end', type: 'integer' }], run: getrange,
  }),
  defineCommand({
    name: 'setrange', arity: 4, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: STR,
    group: 'string', since: '2.2.0', complexity: 'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
    summary: 'Overwrite part of a string at key starting at the specified offset',
    args: [KEY, { name: 'offset', type: 'integer' }, VALUE], run: setrange,
  }),
  ...counterCommands,
  ...lcsCommands,
];
