// DUMP key / RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f]
// in Redis's serialization (see core/rdb.ts), interchangeable with
// redis-server's payloads.
import { ERR_SYNTAX, NIL, OK, err, type Reply } from '../../protocols/reply.js';
import { typeOf } from '../core/keyspace.js';
import { NotifyClass } from '../core/notify.js';
import { dumpValue, restoreValue, type LoadLimits } from '../core/rdb-value.js';
import { defineCommand } from './define.js';
import { int64Arg, is, isErr } from './args.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const G = NotifyClass.GENERIC;

const ERR_BUSYKEY = err('BUSYKEY Target key name already exists.');
const ERR_TTL = err('ERR Invalid TTL value, must be >= 0');
const ERR_IDLETIME = err('ERR Invalid IDLETIME value, must be >= 0');
const ERR_FREQ = err('ERR Invalid FREQ value, must be >= 0 and <= 255');
const ERR_PAYLOAD = err('ERR DUMP payload version or checksum are wrong');
const ERR_FORMAT = err('ERR Bad data format');

function dump(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return NIL;
  const payload = dumpValue(v, loadLimits(c));
  if (payload === null) return err(`ERR DUMP of ${typeOf(v)} values is not supported yet`);
  return payload.latin1Slice(0, payload.length);
}

/** Limits that pick a restored collection's encoding (and a dumped list's node size), from the live config. */
function loadLimits(c: Client): LoadLimits {
  const cfg = c.server.config;
  return {
    hashEntries: cfg.num('hash-max-listpack-entries'),
    hashValue: cfg.num('hash-max-listpack-value'),
    zsetEntries: cfg.num('zset-max-listpack-entries'),
    zsetValue: cfg.num('zset-max-listpack-value'),
    setIntsetEntries: cfg.num('set-max-intset-entries'),
    listFill: cfg.num('list-max-listpack-size'),
  };
}

function restore(c: Client, argv: string[]): Reply {
  let replace = false, absttl = false;
  let idle = -1, freq = -1;
  for (let i = 4; i < argv.length; i++) {
    const more = i + 1 < argv.length;
    if (is(argv[i], 'REPLACE')) replace = true;
    else if (is(argv[i], 'ABSTTL')) absttl = true;
    else if (is(argv[i], 'IDLETIME') && more && freq === -1) {
      const v = int64Arg(argv[++i]);
      if (isErr(v)) return v;
      if (v < 0) return ERR_IDLETIME;
      idle = Number(v);
    } else if (is(argv[i], 'FREQ') && more && idle === -1) {
      const v = int64Arg(argv[++i]);
      if (isErr(v)) return v;
      if (v < 0 || v > 255) return ERR_FREQ;
      freq = Number(v);
    } else return ERR_SYNTAX;
  }
  const db = c.db;
  const key = argv[1];
  if (!replace && db.get(key) !== undefined) return ERR_BUSYKEY;
  const ttlArg = int64Arg(argv[2]);
  if (isErr(ttlArg)) return ttlArg;
  if (ttlArg < 0) return ERR_TTL;
  const value = restoreValue(Buffer.from(argv[3], 'latin1'), loadLimits(c));
  if (value === 'checksum') return ERR_PAYLOAD;
  if (value === 'format') return ERR_FORMAT;
  const deleted = replace && db.delete(key);
  let ttl = Number(ttlArg);
  const now = c.server.clock.now();
  if (ttl !== 0 && !absttl) ttl += now;
  if (ttl !== 0 && ttl <= now) {
    // Already expired: nothing is stored; a replaced key is reported deleted.
    if (deleted) c.server.notify(G, 'del', key, db.index);
    return OK;
  }
  db.set(key, value);
  if (ttl !== 0) db.setExpire(key, ttl);
  // IDLETIME / FREQ seed LRU/LFU metadata, kept only under LRU/LFU policies.
  if (db.access !== null) db.access.seed(key, idle, freq);
  c.server.notify(NotifyClass.NEW, 'new', key, db.index);
  c.server.notify(G, 'restore', key, db.index);
  return OK;
}

/** DUMP and RESTORE. */
export const dumpCommands: CommandSpec[] = [
  defineCommand({
    name: 'dump', arity: 2, flags: F.READONLY, keys: [1, 1, 1], acl: ['keyspace'],
    group: 'generic', since: '2.6.0', summary: 'Return a serialized version of the value stored at the specified key.',
    complexity: 'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size.',
    args: [{ name: 'key', type: 'key' }],
    run: dump,
  }),
  defineCommand({
    name: 'restore', arity: -4, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: ['keyspace', 'dangerous'],
    group: 'generic', since: '2.6.0', summary: 'Create a key using the provided serialized value, previously obtained using DUMP.',
    complexity: 'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size.',
    args: [
      { name: 'key', type: 'key' }, { name: 'ttl', type: 'integer' }, { name: 'serialized-value', type: 'string' },
      { name: 'replace', type: 'pure-token', token: 'REPLACE', optional: true },
      { name: 'absttl', type: 'pure-token', token: 'ABSTTL', optional: true },
      { name: 'seconds', type: 'integer', token: 'IDLETIME', optional: true },
      { name: 'frequency', type: 'integer', token: 'FREQ', optional: true },
    ],
    run: restore,
  }),
];
