// Dispatch: lookup -> arity -> protection/auth -> transaction/subscribed gates
// -> run, with commandstats, slowlog, MONITOR and error accounting.
// Shared rules live here as flag checks, never as ifs inside handlers.
import { performance } from 'node:perf_hooks';
import { err, isError, QUEUED, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { pausesActive, postponeIfPaused } from './client-pause.js';
import { BLOCKED, ClientFlag, Flag, type Blocked, type Client, type CommandSpec, type ServerContext } from './types.js';
import { EVICT_FAIL, maxmemoryActive } from '../core/eviction.js';
import { accessPause, batchTime } from '../core/access.js';
import { discardTransaction } from './transactions.js';
import { isSubscriber } from '../core/pubsub.js';
import { specFor } from './table.js';
import { cString } from '../core/types/strtod.js';

const NOAUTH = err('NOAUTH Authentication required.');
const NO_MULTI = err('ERR Command not allowed inside a transaction');
const OOM = err("OOM command not allowed when used memory > 'maxmemory'.");
const EXECABORT_OOM = err("EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.");

/** Executes one request from a client, returning the reply (or BLOCKED). */
export function execute(c: Client, argv: string[]): Reply | Blocked {
  const server = c.server;
  let spec = server.commands.get(argv[0]);
  if (spec !== undefined && spec.subcommands !== undefined && argv.length >= 2) {
    const sub = spec.subcommands.get(argv[1].toLowerCase());
    if (sub === undefined) {
      return reject(c, undefined, err(`ERR unknown subcommand '${clip(argv[1])}'. Try ${argv[0].toUpperCase()} HELP.`));
    }
    spec = sub;
  }
  if (spec === undefined) return unknownCommand(c, argv);
  const arity = spec.arity;
  if ((arity > 0 && arity !== argv.length) || argv.length < -arity) {
    return reject(c, spec, err(`ERR wrong number of arguments for '${spec.name}' command`));
  }
  const flags = spec.flags;
  if ((flags & Flag.PROTECTED) !== 0 && !protectedAllowed(c)) {
    return reject(c, spec, err(
      'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a ' +
      'local connection, otherwise you need to set this option in the configuration file, and then restart the server.'));
  }
  if (!c.authenticated && (flags & Flag.NO_AUTH) === 0) return reject(c, spec, NOAUTH);
  if (c.denies !== undefined) {
    const denied = c.denies(spec, argv);
    if (denied !== null) return reject(c, spec, denied);
  }
  const cflags = c.flags;
  if ((cflags & ClientFlag.MULTI) !== 0 && (flags & Flag.NO_MULTI) !== 0) return reject(c, spec, NO_MULTI);
  if (maxmemoryActive !== 0) {
    const oom = oomGate(c, spec, argv);
    if (oom !== null) return oom;
  }
  if (c.resp === 2 && (flags & Flag.SUBSCRIBED_OK) === 0 && isSubscriber(c)) {
    return reject(c, spec, err(
      `ERR Can't execute '${spec.name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`));
  }
  if (pausesActive !== 0 && postponeIfPaused(c, spec, argv)) return BLOCKED;
  if ((cflags & ClientFlag.MULTI) !== 0 && (flags & Flag.TX_CONTROL) === 0) {
    c.multiQueue!.push(argv);
    return QUEUED;
  }
  return call(c, spec, argv);
}

// Batch timing. Reading the clock twice per command costs as much as a GET,
// so inside a batch, FAST and CHEAP commands (bounded cost) are not timed one by one:
// the batch is timed once and its untimed remainder is shared among them.
// Only done while slowlog-log-slower-than >= 1ms, which no FAST command reaches.
const BATCH_TIMING_MIN_SLOWLOG_USEC = 1000;
let batchDepth = 0;
let batchStart = 0;
let batchTimedUsec = 0;
const batchFast: CommandSpec[] = [];

/** Starts timing a batch of commands (nests; only the outermost counts). */
export function beginBatch(): void {
  if (batchDepth++ === 0) {
    batchStart = performance.now();
    batchTimedUsec = 0;
    batchTime.ms = performance.timeOrigin + batchStart;
  }
}

/** Ends a batch: charges its untimed time to the FAST commands it ran. */
export function endBatch(): void {
  if (--batchDepth !== 0) return;
  batchTime.ms = NaN;
  if (batchFast.length === 0) return;
  const share = Math.max(0, (performance.now() - batchStart) * 1000 - batchTimedUsec) / batchFast.length;
  for (let i = 0; i < batchFast.length; i++) batchFast[i].stats.usec += share;
  batchFast.length = 0;
}

/** Runs a command whose checks passed (also used by EXEC for queued commands). */
export function call(c: Client, spec: CommandSpec, argv: string[]): Reply | Blocked {
  const server = c.server;
  c.lastCommand = spec.name;
  const stats = spec.stats;
  const timed = batchDepth === 0 || (spec.flags & (Flag.FAST | Flag.CHEAP)) === 0 || server.slowlogThreshold < BATCH_TIMING_MIN_SLOWLOG_USEC;
  const t0 = timed ? performance.now() : 0;
  let reply: Reply | Blocked;
  // CLIENT NO-TOUCH: the command leaves LRU/LFU data alone, unless it is TOUCH.
  let touchPause = -1;
  if ((c.flags & ClientFlag.NO_TOUCH) !== 0) {
    touchPause = accessPause.paused ? 1 : 0;
    accessPause.paused = spec.name !== 'touch';
  }
  try {
    reply = spec.run!(c, argv);
  } catch (e) {
    // A handler threw: that is a bug, but it must not take the server down.
    console.error(`[redwire] internal error in '${spec.name}':`, e);
    reply = err(`ERR internal error while executing '${spec.name}'`);
  }
  if (touchPause !== -1) accessPause.paused = touchPause === 1;
  stats.calls++;
  server.stats.totalCommands++;
  if (reply !== BLOCKED && typeof reply === 'object' && reply !== null && isError(reply)) {
    stats.failed++;
    countError(server, reply);
  }
  if (!timed) {
    batchFast.push(spec);
  } else {
    const usec = (performance.now() - t0) * 1000;
    stats.usec += usec;
    if (batchDepth !== 0) batchTimedUsec += usec;
    if (usec > server.slowlogThreshold && server.slowlogThreshold >= 0 && (spec.flags & Flag.SKIP_SLOWLOG) === 0) {
      server.slowlog.add(c, argv, Math.round(usec));
    }
  }
  if (server.monitors.size !== 0 && (spec.flags & (Flag.SKIP_MONITOR | Flag.ADMIN)) === 0) {
    server.feedMonitors(c, argv);
  }
  return reply;
}

/** Records an error reply in INFO errorstats / total_error_replies. */
export function countError(server: ServerContext, e: ErrorReply): void {
  server.stats.totalErrorReplies++;
  const code = e.code;
  server.stats.errors.set(code, (server.stats.errors.get(code) ?? 0) + 1);
}

function reject(c: Client, spec: CommandSpec | undefined, e: ErrorReply): Reply {
  if ((c.flags & ClientFlag.MULTI) !== 0) c.flags |= ClientFlag.DIRTY_EXEC;
  if (spec !== undefined) spec.stats.rejected++;
  countError(c.server, e);
  return e;
}

/**
 * The maxmemory step of Redis's processCommand: evict as needed, then, if
 * memory is still over the limit with nothing left to evict, refuse deny-oom
 * commands, anything but EXEC/DISCARD/QUIT/RESET inside MULTI, and an EXEC
 * whose queue holds a deny-oom command (the transaction is discarded).
 */
function oomGate(c: Client, spec: CommandSpec, argv: string[]): Reply | null {
  const server = c.server;
  if (server.memory.evict(batchDepth !== 0 ? batchStart : performance.now()) !== EVICT_FAIL) return null;
  const name = spec.name;
  let deny = (spec.flags & Flag.DENYOOM) !== 0;
  if (name === 'exec') {
    if (c.multiQueue === null || !queuedDenyOom(server, c.multiQueue)) return null;
    discardTransaction(c);
    spec.stats.rejected++;
    countError(server, EXECABORT_OOM);
    if (server.monitors.size !== 0) server.feedMonitors(c, argv);
    return EXECABORT_OOM;
  }
  // Queuing grows memory too: inside MULTI only leaving the transaction is allowed.
  if ((c.flags & ClientFlag.MULTI) !== 0 && name !== 'discard' && name !== 'quit' && name !== 'reset') deny = true;
  return deny ? reject(c, spec, OOM) : null;
}

/** True if a queued command is deny-oom (Redis keeps this as mstate.cmd_flags). */
function queuedDenyOom(server: ServerContext, queue: string[][]): boolean {
  for (const argv of queue) {
    const spec = specFor(server.commands, argv);
    if (spec !== undefined && (spec.flags & Flag.DENYOOM) !== 0) return true;
  }
  return false;
}

function unknownCommand(c: Client, argv: string[]): Reply {
  const name = argv[0].toLowerCase();
  if (name === 'host:' || name === 'post') {
    console.warn('[redwire] Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. Connection aborted.');
    c.kill('security');
    return null;
  }
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) args += `'${cString(argv[i]).slice(0, 128 - args.length)}' `;
  const text = `ERR unknown command '${clip(argv[0])}', with args beginning with: ${args}`;
  return reject(c, undefined, err(text.replace(/[\r\n]/g, ' ')));
}

function clip(s: string): string {
  s = cString(s);
  return (s.length > 128 ? s.slice(0, 128) : s).replace(/[\r\n]/g, ' ');
}

function protectedAllowed(c: Client): boolean {
  const mode = c.server.config.str('enable-debug-command');
  if (mode === 'yes') return true;
  if (mode === 'local') return c.address.startsWith('127.') || c.address.startsWith('[::1]') || c.address.startsWith('::1');
  return false;
}
