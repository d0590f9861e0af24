// Pub/Sub commands: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH, PUBSUB.
//
// Confirmations are pushes (RESP3 push frames, RESP2 arrays) sent with
// c.push(), so CLIENT REPLY OFF/SKIP never silences them (Redis's
// CLIENT_PUSHING); the commands themselves return NO_REPLY. The count in a
// (P)(UN)SUBSCRIBE confirmation is channels + patterns; the one in an
// S(UN)SUBSCRIBE confirmation is shard channels only, as Redis 7.0 keeps them.
// Without cluster mode, sharded pub/sub is a separate namespace on this node.
import { NO_REPLY, PushReply, err, type Reply } from '../../protocols/reply.js';
import { globMatch } from '../core/glob.js';
import { defineCommand } from './define.js';
import { helpReply, subcommandSyntaxError } from './help.js';
import { ClientFlag, Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const SUB_FLAGS = F.PUBSUB | F.NOSCRIPT | F.LOADING | F.STALE | F.SUBSCRIBED_OK;
const ERR_SSUBSCRIBE_DENIED = err("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");

/** The count SUBSCRIBE, PSUBSCRIBE and their unsubscribes report. */
function count(c: Client): number {
  return c.channels.size + c.patterns.size;
}

function confirm(c: Client, kind: string, name: string | null, n: number): void {
  c.push(new PushReply([kind, name, n]));
}

function subscribe(c: Client, argv: string[]): Reply {
  const ps = c.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    ps.subscribe(c, argv[i]);
    confirm(c, 'subscribe', argv[i], count(c));
  }
  return NO_REPLY;
}

function unsubscribe(c: Client, argv: string[]): Reply {
  const ps = c.server.pubsub;
  if (argv.length > 1) {
    for (let i = 1; i < argv.length; i++) {
      ps.unsubscribe(c, argv[i]);
      confirm(c, 'unsubscribe', argv[i], count(c));
    }
  } else if (c.channels.size === 0) {
    confirm(c, 'unsubscribe', null, count(c));
  } else {
    for (const ch of [...c.channels]) {
      ps.unsubscribe(c, ch);
      confirm(c, 'unsubscribe', ch, count(c));
    }
  }
  return NO_REPLY;
}

function psubscribe(c: Client, argv: string[]): Reply {
  const ps = c.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    ps.psubscribe(c, argv[i]);
    confirm(c, 'psubscribe', argv[i], count(c));
  }
  return NO_REPLY;
}

function punsubscribe(c: Client, argv: string[]): Reply {
  const ps = c.server.pubsub;
  if (argv.length > 1) {
    for (let i = 1; i < argv.length; i++) {
      ps.punsubscribe(c, argv[i]);
      confirm(c, 'punsubscribe', argv[i], count(c));
    }
  } else if (c.patterns.size === 0) {
    confirm(c, 'punsubscribe', null, count(c));
  } else {
    for (const p of [...c.patterns]) {
      ps.punsubscribe(c, p);
      confirm(c, 'punsubscribe', p, count(c));
    }
  }
  return NO_REPLY;
}

function ssubscribe(c: Client, argv: string[]): Reply {
  // Redis refuses it where the client cannot be put in a waiting state:
  // inside EXEC (unlike SUBSCRIBE, which MULTI grandfathers in).
  if ((c.flags & ClientFlag.IN_EXEC) !== 0) return ERR_SSUBSCRIBE_DENIED;
  const ps = c.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    ps.ssubscribe(c, argv[i]);
    confirm(c, 'ssubscribe', argv[i], c.shardChannels.size);
  }
  return NO_REPLY;
}

function sunsubscribe(c: Client, argv: string[]): Reply {
  const ps = c.server.pubsub;
  if (argv.length > 1) {
    for (let i = 1; i < argv.length; i++) {
      ps.sunsubscribe(c, argv[i]);
      confirm(c, 'sunsubscribe', argv[i], c.shardChannels.size);
    }
  } else if (c.shardChannels.size === 0) {
    confirm(c, 'sunsubscribe', null, 0);
  } else {
    for (const ch of [...c.shardChannels]) {
      ps.sunsubscribe(c, ch);
      confirm(c, 'sunsubscribe', ch, c.shardChannels.size);
    }
  }
  return NO_REPLY;
}

// ---- PUBSUB introspection ---------------------------------------------------

function channelList(names: Iterable<string>, argv: string[]): Reply {
  if (argv.length > 3) return subcommandSyntaxError(argv);
  const pattern = argv.length === 3 ? argv[2] : null;
  const out: string[] = [];
  for (const name of names) if (pattern === null || globMatch(pattern, name)) out.push(name);
  return out;
}

function numsub(argv: string[], countOf: (channel: string) => number): Reply {
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) out.push(argv[i], countOf(argv[i]));
  return out;
}

const PUBSUB_HELP = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

const INTROSPECT = F.PUBSUB | F.LOADING | F.STALE;

