// Whole-database commands: DBSIZE FLUSHDB FLUSHALL SWAPDB.
import { ERR_DB_INDEX, ERR_NOT_INTEGER, ERR_SYNTAX, OK, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import type { Db } from '../core/keyspace.js';
import { defineCommand } from './define.js';
import { is, isErr, parseInt64 } from './args.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const ERR_FIRST_DB = err('ERR invalid first DB index');
const ERR_SECOND_DB = err('ERR invalid second DB index');

const ERR_INT_RANGE = err('ERR value is out of range, value must between -2147483648 and 2147483647');

/**
 * A database number argument as Redis's getIntFromObjectOrReply + selectDb
 * check it; `msg`, when given, replaces both of its errors (SWAPDB).
 */
export function dbIndexArg(c: Client, s: string, msg?: ErrorReply): Db | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return msg ?? ERR_NOT_INTEGER;
  if (typeof v === 'bigint' || v < -2147483648 || v > 2147483647) return msg ?? ERR_INT_RANGE;
  if (v < 0 || v >= c.server.dbs.length) return ERR_DB_INDEX;
  return c.server.dbs[v];
}

/** [ASYNC|SYNC]: both free synchronously here (V8's GC reclaims the memory later anyway). */
function flushArgsOk(argv: string[]): boolean {
  return argv.length === 1 || (argv.length === 2 && (is(argv[1], 'ASYNC') || is(argv[1], 'SYNC')));
}

function flushdb(c: Client, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return ERR_SYNTAX;
  c.db.flush();
  return OK;
}

function flushall(c: Client, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return ERR_SYNTAX;
  for (const db of c.server.dbs) if (db.size !== 0) db.flush();
  return OK;
}

/** SWAPDB index1 index2: the contents move, clients stay with their index. */
function swapdb(c: Client, argv: string[]): Reply {
  // Both indexes must be integers before either is range-checked.
  const a = dbIndexArg(c, argv[1], ERR_FIRST_DB);
  if (a === ERR_FIRST_DB) return a;
  const b = dbIndexArg(c, argv[2], ERR_SECOND_DB);
  if (b === ERR_SECOND_DB) return b;
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  if (a !== b) a.swapWith(b);
  return OK;
}

/** DBSIZE FLUSHDB FLUSHALL SWAPDB (part of keysCommands). */
export const dbCommands: CommandSpec[] = [
  defineCommand({
    name: 'dbsize', arity: 1, flags: F.READONLY | F.FAST, acl: ['keyspace'],
    group: 'server', since: '1.0.0', summary: 'Return the number of keys in the selected database', complexity: 'O(1)',
    run: (c) => c.db.size,
  }),
  defineCommand({
    name: 'flushdb', arity: -1, flags: F.WRITE, acl: ['keyspace', 'dangerous'],
    group: 'server', since: '1.0.0', summary: 'Remove all keys from the current database',
    complexity: 'O(N) where N is the number of keys in the selected database',
    args: [{ name: 'flush-type', type: 'oneof', optional: true, arguments: [{ name: 'async', type: 'pure-token', token: 'ASYNC' }, { name: 'sync', type: 'pure-token', token: 'SYNC' }] }],
    run: flushdb,
  }),
  defineCommand({
    name: 'flushall', arity: -1, flags: F.WRITE, acl: ['keyspace', 'dangerous'],
    group: 'server', since: '1.0.0', summary: 'Remove all keys from all databases',
    complexity: 'O(N) where N is the total number of keys in all databases',
    args: [{ name: 'flush-type', type: 'oneof', optional: true, arguments: [{ name: 'async', type: 'pure-token', token: 'ASYNC' }, { name: 'sync', type: 'pure-token', token: 'SYNC' }] }],
    run: flushall,
  }),
  defineCommand({
    name: 'swapdb', arity: 3, flags: F.WRITE | F.FAST, acl: ['keyspace', 'dangerous'],
    group: 'server', since: '4.0.0', summary: 'Swaps two Redis databases',
    complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.',
    args: [{ name: 'index1', type: 'integer' }, { name: 'index2', type: 'integer' }],
    run: swapdb,
  }),
];
