// Server commands: CONFIG TIME LASTSAVE SHUTDOWN SLOWLOG, plus MEMORY
// (server-memory.ts) and LATENCY FUNCTION LOLWUT (server-misc.ts).
import { performance } from 'node:perf_hooks';
import { ERR_SYNTAX, MapReply, NO_REPLY, OK, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { helpReply, subcommandSyntaxError } from './help.js';
import { rewriteConfigFile } from './config-rewrite.js';
import { memoryCommands, serverIdentity } from './server-memory.js';
import { miscServerCommands } from './server-misc.js';
import { withSubcommands } from './table.js';
import { Flag, ServerStats, type Client, type CommandSpec } from './types.js';
import { is, parseInt64 } from './args.js';

const F = Flag;
const CFG = F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE;

function configGet(c: Client, argv: string[]): Reply {
  const pairs = c.server.config.match(argv.slice(2));
  const flat: Reply[] = [];
  for (const [k, v] of pairs) flat.push(k, v);
  return new MapReply(flat);
}

function configSet(c: Client, argv: string[]): Reply {
  if (argv.length % 2 !== 0) return ERR_SYNTAX;
  const pairs: Array<[string, string[]]> = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], [argv[i + 1]]]);
  const e = c.server.config.setMany(pairs);
  return e === null ? OK : err(`ERR ${e}`);
}

/** CONFIG RESETSTAT: INFO stats, commandstats and errorstats start again from zero (the slowlog stays). */
function configResetStat(c: Client): Reply {
  const s = c.server;
  Object.assign(s.stats, new ServerStats());
  for (const spec of withSubcommands(s.commands.all())) {
    const st = spec.stats;
    st.calls = st.usec = st.rejected = st.failed = 0;
  }
  s.pubsub.published = s.pubsub.delivered = 0;
  s.metrics.reset();
  serverIdentity(s).peak = 0;
  return OK;
}

function configRewrite(c: Client): Reply {
  const path = c.server.config.file;
  if (path === null) return err('ERR The server is running without a config file');
  try {
    rewriteConfigFile(c.server.config, path);
  } catch (e) {
    return err(`ERR Rewriting config file: ${(e as Error).message}`);
  }
  return OK;
}

/** TIME: [seconds, microseconds] as bulk strings; sub-millisecond precision when the clock is real time. */
function time(c: Client): Reply {
  const ms = c.server.clock.now();
  const precise = performance.timeOrigin + performance.now();
  const t = Math.abs(precise - ms) < 50 ? precise : ms;
  const sec = Math.floor(t / 1000);
  return [String(sec), String(Math.floor((t - sec * 1000) * 1000))];
}

/** SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: there is nothing to save, so it stops at once. */
function shutdown(c: Client, argv: string[]): Reply {
  let save = false, nosave = false, abort = false, other = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (is(a, 'NOSAVE')) nosave = true;
    else if (is(a, 'SAVE')) save = true;
    else if (is(a, 'NOW') || is(a, 'FORCE')) other = true;
    else if (is(a, 'ABORT')) abort = true;
    else return ERR_SYNTAX;
  }
  if ((abort && (save || nosave || other)) || (save && nosave)) return ERR_SYNTAX;
  if (abort) return err('ERR No shutdown in progress.');
  c.server.shutdown(`SHUTDOWN${argv.length > 1 ? ' ' + argv.slice(1).join(' ').toUpperCase() : ''}`);
  return NO_REPLY;
}

function slowlogGet(c: Client, argv: string[]): Reply {
  const entries = c.server.slowlog.entries;
  let count = 10;
  if (argv.length === 3) {
    const n = parseInt64(argv[2]);
    if (n === null || n < -1) return err('ERR count should be greater than or equal to -1');
    count = n === -1 ? entries.length : Number(n);
  } else if (argv.length > 3) {
    return subcommandSyntaxError(argv);
  }
  const out: Reply[] = [];
  for (let i = 0; i < entries.length && i < count; i++) {
    const e = entries[i];
    out.push([e.id, e.time, e.usec, e.argv.slice(), e.addr, e.name]);
  }
  return out;
}

