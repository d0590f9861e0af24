// Shared helpers for the set and sorted-set command tests.
import type { MemorySession } from '../helpers/memory.js';
import type { Broker } from '../../src/broker/index.js';

/** Turns on every keyspace event class (including "new") and records keyevent notifications as "event key". */
export function events(broker: Broker, c: MemorySession): string[] {
  c.run('CONFIG', 'SET', 'notify-keyspace-events', 'KEAn');
  const seen: string[] = [];
  const sub = {
    channels: new Set<string>(), patterns: new Set<string>(), shardChannels: new Set<string>(),
    deliver(m: { channel: string; data: string }) {
      seen.push(`${m.channel.slice(m.channel.indexOf('__:') + 3)} ${m.data}`);
    },
  };
  (broker.pubsub as unknown as { psubscribe(s: unknown, p: string): boolean }).psubscribe(sub, '__keyevent@*');
  return seen;
}
