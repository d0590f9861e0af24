// Exact-channel fan-out to JSON sessions through uWebSockets.js native
// topics. Per channel, one group subscriber stands in the pub/sub registry
// for every JSON session following that channel (its `weight` is their
// number, so PUBLISH and PUBSUB NUMSUB count them); a message is serialized
// once and handed to uWS with a single app.publish(), which copies it to each
// socket in C++ and writes every socket once per loop iteration.
//
// Ordering holds because uWS drains a socket's pending topic messages before
// any direct send on it, and a session sends its other out-of-band frames
// right away while it holds topics (see JsonSession.send).
import type { TemplatedApp } from 'uWebSockets.js';
import { CACHE_JSON, cachedMessageFrame, messageFrameHead, plainMessageFrame } from '../../protocols/json/codec.js';
import type { Broker } from '../broker/index.js';
import type { Message, Subscriber } from '../core/pubsub.js';
import type { TopicFanout, TopicMember } from './ws-link.js';

/** Channels longer than this stay on per-session delivery (uWS topic names are copied per subscription). */
export const MAX_TOPIC_CHANNEL = 1024;

/** The registry's stand-in for all topic members of one channel. */
class TopicGroup implements Subscriber {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  /** JSON sessions on this channel's topic (PUBLISH counts them). */
  weight = 0;
  /** The frame up to the data, built once per channel (null: channel is not UTF-8). */
  private readonly head: string | null;

  constructor(private readonly app: TemplatedApp, readonly topic: string, channel: string) {
    this.head = messageFrameHead(channel);
  }

  deliver(msg: Message): void {
    // Plain ASCII data: the frame as a one-byte string, serialized once for every socket of the topic.
    if (this.head !== null && msg.cache[CACHE_JSON] === undefined) {
      const frame = plainMessageFrame(this.head, msg.data);
      if (frame !== null) {
        this.app.publish(this.topic, frame, false, false);
        return;
      }
    }
    this.app.publish(this.topic, cachedMessageFrame(msg), false, false);
  }
}

/** Joins and leaves channel topics for JSON sessions, keeping one group subscriber per channel. */
export class TopicRouter implements TopicFanout {
  private readonly groups = new Map<string, TopicGroup>();

  constructor(private readonly app: TemplatedApp, private readonly broker: Broker) {}

  join(member: TopicMember, channel: string): void {
    let g = this.groups.get(channel);
    if (g === undefined) {
      // The channel, prefixed to leave room for other namespaces. uWS stores topic
      // names as the UTF-8 of this string: one-to-one with the channel's bytes.
      g = new TopicGroup(this.app, `c${channel}`, channel);
      this.groups.set(channel, g);
      this.broker.pubsub.subscribe(g, channel);
    }
    g.weight++;
    member.link.ws?.subscribe(g.topic);
  }

  leave(member: TopicMember, channel: string): void {
    const g = this.groups.get(channel);
    if (g === undefined) return;
    member.link.ws?.unsubscribe(g.topic);
    if (--g.weight === 0) {
      this.groups.delete(channel);
      this.broker.pubsub.unsubscribe(g, channel);
    }
  }

  /** Channels with at least one topic member (tests, introspection). */
  get size(): number {
    return this.groups.size;
  }
}
