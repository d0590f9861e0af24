// Shared helpers for the keyspace command tests.
import type { MemorySession } from '../helpers/memory.js';

/** A recorder of keyspace events (notify-keyspace-events set to `flags`), as "event key@db". */
export function recordEvents(s: { c: MemorySession; broker: { pubsub: { psubscribe(sub: unknown, p: string): boolean } } }, flags = 'KEA') {
  s.c.run('CONFIG', 'SET', 'notify-keyspace-events', flags);
  const seen: string[] = [];
  const sub = {
    channels: new Set<string>(), patterns: new Set<string>(), shardChannels: new Set<string>(),
    deliver(m: { channel: string; data: string }) {
      if (!m.channel.startsWith('__keyevent@')) return;
      const db = m.channel.slice(11, m.channel.indexOf('__:'));
      seen.push(`${m.channel.slice(m.channel.indexOf('__:') + 3)} ${m.data}@${db}`);
    },
  };
  s.broker.pubsub.psubscribe(sub, '__keyevent@*');
  return seen;
}
