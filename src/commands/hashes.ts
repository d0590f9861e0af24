// Hash commands: HSET HSETNX HGET HMSET HMGET HDEL HLEN HSTRLEN HEXISTS
// HKEYS HVALS HGETALL HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN.
// Argument checks, lookups and keyspace events happen in Redis's order.
import {
  EMPTY_ARRAY, ERR_OVERFLOW, MapReply, OK, err,
  type ErrorReply, type Reply,
} from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { HashValue, type HashLimits } from '../core/types/hash.js';
import { globMatch } from '../core/glob.js';
import { defineCommand } from './define.js';
import { arityError, int64Arg, isErr, parseInt64 } from './args.js';
import { lookupTyped } from './lookup.js';
import { ERR_INVALID_CURSOR, emptyScan, parseScanCursor, parseScanOptions } from './scanning.js';
import { ERR_OUT_OF_RANGE, addKey, dropKey, randomCountArg, shuffleHead } from './collections.js';
import { hashIncrArgError, hashIncrByFloat } from './strings-counters.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { addInt64 } from '../core/int64.js';

const F = Flag;
const ERR_HASH_NOT_INT = err('ERR hash value is not an integer');
/** HRANDFIELD counts beyond this are refused rather than building a reply that cannot fit in memory. */
const RANDFIELD_MAX_COUNT = 1 << 24;

/** Reused by every command: HashValue.set reads it and keeps nothing, and handlers never interleave. */
const LIMITS: HashLimits = { entries: 128, value: 64 };

/** The listpack thresholds, read from the config once per command (CONFIG SET applies at once). */
function limits(c: Client): HashLimits {
  const cfg = c.server.config;
  LIMITS.entries = cfg.num('hash-max-listpack-entries');
  LIMITS.value = cfg.num('hash-max-listpack-value');
  return LIMITS;
}

/** The hash at key for a write, created (and announced with "new") when missing; WRONGTYPE otherwise. */
function hashForWrite(c: Client, key: string): HashValue | ErrorReply {
  const h = lookupTyped<HashValue>(c.db, key, 'hash');
  if (h !== undefined) return h;
  const created = new HashValue();
  addKey(c, key, created);
  return created;
}

/** Signals a change (WATCH, blocked clients) and fires the hash event. */
function modified(c: Client, key: string, event: string): void {
  c.db.touch(key);
  c.server.notify(NotifyClass.HASH, event, key, c.db.index);
}

/** HSET key field value [field value ...] / HMSET (same, replies OK). */
function hset(c: Client, argv: string[]): Reply {
  // Redis tells the two apart by the second letter of the command name.
  const isHset = (argv[0].charCodeAt(1) | 0x20) === 115; /* s */
  if (argv.length % 2 === 1) return arityError(isHset ? 'hset' : 'hmset');
  const key = argv[1];
  const h = hashForWrite(c, key);
  if (isErr(h)) return h;
  const lim = limits(c);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) if (h.set(argv[i], argv[i + 1], lim)) created++;
  modified(c, key, 'hset');
  return isHset ? created : OK;
}

function hsetnx(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const h = hashForWrite(c, key);
  if (isErr(h)) return h;
  if (h.has(argv[2])) return 0;
  h.set(argv[2], argv[3], limits(c));
  modified(c, key, 'hset');
  return 1;
}

function hget(c: Client, argv: string[]): Reply {
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return null;
  if (isErr(h)) return h;
  return h.get(argv[2]) ?? null;
}

function hmget(c: Client, argv: string[]): Reply {
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (isErr(h)) return h;
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) out[i - 2] = h === undefined ? null : (h.get(argv[i]) ?? null);
  return out;
}

function hdel(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const h = lookupTyped<HashValue>(c.db, key, 'hash');
  if (h === undefined) return 0;
  if (isErr(h)) return h;
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (h.delete(argv[i])) {
      deleted++;
      if (h.size === 0) break;
    }
  }
  if (deleted === 0) return 0;
  c.server.notify(NotifyClass.HASH, 'hdel', key, c.db.index);
  if (h.size === 0) dropKey(c, key);
  else c.db.touch(key);
  return deleted;
}

function hlen(c: Client, argv: string[]): Reply {
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return 0;
  if (isErr(h)) return h;
  return h.size;
}

function hstrlen(c: Client, argv: string[]): Reply {
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return 0;
  if (isErr(h)) return h;
  return h.get(argv[2])?.length ?? 0;
}

function hexists(c: Client, argv: string[]): Reply {
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return 0;
  if (isErr(h)) return h;
  return h.has(argv[2]) ? 1 : 0;
}

const KEYS = 1;
const VALUES = 2;

