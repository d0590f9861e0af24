// Channels, patterns and shard channels -> subscribers; publish() fans out.
//
// A published message becomes one Message object shared by every recipient;
// transports encode it once per protocol into Message.cache and copy those
// bytes to each recipient (see net/). The core never encodes anything.
//
// Delivery order, as Redis: a channel's subscribers in subscription order,
// then the pattern subscribers (pattern order unspecified, as Redis's dict).
import { PatternIndex, type PatternEntry } from './pattern-index.js';

/** A message on its way to subscribers; `cache` holds per-protocol encodings. */
export class Message {
  /** Encodings by transport slot (filled lazily by the first recipient of each protocol). */
  readonly cache: unknown[] = [];
  constructor(
    readonly kind: 'message' | 'pmessage' | 'smessage',
    readonly channel: string,
    readonly data: string,
    readonly pattern: string | null,
  ) {}
}

/**
 * Anything that can receive messages: every client session, and group
 * subscribers.
 *
 * Group subscribers: one object may stand for many clients, e.g. the
 * WebSocket gateway subscribes one object per channel and fans each message
 * out to its sockets through uWebSockets.js native topics. Such an object
 * sets `weight` to the number of clients it represents; PUBLISH's and
 * SPUBLISH's receiver counts and PUBSUB NUMSUB/SHARDNUMSUB add up weights
 * instead of counting objects. Rules:
 *  - plain sessions leave `weight` undefined (counts as 1); while no weighted
 *    subscriber is subscribed anywhere, publish() pays nothing for the feature;
 *  - whether `weight` is defined must not change while the object is
 *    subscribed (it is checked at subscribe/unsubscribe time); its value may
 *    change at any time (it is read on every publish), and may be 0;
 *  - deliver() is called once per message for the whole group;
 *  - the object keeps its own channels/patterns/shardChannels sets (the
 *    registry updates them) and must be removed with removeSubscriber() when
 *    the group goes away.
 * PUBSUB NUMPAT counts distinct patterns, so weights do not apply there.
 */
export interface Subscriber {
  /** Channels, patterns and shard channels this subscriber follows. */
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
  readonly shardChannels: Set<string>;
  /** Group subscribers only: how many clients this object stands for (see above). */
  readonly weight?: number;
  /** Queues a message for delivery (flushed at the end of the loop turn). */
  deliver(msg: Message): void;
}

/** Receivers represented by a set of subscribers (group weights included). */
function weightOf(subs: Set<Subscriber>): number {
  let n = 0;
  for (const s of subs) n += s.weight ?? 1;
  return n;
}

/** True if s follows any channel, pattern or shard channel (a client in "subscribed mode"). */
export function isSubscriber(s: Subscriber): boolean {
  return s.channels.size !== 0 || s.patterns.size !== 0 || s.shardChannels.size !== 0;
}

/** The subscription registry of one server. */
export class PubSub {
  readonly channels = new Map<string, Set<Subscriber>>();
  readonly patterns = new Map<string, Set<Subscriber>>();
  readonly shardChannels = new Map<string, Set<Subscriber>>();
  /** Messages published (PUBLISH + SPUBLISH + keyspace events) and deliveries made. */
  published = 0;
  delivered = 0;
  private readonly patternIndex = new PatternIndex<Subscriber>();
  /** Subscriptions currently held by weighted (group) subscribers; 0 keeps counting O(1). */
  private weighted = 0;
  /** Reused list of matching patterns (a fresh one if publish() re-enters). */
  private scratch: Array<PatternEntry<Subscriber>> = [];
  private publishing = false;

  /** Adds s to channel; false if it was already subscribed. */
  subscribe(s: Subscriber, channel: string): boolean {
    return this.add(this.channels, s.channels, s, channel);
  }

  /** Removes s from channel; false if it was not subscribed. */
  unsubscribe(s: Subscriber, channel: string): boolean {
    return this.remove(this.channels, s.channels, s, channel);
  }

  /** Adds s to pattern; false if it was already subscribed. */
  psubscribe(s: Subscriber, pattern: string): boolean {
    if (!this.add(this.patterns, s.patterns, s, pattern)) return false;
    const subs = this.patterns.get(pattern)!;
    if (subs.size === 1) this.patternIndex.add(pattern, subs);
    return true;
  }

