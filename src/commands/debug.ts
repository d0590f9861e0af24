// DEBUG: the subcommands tests and tools rely on. Protected (enable-debug-command).
// DEBUG is one command, not a container, so an unknown subcommand gets Redis's
// "unknown subcommand or wrong number of arguments" error from here.
import { randomBytes } from 'node:crypto';
import {
  BigNumberReply, BoolReply, DoubleReply, ERR_NOT_INTEGER, ERR_NO_SUCH_KEY, MapReply, OK, PushReply, RawReply, SetReply, StatusReply,
  VerbatimReply, err, type ErrorReply, type Reply,
} from '../../protocols/reply.js';
import type { Value } from '../core/keyspace.js';
import { defineCommand } from './define.js';
import { helpReply } from './help.js';
import { encodingOf } from './keys-object.js';
import { estimateValueBytes, serverIdentity } from './server-memory.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { is, isErr, parseInt64 } from './args.js';
import { ERR_POSITIVE } from './collections.js';

const PROTOCOL_TYPES = 'string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false';
const ATTRIB_TEXT = 'Some real reply following the attribute';

/** Blocks the whole event loop, as Redis's DEBUG SLEEP blocks its single thread. */
function sleepSync(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** C strtod on a prefix: "0.5s" -> 0.5, garbage -> 0 (Redis ignores parse errors here). */
function leadingFloat(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m === null ? 0 : Number(m[0]);
}

function protocol(c: Client, name: string): Reply {
  switch (name.toLowerCase()) {
    case 'string': return 'Hello World';
    case 'integer': return 12345;
    case 'double': return new DoubleReply(3.141);
    case 'bignum': return new BigNumberReply('1234567999999999999999999999999999999');
    case 'null': return null;
    case 'array': return [0, 1, 2];
    case 'set': return new SetReply([0, 1, 2]);
    case 'map': return new MapReply([0, new BoolReply(false), 1, new BoolReply(true), 2, new BoolReply(false)]);
    case 'attrib': {
      // RESP3 attribute frame (no Reply type for it) ahead of the real reply; RESP2 has no attributes.
      if (c.resp < 3 || c.transport !== 'tcp') return ATTRIB_TEXT;
      return new RawReply(Buffer.from(
        `|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$${ATTRIB_TEXT.length}\r\n${ATTRIB_TEXT}\r\n`, 'latin1'));
    }
    case 'push':
      if (c.resp < 3) return err('ERR RESP2 is not supported by this command');
      c.push(new PushReply(['server-cpu-usage', 42]));
      return 'Some real reply following the push reply';
    case 'verbatim': return new VerbatimReply('txt', 'This is a verbatim\nstring');
    case 'true': return new BoolReply(true);
    case 'false': return new BoolReply(false);
    default: return err(`ERR Wrong protocol type name. Please use one of the following: ${PROTOCOL_TYPES}`);
  }
}

/** DEBUG OBJECT key: a line shaped like Redis's, with Redwire's estimates. */
function object(c: Client, key: string): Reply {
  const v: Value | undefined = c.db.dict.get(key);
  if (v === undefined) return ERR_NO_SUCH_KEY;
  const encoding = encodingOf(v);
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  const lru = Math.floor(c.server.clock.now() / 1000) & 0xffffff;
  let extra = '';
  if (encoding === 'quicklist') {
    const n = (v as unknown as { length?: number }).length ?? 0;
    extra = ` ql_nodes:1 ql_avg_node:${n.toFixed(2)} ql_listpack_max:${c.server.config.num('list-max-listpack-size')} ` +
      `ql_compressed:${c.server.config.num('list-compress-depth') !== 0 ? 1 : 0} ql_uncompressed_size:${estimateValueBytes(key, v)}`;
  }
  const serialized = typeof v === 'string' ? v.length : estimateValueBytes(key, v);
  return new StatusReply(
    `Value at:0x7f${hash.toString(16).padStart(10, '0')} refcount:1 encoding:${encoding} serializedlength:${serialized} ` +
    `lru:${lru} lru_seconds_idle:0${extra}`);
}


/** A count >= 0, or the not-an-integer / must-be-positive error. */
function countArg(s: string): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return ERR_NOT_INTEGER;
  return v < 0 ? ERR_POSITIVE : Number(v);
}

