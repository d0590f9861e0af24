// Generic keyspace commands: DEL UNLINK EXISTS TOUCH TYPE RENAME RENAMENX COPY
// MOVE KEYS SCAN RANDOMKEY (database-wide ones live in keys-db.ts, OBJECT in
// keys-object.ts).
import { ERR_NO_SUCH_KEY, ERR_SYNTAX, NIL, OK, StatusReply, err, type Reply } from '../../protocols/reply.js';
import { globMatch, isLiteralPattern } from '../core/glob.js';
import { typeOf, type Db, type Value } from '../core/keyspace.js';
import { NotifyClass } from '../core/notify.js';
import { scanStep } from '../core/scan.js';
import { defineCommand } from './define.js';
import { is, isErr } from './args.js';
import { ERR_INVALID_CURSOR, parseScanCursor, parseScanOptions } from './scanning.js';
import { dbCommands, dbIndexArg } from './keys-db.js';
import { objectCommands } from './keys-object.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const G = NotifyClass.GENERIC;

/** ERR source and destination objects are the same (MOVE, COPY). */
export const ERR_SAME_OBJECT = err('ERR source and destination objects are the same');

const TYPE_REPLY: Record<string, StatusReply> = {
  none: new StatusReply('none'),
  string: new StatusReply('string'),
  list: new StatusReply('list'),
  set: new StatusReply('set'),
  zset: new StatusReply('zset'),
  hash: new StatusReply('hash'),
  stream: new StatusReply('stream'),
};

/** Fires 'new' for a key just added to db (dbAdd). */
function notifyNew(c: Client, key: string, db: Db): void {
  c.server.notify(NotifyClass.NEW, 'new', key, db.index);
}

/** Adds key to db holding v with the source key's TTL and raw-string mark (RENAME, MOVE and COPY carry both). */
function addCarried(db: Db, key: string, v: Value, deadline: number | undefined, raw: boolean): void {
  db.set(key, v);
  if (deadline !== undefined) db.setExpire(key, deadline);
  if (raw) db.markRaw(key);
}

/** DEL / UNLINK key [key ...] (both free synchronously: JS has no lazy free). */
function del(c: Client, argv: string[]): Reply {
  const db = c.db;
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    if (db.delete(argv[i])) {
      c.server.notify(G, 'del', argv[i], db.index);
      n++;
    }
  }
  return n;
}

/** EXISTS (noTouch: access times unchanged) and TOUCH (the opposite is its point). */
function countExisting(c: Client, argv: string[], noTouch: boolean): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (c.db.lookupRead(argv[i], noTouch) !== undefined) n++;
  return n;
}

function type(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1], true);
  return TYPE_REPLY[v === undefined ? 'none' : typeOf(v)];
}

/** RENAME / RENAMENX src dst */
function rename(c: Client, argv: string[], nx: boolean): Reply {
  const db = c.db;
  const src = argv[1], dst = argv[2];
  const v = db.get(src);
  if (v === undefined) return ERR_NO_SUCH_KEY;
  if (src === dst) return nx ? 0 : OK;
  const deadline = db.getExpire(src);
  if (db.get(dst) !== undefined) {
    if (nx) return 0;
    db.remove(dst);
  }
  addCarried(db, dst, v, deadline, db.isRaw(src)); // the same object moves, encoding included
  db.remove(src);
  notifyNew(c, dst, db);
  c.server.notify(G, 'rename_from', src, db.index);
  c.server.notify(G, 'rename_to', dst, db.index);
  return nx ? 1 : OK;
}

/** MOVE key db */
function move(c: Client, argv: string[]): Reply {
  const src = c.db;
  const dst = dbIndexArg(c, argv[2]);
  if (isErr(dst)) return dst;
  if (dst === src) return ERR_SAME_OBJECT;
  const key = argv[1];
  const v = src.get(key);
  if (v === undefined) return 0;
  const deadline = src.getExpire(key);
  if (dst.get(key) !== undefined) return 0;
  addCarried(dst, key, v, deadline, src.isRaw(key));
  src.remove(key);
  notifyNew(c, key, dst);
  c.server.notify(G, 'move_from', key, src.index);
  c.server.notify(G, 'move_to', key, dst.index);
  return 1;
}

/** COPY src dst [DB n] [REPLACE] */
function copy(c: Client, argv: string[]): Reply {
  const src = c.db;
  let dst = src;
  let replace = false;
  for (let i = 3; i < argv.length; i++) {
    if (is(argv[i], 'REPLACE')) replace = true;
    else if (is(argv[i], 'DB') && i + 1 < argv.length) {
      const d = dbIndexArg(c, argv[++i]);
      if (isErr(d)) return d;
      dst = d;
    } else return ERR_SYNTAX;
  }
  const key = argv[1], newKey = argv[2];
  if (src === dst && key === newKey) return ERR_SAME_OBJECT;
  const v = src.lookupRead(key);
  if (v === undefined) return 0;
  const deadline = src.getExpire(key);
  const existing = dst.get(newKey) !== undefined;
  if (existing && !replace) return 0;
  const dup: Value = typeof v === 'string' ? v : v.clone();
  if (existing) dst.remove(newKey);
  addCarried(dst, newKey, dup, deadline, src.isRaw(key)); // a raw string's copy is raw too
  notifyNew(c, newKey, dst);
  c.server.notify(G, 'copy_to', newKey, dst.index);
  return 1;
}

