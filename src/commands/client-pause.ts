// CLIENT PAUSE / UNPAUSE. While paused, dispatch hands requests to
// postponeIfPaused(), which parks them (Client.postpone) until the pause ends:
// every command under ALL, commands that write or may replicate under WRITE
// (including EXEC of a transaction holding one). Parked clients count as
// blocked and resume in the order they were parked, on a later loop turn.
// While paused no key is expired (ServerContext.expiryPaused), as in Redis:
// expired keys read as missing and are deleted after the pause.
import { OK, err, type Reply } from '../../protocols/reply.js';
import { specFor } from './table.js';
import { Flag, type Client, type CommandSpec, type ServerContext } from './types.js';
import { arityError, is, isErr } from './args.js';
import { msTimeoutArg } from './lists-common.js';

const WRITE = 1;
const ALL = 2;

interface PauseState {
  type: number;
  /** ms timestamp when the pause lifts. */
  end: number;
  timer: NodeJS.Timeout | null;
  readonly postponed: Set<Client>;
}

const states = new WeakMap<ServerContext, PauseState>();

/** Servers currently paused; dispatch only calls postponeIfPaused() while this is non-zero. */
export let pausesActive = 0;

/** Number of clients parked by a pause (INFO blocked_clients counts them). */
export function postponedCount(server: ServerContext): number {
  const st = states.get(server);
  if (st === undefined) return 0;
  let n = 0;
  for (const c of st.postponed) if (server.clients.has(c.id)) n++;
  return n;
}

function writes(spec: CommandSpec): boolean {
  return (spec.flags & (Flag.WRITE | Flag.MAY_REPLICATE)) !== 0;
}

/** EXEC writes if any queued command does. */
function execWrites(c: Client): boolean {
  for (const argv of c.multiQueue ?? []) {
    const spec = specFor(c.server.commands, argv);
    if (spec !== undefined && writes(spec)) return true;
  }
  return false;
}

/** Dispatch hook: parks argv if the pause applies to it; true when parked. */
export function postponeIfPaused(c: Client, spec: CommandSpec, argv: string[]): boolean {
  const st = states.get(c.server);
  if (st === undefined || st.type === 0) return false;
  if (c.server.clock.now() >= st.end) {
    lift(c.server, st);
    return false;
  }
  if (st.type === WRITE && !writes(spec) && !(spec.name === 'exec' && execWrites(c))) return false;
  c.postpone(argv);
  st.postponed.add(c);
  return true;
}

/** CLIENT PAUSE timeout [WRITE|ALL]: never shortens or weakens a pause already in force. */
export function clientPause(c: Client, argv: string[]): Reply {
  if (argv.length > 4) return arityError('client|pause');
  let type = ALL;
  if (argv.length === 4) {
    if (is(argv[3], 'WRITE')) type = WRITE;
    else if (!is(argv[3], 'ALL')) return err('ERR CLIENT PAUSE mode must be WRITE or ALL');
  }
  // Parsed as XREAD BLOCK's timeout (Redis getTimeoutFromObjectOrReply): 0 gives an end already past.
  const end = msTimeoutArg(c, argv[2]);
  if (isErr(end)) return end;
  const server = c.server;
  let st = states.get(server);
  if (st === undefined) states.set(server, (st = { type: 0, end: 0, timer: null, postponed: new Set() }));
  if (st.type === 0) {
    pausesActive++;
    server.expiryPaused = true;
    st.type = type;
    st.end = end;
  } else {
    st.type = Math.max(st.type, type);
    st.end = Math.max(st.end, end);
  }
  arm(server, st);
  return OK;
}

/** CLIENT UNPAUSE */
export function clientUnpause(c: Client): Reply {
  const st = states.get(c.server);
  if (st !== undefined && st.type !== 0) lift(c.server, st);
  return OK;
}

function arm(server: ServerContext, st: PauseState): void {
  if (st.timer !== null) clearTimeout(st.timer);
  const delay = Math.max(0, Math.min(st.end - server.clock.now(), 0x7fffffff));
  st.timer = setTimeout(() => {
    st.timer = null;
    if (st.type === 0) return;
    if (server.clock.now() >= st.end) lift(server, st);
    else arm(server, st);
  }, delay);
  st.timer.unref();
}

/** Ends the pause; parked clients run again on the next loop turn (never inside the caller's command). */
function lift(server: ServerContext, st: PauseState): void {
  if (st.type === 0) return;
  st.type = 0;
  st.end = 0;
  pausesActive--;
  server.expiryPaused = false;
  if (st.timer !== null) clearTimeout(st.timer);
  st.timer = null;
  if (st.postponed.size === 0) return;
  const waiting = [...st.postponed];
  st.postponed.clear();
  setImmediate(() => {
    for (const c of waiting) if (server.clients.has(c.id)) c.unpostpone();
  });
}
