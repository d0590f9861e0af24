// TTL commands: EXPIRE PEXPIRE EXPIREAT PEXPIREAT [NX|XX|GT|LT], TTL PTTL
// EXPIRETIME PEXPIRETIME PERSIST.
//
// Deadlines are absolute Unix milliseconds kept as JS numbers: exact up to
// 2^53 ms (year 287396); larger int64 deadlines are accepted as Redis does,
// rounded to the nearest double.
import { ERR_INVALID_EXPIRE, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { defineCommand } from './define.js';
import { INT64_MAX, INT64_MIN, int64Arg, isErr } from './args.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const G = NotifyClass.GENERIC;

const EXPIRE_NX = 1, EXPIRE_XX = 2, EXPIRE_GT = 4, EXPIRE_LT = 8;
const ERR_NX_COMBO = err('ERR NX and XX, GT or LT options at the same time are not compatible');
const ERR_GT_LT = err('ERR GT and LT options at the same time are not compatible');

/** |x| below this times 1000 plus any epoch-ms base time stays a safe integer. */
const SAFE_SECONDS = 9_000_000_000_000;

/** NX XX GT LT flags from argv[3...], or Redis's error. */
function parseExpireFlags(argv: string[]): number | ErrorReply {
  let flags = 0;
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i].toUpperCase();
    if (opt === 'NX') flags |= EXPIRE_NX;
    else if (opt === 'XX') flags |= EXPIRE_XX;
    else if (opt === 'GT') flags |= EXPIRE_GT;
    else if (opt === 'LT') flags |= EXPIRE_LT;
    else return err(`ERR Unsupported option ${argv[i]}`);
  }
  if ((flags & EXPIRE_NX) !== 0 && (flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) !== 0) return ERR_NX_COMBO;
  if ((flags & (EXPIRE_GT | EXPIRE_LT)) === (EXPIRE_GT | EXPIRE_LT)) return ERR_GT_LT;
  return flags;
}

/**
 * The absolute deadline in ms for the int64 `v` (seconds when `seconds`)
 * plus `base` (0 for the *AT forms), with Redis's int64 overflow checks;
 * null on overflow.
 */
export function deadlineOf(v: number | bigint, base: number, seconds: boolean): number | null {
  if (typeof v === 'number' && v < SAFE_SECONDS && v > -SAFE_SECONDS) return (seconds ? v * 1000 : v) + base;
  // Rare: values near the int64 limits, checked exactly as Redis does in C.
  let when = BigInt(v);
  if (seconds) {
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) return null;
    when *= 1000n;
  }
  if (when > INT64_MAX - BigInt(base)) return null;
  return Number(when + BigInt(base));
}

/** EXPIRE family: `base` is now for relative forms, 0 for *AT; `seconds` for EXPIRE/EXPIREAT. */
function expireGeneric(c: Client, argv: string[], relative: boolean, seconds: boolean): Reply {
  const flags = parseExpireFlags(argv);
  if (isErr(flags)) return flags;
  const v = int64Arg(argv[2]);
  if (isErr(v)) return v;
  const now = c.server.clock.now();
  const when = deadlineOf(v, relative ? now : 0, seconds);
  if (when === null) return ERR_INVALID_EXPIRE(argv[0].toLowerCase());
  const db = c.db;
  const key = argv[1];
  if (db.get(key) === undefined) return 0;
  if (flags !== 0) {
    const current = db.getExpire(key);
    if ((flags & EXPIRE_NX) !== 0 && current !== undefined) return 0;
    if ((flags & EXPIRE_XX) !== 0 && current === undefined) return 0;
    // No TTL counts as an infinite one: GT never beats it, LT always does.
    if ((flags & EXPIRE_GT) !== 0 && (current === undefined || when <= current)) return 0;
    if ((flags & EXPIRE_LT) !== 0 && current !== undefined && when >= current) return 0;
  }
  if (when <= now) {
    // A deadline already past deletes the key, reported as a 'del' as Redis does.
    db.remove(key);
    c.server.notify(G, 'del', key, db.index);
    return 1;
  }
  db.setExpire(key, when);
  db.touch(key);
  c.server.notify(G, 'expire', key, db.index);
  return 1;
}