/** KEYS pattern: logically expired keys are skipped but not deleted, as Redis does. */
function keys(c: Client, argv: string[]): Reply {
  const db = c.db;
  const pattern = argv[1];
  // A pattern without metacharacters can match one key only: look it up instead of walking them all.
  if (isLiteralPattern(pattern)) return db.dict.has(pattern) && !db.isExpired(pattern) ? [pattern] : [];
  const all = pattern === '*';
  const out: Reply[] = [];
  for (const key of db.dict.keys()) {
    if ((all || globMatch(pattern, key)) && !db.isExpired(key)) out.push(key);
  }
  return out;
}

/** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] */
function scan(c: Client, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[1]);
  if (cursor === null) return ERR_INVALID_CURSOR;
  const opts = parseScanOptions(argv, 2, true);
  if (isErr(opts)) return opts;
  const db = c.db;
  const dict = db.dict;
  const pattern = opts.pattern;
  const wanted = opts.type === null ? null : opts.type.toLowerCase();
  const out: Reply[] = [];
  const next = scanStep(dict, cursor, () => dict.keys(), opts.count, (key) => {
    if (pattern !== null && !globMatch(pattern, key)) return;
    if (!dict.has(key)) return; // deleted since it was read ahead
    if (wanted !== null) {
      // Redis looks the key up (counting a hit) to learn its type; an expired key counts as a miss.
      const v = db.lookupRead(key, true);
      if (v === undefined || wanted !== typeOf(v)) return;
    } else if (db.get(key) === undefined) return; // expired: deleted now, as Redis does
    out.push(key);
  }, dict.size);
  return [next, out];
}

function randomKey(c: Client): Reply {
  const key = c.db.randomKey();
  return key === null ? NIL : key;
}

const key1: [number, number, number] = [1, 1, 1];
const keyArgs = [{ name: 'key', type: 'key' as const, multiple: true }];

/** The generic keyspace family, OBJECT and the whole-database commands included. */
export const keysCommands: CommandSpec[] = [
  defineCommand({
    name: 'del', arity: -2, flags: F.WRITE, keys: [1, -1, 1], acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Delete a key', complexity: 'O(N) where N is the number of keys that will be removed.',
    args: keyArgs, run: del,
  }),
  defineCommand({
    name: 'unlink', arity: -2, flags: F.WRITE | F.FAST, keys: [1, -1, 1], acl: ['keyspace'],
    group: 'generic', since: '4.0.0', summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.',
    complexity: 'O(1) for each key removed regardless of its size.', args: keyArgs, run: del,
  }),
  defineCommand({
    name: 'exists', arity: -2, flags: F.READONLY | F.FAST, keys: [1, -1, 1], acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Determine if a key exists', complexity: 'O(N) where N is the number of keys to check.',
    args: keyArgs, run: (c, argv) => countExisting(c, argv, true),
  }),
  defineCommand({
    name: 'touch', arity: -2, flags: F.READONLY | F.FAST, keys: [1, -1, 1], acl: ['keyspace'],
    group: 'generic', since: '3.2.1', summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.',
    complexity: 'O(N) where N is the number of keys that will be touched.', args: keyArgs,
    run: (c, argv) => countExisting(c, argv, false),
  }),
  defineCommand({
    name: 'type', arity: 2, flags: F.READONLY | F.FAST, keys: key1, acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Determine the type stored at key', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }], run: type,
  }),
  defineCommand({
    name: 'rename', arity: 3, flags: F.WRITE, keys: [1, 2, 1], acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Rename a key', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'newkey', type: 'key' }], run: (c, argv) => rename(c, argv, false),
  }),
  defineCommand({
    name: 'renamenx', arity: 3, flags: F.WRITE | F.FAST, keys: [1, 2, 1], acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Rename a key, only if the new key does not exist', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'newkey', type: 'key' }], run: (c, argv) => rename(c, argv, true),
  }),
  defineCommand({
    name: 'copy', arity: -3, flags: F.WRITE | F.DENYOOM, keys: [1, 2, 1], acl: ['keyspace'],
    group: 'generic', since: '6.2.0', summary: 'Copy a key',
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
    args: [
      { name: 'source', type: 'key' }, { name: 'destination', type: 'key' },
      { name: 'destination-db', type: 'integer', token: 'DB', optional: true },
      { name: 'replace', type: 'pure-token', token: 'REPLACE', optional: true },
    ],
    run: copy,
  }),
  defineCommand({
    name: 'move', arity: 3, flags: F.WRITE | F.FAST, keys: key1, acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Move a key to another database', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }, { name: 'db', type: 'integer' }], run: move,
  }),
  defineCommand({
    name: 'keys', arity: 2, flags: F.READONLY, acl: ['keyspace', 'dangerous'],
    group: 'generic', since: '1.0.0', summary: 'Find all keys matching the given pattern',
    complexity: 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
    args: [{ name: 'pattern', type: 'pattern' }], run: keys,
  }),
  defineCommand({
    name: 'scan', arity: -2, flags: F.READONLY, acl: ['keyspace'],
    group: 'generic', since: '2.8.0', summary: 'Incrementally iterate the keys space',
    complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    args: [
      { name: 'cursor', type: 'integer' },
      { name: 'pattern', type: 'pattern', token: 'MATCH', optional: true },
      { name: 'count', type: 'integer', token: 'COUNT', optional: true },
      { name: 'type', type: 'string', token: 'TYPE', optional: true },
    ],
    run: scan,
  }),
  defineCommand({
    name: 'randomkey', arity: 1, flags: F.READONLY, acl: ['keyspace'],
    group: 'generic', since: '1.0.0', summary: 'Return a random key from the keyspace', complexity: 'O(1)',
    run: randomKey,
  }),
  ...dbCommands,
  ...objectCommands,
];
