// Consumer groups: a group's last delivered ID and read counter, its pending
// entries list (PEL), and its consumers, each with its own view of the PEL.
// A pending entry (Nack) is shared between the group PEL and its owner's PEL.
import { IdMap } from './stream-idmap.js';
import type { StreamId } from './stream-id.js';

/** Delivery counters are uint64 in Redis; they stay numbers unless RETRYCOUNT makes them huge. */
export type Counter = number | bigint;

/** Counter + 1, switching to bigint past 2^53. */
export function incCounter(n: Counter): Counter {
  return typeof n === 'number' && n < Number.MAX_SAFE_INTEGER ? n + 1 : BigInt(n) + 1n;
}

/** A delivered, not yet acknowledged entry. */
export class Nack {
  constructor(
    /** Owner; null only while XCLAIM FORCE builds a fresh entry. */
    public consumer: Consumer | null,
    /** ms timestamp of the last delivery. */
    public deliveryTime: number,
    public deliveryCount: Counter,
  ) {}
}

/** A named reader inside a group. */
export class Consumer {
  readonly pel = new IdMap<Nack>();
  constructor(readonly name: string, public seenTime: number) {}
}

/** The value Redis shows as nil: the read counter is unknown. */
export const ENTRIES_READ_INVALID = -1n;

/** One consumer group of a stream. */
export class ConsumerGroup {
  readonly pel = new IdMap<Nack>();
  readonly consumers = new Map<string, Consumer>();

  constructor(
    readonly name: string,
    /** Last ID delivered to the group (">" reads continue after it). */
    public lastId: StreamId,
    /** Logical read counter, or ENTRIES_READ_INVALID. */
    public entriesRead: bigint,
  ) {}

  /** The consumer called name; refreshes its seen-time unless now is null. */
  lookupConsumer(name: string, now: number | null): Consumer | undefined {
    const c = this.consumers.get(name);
    if (c !== undefined && now !== null) c.seenTime = now;
    return c;
  }

  /** Creates a consumer; undefined when the name is taken. */
  createConsumer(name: string, now: number): Consumer | undefined {
    if (this.consumers.has(name)) return undefined;
    const c = new Consumer(name, now);
    this.consumers.set(name, c);
    return c;
  }

  /** Deletes a consumer and its pending entries from the group PEL; returns how many it had. */
  deleteConsumer(c: Consumer): number {
    const pending = c.pel.size;
    c.pel.forEachFrom(null, (id) => {
      this.pel.delete(id);
      return true;
    });
    this.consumers.delete(c.name);
    return pending;
  }

  /** Consumers in name order (byte order, as Redis's radix tree keeps them). */
  sortedConsumers(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Removes a pending entry from the group and its owner. */
  ack(id: StreamId): boolean {
    const nack = this.pel.delete(id);
    if (nack === undefined) return false;
    nack.consumer?.pel.delete(id);
    return true;
  }

  /** A deep copy (COPY): same IDs, times and counters; Nacks rebuilt and re-linked. */
  clone(): ConsumerGroup {
    const g = new ConsumerGroup(this.name, this.lastId, this.entriesRead);
    const copies = new Map<Nack, Nack>();
    this.pel.forEachFrom(null, (id, n) => {
      const copy = new Nack(null, n.deliveryTime, n.deliveryCount);
      copies.set(n, copy);
      g.pel.insertNew(id, copy);
      return true;
    });
    for (const c of this.consumers.values()) {
      const nc = new Consumer(c.name, c.seenTime);
      g.consumers.set(c.name, nc);
      c.pel.forEachFrom(null, (id, n) => {
        const copy = copies.get(n)!;
        copy.consumer = nc;
        nc.pel.insertNew(id, copy);
        return true;
      });
    }
    return g;
  }
}