  /** Removes s from pattern; false if it was not subscribed. */
  punsubscribe(s: Subscriber, pattern: string): boolean {
    if (!this.remove(this.patterns, s.patterns, s, pattern)) return false;
    if (!this.patterns.has(pattern)) this.patternIndex.delete(pattern);
    return true;
  }

  /** Adds s to shard channel; false if it was already subscribed. */
  ssubscribe(s: Subscriber, channel: string): boolean {
    return this.add(this.shardChannels, s.shardChannels, s, channel);
  }

  /** Removes s from shard channel; false if it was not subscribed. */
  sunsubscribe(s: Subscriber, channel: string): boolean {
    return this.remove(this.shardChannels, s.shardChannels, s, channel);
  }

  /** Removes every subscription of s (client disconnect, RESET). */
  removeSubscriber(s: Subscriber): void {
    for (const ch of [...s.channels]) this.unsubscribe(s, ch);
    for (const p of [...s.patterns]) this.punsubscribe(s, p);
    for (const ch of [...s.shardChannels]) this.sunsubscribe(s, ch);
  }

  /** PUBLISH: delivers to channel subscribers, then to matching patterns; returns receivers. */
  publish(channel: string, data: string): number {
    this.published++;
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      receivers = this.deliverAll(subs, new Message('message', channel, data, null));
    }
    if (this.patternIndex.size !== 0) receivers += this.publishToPatterns(channel, data);
    this.delivered += receivers;
    return receivers;
  }

  private publishToPatterns(channel: string, data: string): number {
    const reentered = this.publishing;
    const matched = reentered ? [] : this.scratch;
    this.publishing = true;
    let receivers = 0;
    try {
      const n = this.patternIndex.match(channel, matched);
      for (let i = 0; i < n; i++) {
        const entry = matched[i];
        const psubs = entry.subs;
        if (psubs.size === 0) continue; // emptied by a delivery above
        receivers += this.deliverAll(psubs, new Message('pmessage', channel, data, entry.pattern));
      }
    } finally {
      matched.length = 0;
      this.publishing = reentered;
    }
    return receivers;
  }

  /** SPUBLISH: delivers to shard channel subscribers only (patterns never see shard messages). */
  spublish(channel: string, data: string): number {
    this.published++;
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    const receivers = this.deliverAll(subs, new Message('smessage', channel, data, null));
    this.delivered += receivers;
    return receivers;
  }

  /** Delivers msg to every subscriber in subs; returns the receivers they represent. */
  private deliverAll(subs: Set<Subscriber>, msg: Message): number {
    if (this.weighted === 0) {
      for (const s of subs) s.deliver(msg);
      return subs.size;
    }
    // Some group exists somewhere: add weights up in the same pass.
    let n = 0;
    for (const s of subs) {
      s.deliver(msg);
      n += s.weight ?? 1;
    }
    return n;
  }

  /** PUBSUB NUMSUB: receivers of channel (group weights included). */
  numsub(channel: string): number {
    const subs = this.channels.get(channel);
    return subs === undefined ? 0 : this.weighted === 0 ? subs.size : weightOf(subs);
  }

  /** PUBSUB SHARDNUMSUB: receivers of shard channel (group weights included). */
  shardNumsub(channel: string): number {
    const subs = this.shardChannels.get(channel);
    return subs === undefined ? 0 : this.weighted === 0 ? subs.size : weightOf(subs);
  }

  /** Patterns that match channel (for introspection and tests; PUBLISH does not allocate this). */
  matchingPatterns(channel: string): string[] {
    const out: Array<PatternEntry<Subscriber>> = [];
    this.patternIndex.match(channel, out);
    return out.map((e) => e.pattern);
  }

  private add(index: Map<string, Set<Subscriber>>, own: Set<string>, s: Subscriber, name: string): boolean {
    if (own.has(name)) return false;
    own.add(name);
    let set = index.get(name);
    if (set === undefined) index.set(name, (set = new Set()));
    set.add(s);
    if (s.weight !== undefined) this.weighted++;
    return true;
  }

  private remove(index: Map<string, Set<Subscriber>>, own: Set<string>, s: Subscriber, name: string): boolean {
    if (!own.delete(name)) return false;
    const set = index.get(name);
    if (set !== undefined) {
      set.delete(s);
      if (set.size === 0) index.delete(name);
    }
    if (s.weight !== undefined) this.weighted--;
    return true;
  }
}
