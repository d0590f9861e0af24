// Shared helpers for the maxmemory / eviction tests.
import { memoryServer, type MemorySession } from '../helpers/memory.js';
import { VerbatimReply } from '../../protocols/reply.js';
import { Message } from '../../src/core/pubsub.js';

export const OOM_TEXT = "OOM command not allowed when used memory > 'maxmemory'.";

/** One INFO field as a string. */
export function info(c: MemorySession, field: string): string {
  const r = c.run('INFO', 'everything');
  const t = r instanceof VerbatimReply ? r.text : String(r);
  const m = new RegExp(`^${field}:(.*)\r$`, 'm').exec(t);
  if (m === null) throw new Error(`no INFO field ${field}`);
  return m[1];
}

/** Stores n string keys prefix0..prefix(n-1) with `size`-byte values (EX ttl seconds when given). */
export function fill(c: MemorySession, prefix: string, n: number, size = 100, ttl?: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${prefix}${i}`;
    keys.push(key);
    if (ttl === undefined) c.run('SET', key, 'v'.repeat(size));
    else c.run('SET', key, 'v'.repeat(size), 'EX', String(ttl + i));
  }
  return keys;
}

/** Keys of `keys` that still exist. */
export function alive(c: MemorySession, keys: string[]): string[] {
  return keys.filter((k) => c.run('EXISTS', k) === 1);
}

/** A server with a policy, plus a subscriber to __keyevent@*__:evicted. */
export function evictionServer(policy: string, options: Record<string, string> = {}) {
  // Unlimited eviction time: a loaded machine must not turn a test's synchronous eviction into a background one.
  const s = memoryServer({ 'maxmemory-policy': policy, 'notify-keyspace-events': 'Ee', 'maxmemory-eviction-tenacity': '100', ...options });
  const c = s.client();
  const sub = s.client();
  sub.run('PSUBSCRIBE', '__keyevent@*__:evicted');
  const evicted = () => sub.sent.filter((m): m is Message => m instanceof Message).map((m) => m.data as string);
  /** Sets maxmemory so that about `bytes` must be freed, then runs one command to trigger eviction. */
  const squeeze = (bytes: number) => {
    const used = s.broker.memory.used();
    c.run('CONFIG', 'SET', 'maxmemory', String(used - bytes));
    return used - bytes;
  };
  return { ...s, c, sub, evicted, squeeze };
}