/** HKEYS / HVALS / HGETALL: `what` selects fields, values or both (a RESP3 map). */
function getAll(c: Client, key: string, what: number): Reply {
  const h = lookupTyped<HashValue>(c.db, key, 'hash', true);
  if (isErr(h)) return h;
  if (h === undefined) return what === (KEYS | VALUES) ? new MapReply([]) : EMPTY_ARRAY;
  const out: Reply[] = [];
  if (what === KEYS) h.forEach((f) => void out.push(f));
  else if (what === VALUES) h.forEach((_f, v) => void out.push(v));
  else {
    h.forEach((f, v) => void out.push(f, v));
    return new MapReply(out);
  }
  return out;
}

function hincrby(c: Client, argv: string[]): Reply {
  const incr = int64Arg(argv[3]);
  if (isErr(incr)) return incr;
  const key = argv[1];
  const h = hashForWrite(c, key);
  if (isErr(h)) return h;
  const cur = h.get(argv[2]);
  let old: number | bigint = 0;
  if (cur !== undefined) {
    const v = parseInt64(cur);
    if (v === null) return ERR_HASH_NOT_INT;
    old = v;
  }
  const result = addInt64(old, incr);
  if (result === null) return ERR_OVERFLOW;
  h.set(argv[2], String(result), limits(c));
  modified(c, key, 'hincrby');
  return result;
}

function hincrbyfloat(c: Client, argv: string[]): Reply {
  const bad = hashIncrArgError(argv[3]);
  if (bad !== null) return bad;
  const key = argv[1];
  const h = hashForWrite(c, key);
  if (isErr(h)) return h;
  const text = hashIncrByFloat(h.get(argv[2]), argv[3]);
  if (isErr(text)) return text;
  h.set(argv[2], text, limits(c));
  modified(c, key, 'hincrbyfloat');
  return text;
}

/** HRANDFIELD key [count [WITHVALUES]] */
function hrandfield(c: Client, argv: string[]): Reply {
  if (argv.length === 2) {
    const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
    if (h === undefined) return null;
    if (isErr(h)) return h;
    return h.fieldAt(h.randomSlot());
  }
  const n = randomCountArg(argv, 'WITHVALUES');
  if (isErr(n)) return n;
  const withValues = argv.length === 4;
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return EMPTY_ARRAY;
  if (isErr(h)) return h;
  if (n === 0) return EMPTY_ARRAY;
  const resp3 = c.resp === 3;
  const out: Reply[] = [];
  const emit = (slot: number) => {
    if (!withValues) out.push(h.fieldAt(slot));
    else if (resp3) out.push([h.fieldAt(slot), h.valueAt(slot)]);
    else out.push(h.fieldAt(slot), h.valueAt(slot));
  };
  const size = h.size;
  if (n < 0 || n === 1) {
    // Negative count: that many independent picks, repeats allowed.
    const count = Math.abs(n);
    if (count > RANDFIELD_MAX_COUNT) return ERR_OUT_OF_RANGE;
    for (let i = 0; i < count; i++) emit(h.randomSlot());
    return out;
  }
  if (n >= size) {
    h.forEachSlot(emit);
    return out;
  }
  // Distinct fields, n < size.
  if (n * 3 > size) {
    // Close to the whole hash: shuffle every slot, keep the first n.
    const slots: number[] = [];
    h.forEachSlot((s) => void slots.push(s));
    shuffleHead(slots, n);
    for (let i = 0; i < n; i++) emit(slots[i]);
    return out;
  }
  const picked = new Set<number>();
  while (picked.size < n) {
    const s = h.randomSlot();
    if (picked.has(s)) continue;
    picked.add(s);
    emit(s);
  }
  return out;
}

/** HSCAN key cursor [MATCH pattern] [COUNT count] */
function hscan(c: Client, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) return ERR_INVALID_CURSOR;
  const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
  if (h === undefined) return emptyScan();
  if (isErr(h)) return h;
  const opts = parseScanOptions(argv, 3, false);
  if (isErr(opts)) return opts;
  const pattern = opts.pattern;
  const out: Reply[] = [];
  const visit = (f: string, v: string) => {
    if (pattern === null || globMatch(pattern, f)) out.push(f, v);
  };
  if (h.isListpack) {
    // Redis returns a listpack hash whole, whatever the cursor.
    h.forEach(visit);
    return ['0', out];
  }
  const from = cursor.length > 15 ? Number.MAX_SAFE_INTEGER : Number(cursor);
  const next = h.scan(from, opts.count, visit);
  return [String(next), out];
}

const hashCmd = (d: Parameters<typeof defineCommand>[0]) => defineCommand({ acl: ['hash'], keys: [1, 1, 1], ...d });