export const pubsubCommands: CommandSpec[] = [
  defineCommand({
    name: 'subscribe', arity: -2, flags: SUB_FLAGS, group: 'pubsub', since: '2.0.0',
    summary: 'Listen for messages published to the given channels',
    complexity: 'O(N) where N is the number of channels to subscribe to.',
    args: [{ name: 'channel', type: 'string', multiple: true }],
    run: subscribe,
  }),
  defineCommand({
    name: 'unsubscribe', arity: -1, flags: SUB_FLAGS, group: 'pubsub', since: '2.0.0',
    summary: 'Stop listening for messages posted to the given channels',
    complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
    args: [{ name: 'channel', type: 'string', optional: true, multiple: true }],
    run: unsubscribe,
  }),
  defineCommand({
    name: 'psubscribe', arity: -2, flags: SUB_FLAGS, group: 'pubsub', since: '2.0.0',
    summary: 'Listen for messages published to channels matching the given patterns',
    complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
    args: [{ name: 'pattern', type: 'block', multiple: true, arguments: [{ name: 'pattern', type: 'pattern' }] }],
    run: psubscribe,
  }),
  defineCommand({
    name: 'punsubscribe', arity: -1, flags: SUB_FLAGS, group: 'pubsub', since: '2.0.0',
    summary: 'Stop listening for messages posted to channels matching the given patterns',
    complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of ' +
      'total patterns subscribed in the system (by any client).',
    args: [{ name: 'pattern', type: 'pattern', optional: true, multiple: true }],
    run: punsubscribe,
  }),
  defineCommand({
    name: 'ssubscribe', arity: -2, flags: SUB_FLAGS, keys: [1, -1, 1], keyFlags: ['not_key'], group: 'pubsub', since: '7.0.0',
    summary: 'Listen for messages published to the given shard channels',
    complexity: 'O(N) where N is the number of shard channels to subscribe to.',
    args: [{ name: 'shardchannel', type: 'string', multiple: true }],
    run: ssubscribe,
  }),
  defineCommand({
    name: 'sunsubscribe', arity: -1, flags: SUB_FLAGS, keys: [1, -1, 1], keyFlags: ['not_key'], group: 'pubsub', since: '7.0.0',
    summary: 'Stop listening for messages posted to the given shard channels',
    complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
    args: [{ name: 'shardchannel', type: 'string', optional: true, multiple: true }],
    run: sunsubscribe,
  }),
  defineCommand({
    name: 'publish', arity: 3, flags: F.PUBSUB | F.LOADING | F.STALE | F.FAST | F.MAY_REPLICATE,
    group: 'pubsub', since: '2.0.0', summary: 'Post a message to a channel',
    complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total ' +
      'number of subscribed patterns (by any client).',
    args: [{ name: 'channel', type: 'string' }, { name: 'message', type: 'string' }],
    run: (c, argv) => c.server.pubsub.publish(argv[1], argv[2]),
  }),
  defineCommand({
    name: 'spublish', arity: 3, flags: F.PUBSUB | F.LOADING | F.STALE | F.FAST | F.MAY_REPLICATE,
    keys: [1, 1, 1], keyFlags: ['not_key'], group: 'pubsub', since: '7.0.0', summary: 'Post a message to a shard channel',
    complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
    args: [{ name: 'shardchannel', type: 'string' }, { name: 'message', type: 'string' }],
    run: (c, argv) => c.server.pubsub.spublish(argv[1], argv[2]),
  }),
  defineCommand({
    name: 'pubsub', arity: -2, group: 'pubsub', since: '2.8.0', summary: 'A container for Pub/Sub commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'channels', arity: -2, flags: INTROSPECT, since: '2.8.0', summary: 'List active channels',
        complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching ' +
          '(relatively short channels and patterns)',
        args: [{ name: 'pattern', type: 'pattern', optional: true }],
        run: (c, argv) => channelList(c.server.pubsub.channels.keys(), argv) },
      { name: 'numpat', arity: 2, flags: INTROSPECT, since: '2.8.0', summary: 'Get the count of unique patterns pattern subscriptions',
        complexity: 'O(1)', run: (c) => c.server.pubsub.patterns.size },
      { name: 'numsub', arity: -2, flags: INTROSPECT, since: '2.8.0', summary: 'Get the count of subscribers for channels',
        complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
        args: [{ name: 'channel', type: 'string', optional: true, multiple: true }],
        run: (c, argv) => numsub(argv, (ch) => c.server.pubsub.numsub(ch)) },
      { name: 'shardchannels', arity: -2, flags: INTROSPECT, since: '7.0.0', summary: 'List active shard channels',
        complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern ' +
          'matching (relatively short shard channels).',
        args: [{ name: 'pattern', type: 'pattern', optional: true }],
        run: (c, argv) => channelList(c.server.pubsub.shardChannels.keys(), argv) },
      { name: 'shardnumsub', arity: -2, flags: INTROSPECT, since: '7.0.0', summary: 'Get the count of subscribers for shard channels',
        complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
        args: [{ name: 'shardchannel', type: 'string', optional: true, multiple: true }],
        run: (c, argv) => numsub(argv, (ch) => c.server.pubsub.shardNumsub(ch)) },
      { name: 'help', arity: 2, flags: F.LOADING | F.STALE, since: '6.2.0',
        summary: 'Show helpful text about the different subcommands', complexity: 'O(1)',
        run: (_c, argv) => helpReply(argv[0], PUBSUB_HELP) },
    ],
  }),
];