const CONFIG_HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

const SLOWLOG_HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

export const serverCommands: CommandSpec[] = [
  defineCommand({
    name: 'config', arity: -2, group: 'server', since: '2.0.0', summary: 'A container for server configuration commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'get', arity: -3, flags: CFG, since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided',
        summary: 'Returns the effective values of configuration parameters.',
        args: [{ name: 'parameter', type: 'string', multiple: true }], run: configGet },
      { name: 'set', arity: -4, flags: CFG, since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided',
        summary: 'Sets configuration parameters in-flight.',
        args: [{ name: 'data', type: 'block', multiple: true, arguments: [{ name: 'parameter', type: 'string' }, { name: 'value', type: 'string' }] }],
        run: configSet },
      { name: 'resetstat', arity: 2, flags: CFG, since: '2.0.0', complexity: 'O(1)',
        summary: 'Resets the server\'s statistics.', run: configResetStat },
      { name: 'rewrite', arity: 2, flags: CFG, since: '2.8.0', complexity: 'O(1)',
        summary: 'Persists the effective configuration to file.', run: configRewrite },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, since: '5.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], CONFIG_HELP) },
    ],
  }),
  defineCommand({
    name: 'time', arity: 1, flags: F.LOADING | F.STALE | F.FAST, group: 'server', since: '2.6.0', complexity: 'O(1)',
    summary: 'Returns the server time.', run: time,
  }),
  defineCommand({
    name: 'lastsave', arity: 1, flags: F.LOADING | F.STALE | F.FAST, acl: ['admin', 'dangerous'], group: 'server', since: '1.0.0',
    complexity: 'O(1)', summary: 'Returns the Unix timestamp of the last successful save to disk.',
    run: (c) => Math.floor(c.server.startTime / 1000),
  }),
  defineCommand({
    name: 'shutdown', arity: -1, flags: F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE | F.NO_MULTI | F.ALLOW_BUSY,
    group: 'server', since: '1.0.0', complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
    summary: 'Synchronously saves the database(s) to disk and shuts down the Redis server.',
    args: [
      { name: 'save-selector', type: 'oneof', optional: true, arguments: [
        { name: 'nosave', type: 'pure-token', token: 'NOSAVE' }, { name: 'save', type: 'pure-token', token: 'SAVE' }] },
      { name: 'now', type: 'pure-token', token: 'NOW', optional: true },
      { name: 'force', type: 'pure-token', token: 'FORCE', optional: true },
      { name: 'abort', type: 'pure-token', token: 'ABORT', optional: true },
    ],
    run: shutdown,
  }),
  defineCommand({
    name: 'slowlog', arity: -2, group: 'server', since: '2.2.12', complexity: 'Depends on subcommand.',
    summary: 'A container for slow log commands.',
    subcommands: [
      { name: 'get', arity: -2, flags: F.ADMIN | F.LOADING | F.STALE, since: '2.2.12', complexity: 'O(N) where N is the number of entries returned',
        summary: 'Returns the slow log\'s entries.', args: [{ name: 'count', type: 'integer', optional: true }], run: slowlogGet },
      { name: 'len', arity: 2, flags: F.ADMIN | F.LOADING | F.STALE, since: '2.2.12', complexity: 'O(1)',
        summary: 'Returns the number of entries in the slow log.', run: (c) => c.server.slowlog.entries.length },
      { name: 'reset', arity: 2, flags: F.ADMIN | F.LOADING | F.STALE, since: '2.2.12', complexity: 'O(N) where N is the number of entries in the slowlog',
        summary: 'Clears all entries from the slow log.', run: (c) => {
          c.server.slowlog.reset();
          return OK;
        } },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, since: '6.2.0', complexity: 'O(1)',
        summary: 'Show helpful text about the different subcommands', run: (_c, argv) => helpReply(argv[0], SLOWLOG_HELP) },
    ],
  }),
  ...memoryCommands,
  ...miscServerCommands,
];