export const hashesCommands: CommandSpec[] = [
  hashCmd({
    name: 'hset', arity: -4, flags: F.WRITE | F.DENYOOM | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Set the string value of a hash field',
    complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    args: [{ name: 'key', type: 'key' }, { name: 'field_value', type: 'block', multiple: true, arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] }],
    run: hset,
  }),
  hashCmd({
    name: 'hsetnx', arity: 4, flags: F.WRITE | F.DENYOOM | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Set the value of a hash field, only if the field does not exist', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }, { name: 'value', type: 'string' }],
    run: hsetnx,
  }),
  hashCmd({
    name: 'hget', arity: 3, flags: F.READONLY | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Get the value of a hash field', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }],
    run: hget,
  }),
  hashCmd({
    name: 'hmset', arity: -4, flags: F.WRITE | F.DENYOOM | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Set multiple hash fields to multiple values', complexity: 'O(N) where N is the number of fields being set.',
    args: [{ name: 'key', type: 'key' }, { name: 'field_value', type: 'block', multiple: true, arguments: [{ name: 'field', type: 'string' }, { name: 'value', type: 'string' }] }],
    run: hset,
  }),
  hashCmd({
    name: 'hmget', arity: -3, flags: F.READONLY | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Get the values of all the given hash fields', complexity: 'O(N) where N is the number of fields being requested.',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string', multiple: true }],
    run: hmget,
  }),
  hashCmd({
    name: 'hdel', keyFlags: ['RW', 'delete'], arity: -3, flags: F.WRITE | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Delete one or more hash fields', complexity: 'O(N) where N is the number of fields to be removed.',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string', multiple: true }],
    run: hdel,
  }),
  hashCmd({
    name: 'hlen', keyFlags: ['RO'], arity: 2, flags: F.READONLY | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Get the number of fields in a hash', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }],
    run: hlen,
  }),
  hashCmd({
    name: 'hstrlen', keyFlags: ['RO'], arity: 3, flags: F.READONLY | F.FAST, group: 'hash', since: '3.2.0',
    summary: 'Get the length of the value of a hash field', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }],
    run: hstrlen,
  }),
  hashCmd({
    name: 'hexists', keyFlags: ['RO'], arity: 3, flags: F.READONLY | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Determine if a hash field exists', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }],
    run: hexists,
  }),
  hashCmd({
    name: 'hkeys', arity: 2, flags: F.READONLY, group: 'hash', since: '2.0.0',
    summary: 'Get all the fields in a hash', complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key' }],
    run: (c, argv) => getAll(c, argv[1], KEYS),
  }),
  hashCmd({
    name: 'hvals', arity: 2, flags: F.READONLY, group: 'hash', since: '2.0.0',
    summary: 'Get all the values in a hash', complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key' }],
    run: (c, argv) => getAll(c, argv[1], VALUES),
  }),
  hashCmd({
    name: 'hgetall', arity: 2, flags: F.READONLY, group: 'hash', since: '2.0.0',
    summary: 'Get all the fields and values in a hash', complexity: 'O(N) where N is the size of the hash.',
    args: [{ name: 'key', type: 'key' }],
    run: (c, argv) => getAll(c, argv[1], KEYS | VALUES),
  }),
  hashCmd({
    name: 'hincrby', keyFlags: ['RW', 'access', 'update'], arity: 4, flags: F.WRITE | F.DENYOOM | F.FAST, group: 'hash', since: '2.0.0',
    summary: 'Increment the integer value of a hash field by the given number', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }, { name: 'increment', type: 'integer' }],
    run: hincrby,
  }),
  hashCmd({
    name: 'hincrbyfloat', keyFlags: ['RW', 'access', 'update'], arity: 4, flags: F.WRITE | F.DENYOOM | F.FAST, group: 'hash', since: '2.6.0',
    summary: 'Increment the float value of a hash field by the given amount', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'field', type: 'string' }, { name: 'increment', type: 'double' }],
    run: hincrbyfloat,
  }),
  hashCmd({
    name: 'hrandfield', arity: -2, flags: F.READONLY, group: 'hash', since: '6.2.0',
    summary: 'Get one or multiple random fields from a hash', complexity: 'O(N) where N is the number of fields returned',
    args: [
      { name: 'key', type: 'key' },
      { name: 'options', type: 'block', optional: true, arguments: [{ name: 'count', type: 'integer' }, { name: 'withvalues', type: 'pure-token', token: 'WITHVALUES', optional: true }] },
    ],
    run: hrandfield,
  }),
  hashCmd({
    name: 'hscan', arity: -3, flags: F.READONLY, group: 'hash', since: '2.8.0',
    summary: 'Incrementally iterate hash fields and associated values',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    args: [
      { name: 'key', type: 'key' }, { name: 'cursor', type: 'integer' },
      { name: 'pattern', type: 'pattern', token: 'MATCH', optional: true }, { name: 'count', type: 'integer', token: 'COUNT', optional: true },
    ],
    run: hscan,
  }),
];
