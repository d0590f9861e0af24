// Channels, patterns and shard channels -> subscribers; publish() fans out.
//
// A published message becomes one Message object shared by every recipient;
// transports encode it once per protocol into Message.cache and copy those
// bytes to each recipient (see net/). The core never encodes anything.
import { globMatch } from './glob.js';

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

/** Anything that can receive messages: every client session. */
export interface Subscriber {
  /** Channels, patterns and shard channels this subscriber follows. */
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
  readonly shardChannels: Set<string>;
  /** Queues a message for delivery (flushed at the end of the loop turn). */
  deliver(msg: Message): void;
}

/** The subscription registry of one server. */
export class PubSub {
  readonly channels = new Map<string, Set<Subscriber>>();
  readonly patterns = new Map<string, Set<Subscriber>>();
  readonly shardChannels = new Map<string, Set<Subscriber>>();
  /** Messages published (PUBLISH + SPUBLISH + keyspace events) and deliveries made. */
  published = 0;
  delivered = 0;
  private patternCache = new Map<string, string[]>();

  /** Adds s to channel; false if it was already subscribed. */
  subscribe(s: Subscriber, channel: string): boolean {
    return add(this.channels, s.channels, s, channel);
  }

  /** Removes s from channel; false if it was not subscribed. */
  unsubscribe(s: Subscriber, channel: string): boolean {
    return remove(this.channels, s.channels, s, channel);
  }

  psubscribe(s: Subscriber, pattern: string): boolean {
    const added = add(this.patterns, s.patterns, s, pattern);
    if (added && this.patterns.get(pattern)!.size === 1) this.patternCache.clear();
    return added;
  }

  punsubscribe(s: Subscriber, pattern: string): boolean {
    const removed = remove(this.patterns, s.patterns, s, pattern);
    if (removed && !this.patterns.has(pattern)) this.patternCache.clear();
    return removed;
  }

  ssubscribe(s: Subscriber, channel: string): boolean {
    return add(this.shardChannels, s.shardChannels, s, channel);
  }

  sunsubscribe(s: Subscriber, channel: string): boolean {
    return remove(this.shardChannels, s.shardChannels, s, channel);
  }

  /** Removes every subscription of s (client disconnect). */
  removeSubscriber(s: Subscriber): void {
    for (const ch of [...s.channels]) this.unsubscribe(s, ch);
    for (const p of [...s.patterns]) this.punsubscribe(s, p);
    for (const ch of [...s.shardChannels]) this.sunsubscribe(s, ch);
  }

  /** PUBLISH: delivers to channel subscribers and matching patterns; returns receivers. */
  publish(channel: string, data: string): number {
    this.published++;
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      const msg = new Message('message', channel, data, null);
      for (const s of subs) s.deliver(msg);
      receivers += subs.size;
    }
    if (this.patterns.size !== 0) {
      for (const pattern of this.matchingPatterns(channel)) {
        const psubs = this.patterns.get(pattern)!;
        const msg = new Message('pmessage', channel, data, pattern);
        for (const s of psubs) s.deliver(msg);
        receivers += psubs.size;
      }
    }
    this.delivered += receivers;
    return receivers;
  }

  /** SPUBLISH: delivers to shard channel subscribers only. */
  spublish(channel: string, data: string): number {
    this.published++;
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    const msg = new Message('smessage', channel, data, null);
    for (const s of subs) s.deliver(msg);
    this.delivered += subs.size;
    return subs.size;
  }

  /** Patterns that match channel (memoised until the pattern set changes). */
  matchingPatterns(channel: string): string[] {
    let hit = this.patternCache.get(channel);
    if (hit === undefined) {
      hit = [];
      for (const pattern of this.patterns.keys()) if (globMatch(pattern, channel)) hit.push(pattern);
      if (this.patternCache.size >= 10_000) this.patternCache.clear();
      this.patternCache.set(channel, hit);
    }
    return hit;
  }
}

function add(index: Map<string, Set<Subscriber>>, own: Set<string>, s: Subscriber, name: string): boolean {
  if (own.has(name)) return false;
  own.add(name);
  let set = index.get(name);
  if (set === undefined) index.set(name, (set = new Set()));
  set.add(s);
  return true;
}

function remove(index: Map<string, Set<Subscriber>>, own: Set<string>, s: Subscriber, name: string): boolean {
  if (!own.delete(name)) return false;
  const set = index.get(name);
  if (set !== undefined) {
    set.delete(s);
    if (set.size === 0) index.delete(name);
  }
  return true;
}
