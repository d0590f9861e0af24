// LATENCY, FUNCTION and LOLWUT as a server without latency events and without
// scripting answers them: the shapes clients and the Redis test harness expect
// (the harness sends FUNCTION FLUSH before every test block).
import { ERR_SYNTAX, MapReply, OK, VerbatimReply, err, type Reply } from '../../protocols/reply.js';
import { REDIS_COMPAT_VERSION, VERSION } from '../version.js';
import { defineCommand } from './define.js';
import { helpReply, subcommandSyntaxError } from './help.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { is } from './args.js';

const F = Flag;
const LAT = F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE;

const LATENCY_HELP = [
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
];

const FUNCTION_HELP = [
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library (Redwire has no scripting: there never is one).',
];

function latencyDoctor(): Reply {
  return new VerbatimReply('txt',
    'No latency spike was observed during the lifetime of this instance: Redwire records no latency events.\n');
}

function functionFlush(_c: Client, argv: string[]): Reply {
  if (argv.length > 3) return subcommandSyntaxError(argv);
  if (argv.length === 3 && !is(argv[2], 'SYNC') && !is(argv[2], 'ASYNC')) return err('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
  return OK;
}

function functionList(_c: Client, argv: string[]): Reply {
  let withCode = false;
  let libName = false;
  for (let i = 2; i < argv.length; i++) {
    if (!withCode && is(argv[i], 'WITHCODE')) {
      withCode = true;
    } else if (!libName && is(argv[i], 'LIBRARYNAME')) {
      if (i >= argv.length - 1) return err('ERR library name argument was not given');
      libName = true;
      i++;
    } else {
      return err(`ERR Unknown argument ${argv[i]}`);
    }
  }
  return [];
}

function functionStats(): Reply {
  return new MapReply([
    'running_script', null,
    'engines', new MapReply(['LUA', new MapReply(['libraries_count', 0, 'functions_count', 0])]),
  ]);
}

/** LOLWUT [VERSION v]: a version banner (Redwire draws no art). */
function lolwut(_c: Client, argv: string[]): Reply {
  if (argv.length !== 1 && !(argv.length === 3 && is(argv[1], 'VERSION'))) return ERR_SYNTAX;
  return new VerbatimReply('txt', `Redwire ver. ${VERSION}, following Redis ver. ${REDIS_COMPAT_VERSION}\n`);
}

export const miscServerCommands: CommandSpec[] = [
  defineCommand({
    name: 'latency', arity: -2, group: 'server', since: '2.8.13', complexity: 'Depends on subcommand.',
    summary: 'A container for latency diagnostics commands.',
    subcommands: [
      { name: 'latest', arity: 2, flags: LAT, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns the latest latency samples for all events.', run: () => [] },
      { name: 'history', arity: 3, flags: LAT, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns timestamp-latency samples for an event.', run: () => [] },
      { name: 'reset', arity: -2, flags: LAT, since: '2.8.13', complexity: 'O(1)',
        summary: 'Resets the latency data for one or more events.', run: () => 0 },
      { name: 'graph', arity: 3, flags: LAT, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns a latency graph for an event.',
        run: (_c, argv) => err(`ERR No samples available for event '${argv[2]}'`) },
      { name: 'doctor', arity: 2, flags: LAT, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns a human-readable latency analysis report.', run: latencyDoctor },
      { name: 'histogram', arity: -2, flags: LAT, since: '7.0.0', complexity: 'O(N) where N is the number of commands with latency information being retrieved.',
        summary: 'Returns the cumulative distribution of latencies of a subset or all commands.', run: () => new MapReply([]) },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, since: '2.8.13', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], LATENCY_HELP) },
    ],
  }),
  defineCommand({
    name: 'function', arity: -2, group: 'scripting', since: '7.0.0', complexity: 'Depends on subcommand.',
    summary: 'A container for function commands.',
    subcommands: [
      { name: 'flush', arity: -2, flags: F.NOSCRIPT | F.WRITE, acl: ['scripting'], since: '7.0.0',
        complexity: 'O(N) where N is the number of functions deleted', summary: 'Deletes all libraries and functions.', run: functionFlush },
      { name: 'list', arity: -2, flags: F.NOSCRIPT, acl: ['scripting'], since: '7.0.0', complexity: 'O(N) where N is the number of functions',
        summary: 'Returns information about all libraries.', run: functionList },
      { name: 'stats', arity: 2, flags: F.NOSCRIPT | F.ALLOW_BUSY, acl: ['scripting'], since: '7.0.0', complexity: 'O(1)',
        summary: 'Returns information about a function during execution.', run: functionStats },
      { name: 'kill', arity: 2, flags: F.NOSCRIPT | F.ALLOW_BUSY, acl: ['scripting'], since: '7.0.0', complexity: 'O(1)',
        summary: 'Terminates a function during execution.', run: () => err('NOTBUSY No scripts in execution right now.') },
      { name: 'delete', arity: 3, flags: F.NOSCRIPT | F.WRITE, acl: ['scripting'], since: '7.0.0', complexity: 'O(1)',
        summary: 'Deletes a library and its functions.', run: () => err('ERR Library not found') },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: ['scripting'], since: '7.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], FUNCTION_HELP) },
    ],
  }),
  defineCommand({
    name: 'lolwut', arity: -1, flags: F.READONLY | F.FAST, group: 'server', since: '5.0.0', complexity: 'O(1)',
    summary: 'Displays computer art and the Redis version', run: lolwut,
  }),
];
