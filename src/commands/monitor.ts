// MONITOR: the client receives every command the server executes, one status
// line each (format and redaction in broker/monitor.ts). Lines are fed after
// a command ran (Redis 7.0 feeds from call()), with the client's database at
// that moment; commands rejected before running, ADMIN and SKIP_MONITOR
// commands are never shown. RESET (and disconnecting) ends monitoring.
import { OK, NO_REPLY, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { ClientFlag, Flag, type Client, type CommandSpec } from './types.js';

const ERR_DENIED = err("ERR MONITOR isn't allowed for DENY BLOCKING client");

function monitor(c: Client): Reply {
  // Inside EXEC a client expects one reply per command, so Redis refuses.
  if ((c.flags & ClientFlag.IN_EXEC) !== 0) return ERR_DENIED;
  // Already monitoring: Redis ignores the command without replying.
  if ((c.flags & ClientFlag.MONITOR) !== 0) return NO_REPLY;
  c.flags |= ClientFlag.MONITOR;
  c.server.monitors.add(c);
  return OK;
}

export const monitorCommands: CommandSpec[] = [
  defineCommand({
    name: 'monitor', arity: 1, flags: Flag.ADMIN | Flag.NOSCRIPT | Flag.LOADING | Flag.STALE,
    group: 'server', since: '1.0.0', summary: 'Listen for all requests received by the server in real time',
    run: monitor,
  }),
];
