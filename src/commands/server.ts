// Server commands: CONFIG (more arrive with the full family).
import { MapReply, OK, err, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;

function configGet(c: Client, argv: string[]): Reply {
  const pairs = c.server.config.match(argv.slice(2));
  const flat: Reply[] = [];
  for (const [k, v] of pairs) flat.push(k, v);
  return new MapReply(flat);
}

function configSet(c: Client, argv: string[]): Reply {
  if (argv.length % 2 !== 0) return err("ERR wrong number of arguments for 'config|set' command");
  const pairs: Array<[string, string[]]> = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], [argv[i + 1]]]);
  const e = c.server.config.setMany(pairs);
  return e === null ? OK : err(`ERR ${e}`);
}

export const serverCommands: CommandSpec[] = [
  defineCommand({
    name: 'config', arity: -2, group: 'server', since: '2.0.0', summary: 'A container for server configuration commands.',
    subcommands: [
      {
        name: 'get', arity: -3, flags: F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE, acl: ['dangerous'],
        since: '2.0.0', summary: 'Returns the effective values of configuration parameters.', complexity: 'O(N)', group: 'server',
        run: configGet,
      },
      {
        name: 'set', arity: -4, flags: F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE, acl: ['dangerous'],
        since: '2.0.0', summary: 'Sets configuration parameters in-flight.', complexity: 'O(N)', group: 'server',
        run: configSet,
      },
    ],
  }),
];
