// Shared setup for the string and bitmap command tests: an in-memory server,
// a recorder of keyspace events, and a stand-in collection for WRONGTYPE.
import { memoryServer, type MemoryServer, type MemorySession } from '../helpers/memory.js';
import type { Collection } from '../../src/core/keyspace.js';

export interface StringsEnv extends MemoryServer {
  c: MemorySession;
  /** Keyspace events fired so far as "event:key" (keymiss left out), cleared by take(). */
  events: string[];
  take(): string[];
  /** Stores a non-string value at key. */
  putList(key: string): void;
  /** The TTL deadline of key in ms, or undefined. */
  deadline(key: string): number | undefined;
  /** The raw stored value. */
  raw(key: string): unknown;
}

/** An in-memory server with one client and an event recorder. */
export function stringsEnv(options: Record<string, string> = {}): StringsEnv {
  const env = memoryServer(options);
  const broker = env.broker;
  const events: string[] = [];
  const original = broker.notify.bind(broker);
  broker.notify = (cls: number, event: string, key: string, dbIndex: number) => {
    if (event !== 'keymiss') events.push(`${event}:${key}`);
    original(cls, event, key, dbIndex);
  };
  const c = env.client();
  const db = () => broker.dbs[c.db.index];
  return {
    ...env,
    c,
    events,
    take() {
      return events.splice(0, events.length);
    },
    putList(key: string) {
      const fake: Collection = { type: 'list', encoding: () => 'listpack', clone: () => fake };
      db().set(key, fake);
    },
    deadline(key: string) {
      return db().getExpire(key);
    },
    raw(key: string) {
      return db().dict.get(key);
    },
  };
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const NOT_INT = 'ERR value is not an integer or out of range';
export const SYNTAX = 'ERR syntax error';
