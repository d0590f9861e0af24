// Connection commands: PING ECHO QUIT SELECT (more arrive with the full family).
import { ERR_DB_INDEX, OK, PONG, PushReply, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { intArg, isErr } from './args.js';

const F = Flag;

function ping(c: Client, argv: string[]): Reply {
  const subscribed = c.channels.size + c.patterns.size + c.shardChannels.size > 0;
  if (subscribed && c.resp === 2) return ['pong', argv.length > 1 ? argv[1] : ''];
  return argv.length > 1 ? argv[1] : PONG;
}

export const connectionCommands: CommandSpec[] = [
  defineCommand({
    name: 'ping', arity: -1, flags: F.FAST | F.SUBSCRIBED_OK, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Returns the server\'s liveliness response.', complexity: 'O(1)',
    run: (c, argv) => (argv.length > 2 ? err("ERR wrong number of arguments for 'ping' command") : ping(c, argv)),
  }),
  defineCommand({
    name: 'echo', arity: 2, flags: F.FAST, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Returns the given string.', complexity: 'O(1)',
    run: (_c, argv) => argv[1],
  }),
  defineCommand({
    name: 'quit', arity: -1, flags: F.ALLOW_BUSY | F.NO_AUTH | F.SUBSCRIBED_OK | F.TX_CONTROL, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Closes the connection.', complexity: 'O(1)',
    run: (c) => {
      c.closeAfterReply();
      return OK;
    },
  }),
  defineCommand({
    name: 'select', arity: 2, flags: F.LOADING | F.STALE | F.FAST, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Changes the selected database.', complexity: 'O(1)',
    run: (c, argv) => {
      const n = intArg(argv[1]);
      if (isErr(n)) return err('ERR value is not an integer or out of range');
      if (n < 0 || n >= c.server.dbs.length) return ERR_DB_INDEX;
      c.db = c.server.dbs[n];
      return OK;
    },
  }),
];

void PushReply;
