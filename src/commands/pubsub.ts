// Pub/Sub commands: SUBSCRIBE PUBLISH and friends.
import { NO_REPLY, PushReply, type Reply } from '../../protocols/reply.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;

function subscriptionCount(c: Client): number {
  return c.channels.size + c.patterns.size;
}

function subscribe(c: Client, argv: string[]): Reply {
  for (let i = 1; i < argv.length; i++) {
    c.server.pubsub.subscribe(c, argv[i]);
    c.push(new PushReply(['subscribe', argv[i], subscriptionCount(c)]));
  }
  return NO_REPLY;
}

export const pubsubCommands: CommandSpec[] = [
  defineCommand({
    name: 'subscribe', arity: -2, flags: F.PUBSUB | F.NOSCRIPT | F.LOADING | F.STALE | F.SUBSCRIBED_OK,
    group: 'pubsub', since: '2.0.0', summary: 'Listens for messages published to channels.', complexity: 'O(N)',
    run: subscribe,
  }),
  defineCommand({
    name: 'publish', arity: 3, flags: F.PUBSUB | F.LOADING | F.STALE | F.FAST | F.MAY_REPLICATE,
    group: 'pubsub', since: '2.0.0', summary: 'Posts a message to a channel.', complexity: 'O(N+M)',
    run: (c, argv) => c.server.pubsub.publish(argv[1], argv[2]),
  }),
];