/** TTL family: remaining (or absolute when `abs`) time in ms or rounded seconds; -2 missing, -1 no TTL. */
function ttlGeneric(c: Client, key: string, ms: boolean, abs: boolean): Reply {
  const db = c.db;
  if (db.lookupRead(key, true) === undefined) return -2;
  const at = db.getExpire(key);
  if (at === undefined) return -1;
  let ttl = abs ? at : at - c.server.clock.now();
  if (ttl < 0) ttl = 0;
  return int64Reply(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

/**
 * An integer reply for a double-precision deadline: beyond 2^53 its
 * shortest decimal form (which gives back what a client typed, up to 17
 * significant digits), clamped to int64.
 */
function int64Reply(n: number): number | bigint {
  if (Number.isSafeInteger(n)) return n;
  const v = BigInt(String(n));
  return v > INT64_MAX ? INT64_MAX : v;
}

function persist(c: Client, argv: string[]): Reply {
  const db = c.db;
  const key = argv[1];
  if (db.get(key) === undefined || !db.persist(key)) return 0;
  db.touch(key);
  c.server.notify(G, 'persist', key, db.index);
  return 1;
}

const expireArgs = (unit: string, name: string) => [
  { name: 'key', type: 'key' as const },
  { name, type: unit === 'time' ? 'unix-time' as const : 'integer' as const },
  {
    name: 'condition', type: 'oneof' as const, optional: true, arguments: [
      { name: 'nx', type: 'pure-token' as const, token: 'NX' }, { name: 'xx', type: 'pure-token' as const, token: 'XX' },
      { name: 'gt', type: 'pure-token' as const, token: 'GT' }, { name: 'lt', type: 'pure-token' as const, token: 'LT' },
    ],
  },
];
const keyArg = [{ name: 'key', type: 'key' as const }];
const RW = F.WRITE | F.FAST;
const RO = F.READONLY | F.FAST;
const K: [number, number, number] = [1, 1, 1];

/** EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL EXPIRETIME PEXPIRETIME PERSIST. */
export const expireCommands: CommandSpec[] = [
  defineCommand({
    name: 'expire', arity: -3, flags: RW, keys: K, acl: ['keyspace'], group: 'generic', since: '1.0.0',
    summary: "Set a key's time to live in seconds", complexity: 'O(1)', args: expireArgs('int', 'seconds'),
    run: (c, argv) => expireGeneric(c, argv, true, true),
  }),
  defineCommand({
    name: 'pexpire', arity: -3, flags: RW, keys: K, acl: ['keyspace'], group: 'generic', since: '2.6.0',
    summary: "Set a key's time to live in milliseconds", complexity: 'O(1)', args: expireArgs('int', 'milliseconds'),
    run: (c, argv) => expireGeneric(c, argv, true, false),
  }),
  defineCommand({
    name: 'expireat', arity: -3, flags: RW, keys: K, acl: ['keyspace'], group: 'generic', since: '1.2.0',
    summary: 'Set the expiration for a key as a UNIX timestamp', complexity: 'O(1)', args: expireArgs('time', 'unix-time-seconds'),
    run: (c, argv) => expireGeneric(c, argv, false, true),
  }),
  defineCommand({
    name: 'pexpireat', arity: -3, flags: RW, keys: K, acl: ['keyspace'], group: 'generic', since: '2.6.0',
    summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', complexity: 'O(1)',
    args: expireArgs('time', 'unix-time-milliseconds'),
    run: (c, argv) => expireGeneric(c, argv, false, false),
  }),
  defineCommand({
    name: 'ttl', arity: 2, flags: RO, keys: K, acl: ['keyspace'], group: 'generic', since: '1.0.0',
    summary: 'Get the time to live for a key in seconds', complexity: 'O(1)', args: keyArg,
    run: (c, argv) => ttlGeneric(c, argv[1], false, false),
  }),
  defineCommand({
    name: 'pttl', arity: 2, flags: RO, keys: K, acl: ['keyspace'], group: 'generic', since: '2.6.0',
    summary: 'Get the time to live for a key in milliseconds', complexity: 'O(1)', args: keyArg,
    run: (c, argv) => ttlGeneric(c, argv[1], true, false),
  }),
  defineCommand({
    name: 'expiretime', arity: 2, flags: RO, keys: K, acl: ['keyspace'], group: 'generic', since: '7.0.0',
    summary: 'Get the expiration Unix timestamp for a key', complexity: 'O(1)', args: keyArg,
    run: (c, argv) => ttlGeneric(c, argv[1], false, true),
  }),
  defineCommand({
    name: 'pexpiretime', arity: 2, flags: RO, keys: K, acl: ['keyspace'], group: 'generic', since: '7.0.0',
    summary: 'Get the expiration Unix timestamp for a key in milliseconds', complexity: 'O(1)', args: keyArg,
    run: (c, argv) => ttlGeneric(c, argv[1], true, true),
  }),
  defineCommand({
    name: 'persist', arity: 2, flags: RW, keys: K, acl: ['keyspace'], group: 'generic', since: '2.2.0',
    summary: 'Remove the expiration from a key', complexity: 'O(1)', args: keyArg, run: persist,
  }),
];