/** DEBUG POPULATE count [prefix] [size]: string keys prefix:N = "value:N" (padded or cut to size). */
function populate(c: Client, argv: string[]): Reply {
  const count = countArg(argv[2]);
  if (isErr(count)) return count;
  const prefix = argv.length >= 4 ? argv[3] : 'key';
  let size = 0;
  if (argv.length === 5) {
    const n = countArg(argv[4]);
    if (isErr(n)) return n;
    size = n;
  }
  const db = c.db;
  for (let j = 0; j < count; j++) {
    const key = `${prefix}:${j}`;
    if (db.get(key) !== undefined) continue;
    let value = `value:${j}`;
    if (size !== 0) value = value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
    db.set(key, value);
  }
  return OK;
}

const HELP = [
  'CHANGE-REPL-ID',
  '    Change the replication IDs of the instance.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LEAK <string>',
  '    Accepted and ignored (Redwire does not leak on purpose).',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  '    it is used instead of the \'key\' prefix.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'RELOAD [option ...]',
  '    Redwire keeps no RDB: the dataset stays as it is and OK is returned.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'STRINGMATCH-TEST',
  '    Accepted and ignored.',
];

function debug(c: Client, argv: string[]): Reply {
  const sub = argv[1];
  const n = argv.length;
  if (n === 2 && is(sub, 'HELP')) return helpReply(argv[0], HELP);
  if (n === 3 && is(sub, 'SLEEP')) {
    sleepSync(leadingFloat(argv[2]) * 1000);
    return OK;
  }
  if (n === 3 && is(sub, 'SET-ACTIVE-EXPIRE')) {
    c.server.activeExpire = (parseInt(argv[2], 10) || 0) !== 0;
    return OK;
  }
  if (n === 3 && is(sub, 'PROTOCOL')) return protocol(c, argv[2]);
  if (n === 3 && is(sub, 'OBJECT')) return object(c, argv[2]);
  if (n >= 3 && n <= 5 && is(sub, 'POPULATE')) return populate(c, argv);
  if (n === 3 && is(sub, 'ERROR')) return err(argv[2].replace(/[\r\n]/g, ' '));
  if (n === 3 && is(sub, 'LOG')) {
    (c.server as { log?: (level: 'warning', msg: string) => void }).log?.('warning', `DEBUG LOG: ${argv[2]}`);
    return OK;
  }
  if (is(sub, 'RELOAD')) return OK;
  if (n === 2 && is(sub, 'CHANGE-REPL-ID')) {
    serverIdentity(c.server).replId = randomBytes(20).toString('hex');
    return OK;
  }
  if ((n === 3 && is(sub, 'LEAK')) || (n === 2 && is(sub, 'STRINGMATCH-TEST')) ||
      (n === 3 && (is(sub, 'QUICKLIST-PACKED-THRESHOLD') || is(sub, 'SET-SKIP-CHECKSUM-VALIDATION') ||
        is(sub, 'SET-DISABLE-DENY-SCRIPTS')))) {
    return OK;
  }
  return err(`ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try DEBUG HELP.`);
}

export const debugCommands: CommandSpec[] = [
  defineCommand({
    name: 'debug', arity: -2, flags: Flag.ADMIN | Flag.NOSCRIPT | Flag.LOADING | Flag.STALE | Flag.PROTECTED,
    group: 'server', since: '1.0.0', complexity: 'Depends on subcommand.',
    summary: 'A container for debugging commands.',
    run: debug,
  }),
];
