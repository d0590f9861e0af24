import { describe, expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import type { MapReply } from '../../protocols/reply.js';
import type { Broker } from '../../src/broker/index.js';
import { DICT_ENTRY_BYTES, STRING_HEADER_BYTES, TTL_ENTRY_BYTES, datasetBytes, keyBytes, walkDatasetBytes } from '../../src/core/eviction-size.js';
import { STARTUP_BYTES } from '../../src/broker/memory.js';
import { alive, evictionServer, fill, info } from './eviction-helpers.js';

describe('used_memory accounting', () => {
  it('INFO used_memory is startup + dataset + client buffers, the same with and without maxmemory', () => {
    const { client, broker } = memoryServer();
    const c = client();
    fill(c, 'k', 50);
    const before = Number(info(c, 'used_memory'));
    expect(before).toBe(broker.memory.used());
    expect(Number(info(c, 'used_memory_startup'))).toBe(STARTUP_BYTES);
    expect(Number(info(c, 'used_memory_dataset'))).toBe(before - STARTUP_BYTES);
    // Switching the limit on starts incremental accounting: same figure.
    c.run('CONFIG', 'SET', 'maxmemory', '1gb');
    expect(Number(info(c, 'used_memory'))).toBe(before);
    expect(info(c, 'maxmemory')).toBe(String(1024 ** 3));
    expect(info(c, 'maxmemory_human')).toBe('1.00G');
    expect(info(c, 'maxmemory_policy')).toBe('noeviction');
    const items = (c.run('MEMORY', 'STATS') as MapReply).entries;
    expect(items[items.indexOf('total.allocated') + 1]).toBe(before);
  });

  it('charges each string key by the model and gives it back on delete', () => {
    const { client, broker } = memoryServer({ maxmemory: '1gb' });
    const c = client();
    const db = broker.dbs[0];
    expect(datasetBytes(db)).toBe(0);
    c.run('SET', 'key', 'x'.repeat(100));
    expect(datasetBytes(db)).toBe(keyBytes('key', 'x'.repeat(100), false));
    expect(datasetBytes(db)).toBe(DICT_ENTRY_BYTES + 2 * STRING_HEADER_BYTES + 3 + 100);
    c.run('EXPIRE', 'key', '100');
    expect(datasetBytes(db)).toBe(keyBytes('key', 'x'.repeat(100), true));
    c.run('APPEND', 'key', 'yy');
    expect(datasetBytes(db)).toBe(keyBytes('key', 'x'.repeat(100) + 'yy', true));
    c.run('SET', 'key', 'z');
    expect(datasetBytes(db)).toBe(keyBytes('key', 'z', false));
    c.run('DEL', 'key');
    expect(datasetBytes(db)).toBe(0);
    expect(c.run('MEMORY', 'USAGE', 'nokey')).toBe(null);
  });

  it('keeps the running estimate equal to a full walk through writes, renames, moves, swaps and flushes', () => {
    const { client, broker } = memoryServer({ maxmemory: '1gb' });
    const c = client();
    for (let i = 0; i < 200; i++) {
      c.run('SET', `s${i}`, 'v'.repeat(i % 37));
      c.run('RPUSH', `l${i % 10}`, 'e'.repeat(10));
      if (i % 3 === 0) c.run('DEL', `s${i - 3}`);
      if (i % 7 === 0) c.run('INCR', `n${i % 5}`);
      if (i % 11 === 0) c.run('LPOP', `l${i % 10}`);
    }
    c.run('RENAME', 's1', 'renamed-key');
    c.run('MOVE', 's2', '3');
    c.run('SWAPDB', '0', '3');
    c.run('SETRANGE', 's4', '50', 'abc');
    c.run('EXPIRE', 's5', '100');
    c.run('SET', 's6', 'x', 'EX', '100');
    c.run('PERSIST', 's6');
    c.run('SET', 's7', 'x', 'EX', '100');
    c.run('SET', 's7', 'y');
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    c.run('SET', 's8', 'x');
    let sum = 0;
    for (const db of broker.dbs) {
      expect(db.payload!.bytes).toBe(walkDatasetBytes(db));
      sum += db.payload!.bytes;
    }
    expect(broker.memory.used()).toBe(STARTUP_BYTES + sum);
    c.run('SELECT', '3');
    c.run('FLUSHDB');
    expect(datasetBytes(broker.dbs[3])).toBe(0);
    c.run('FLUSHALL');
    for (const db of broker.dbs) expect(datasetBytes(db)).toBe(0);
  });

  it('re-estimates collections changed in place', () => {
    const { client, broker } = memoryServer({ maxmemory: '1gb' });
    const c = client();
    const db = broker.dbs[0];
    c.run('RPUSH', 'list', 'a'.repeat(50));
    const one = datasetBytes(db);
    for (let i = 0; i < 99; i++) c.run('RPUSH', 'list', 'a'.repeat(50));
    const hundred = datasetBytes(db);
    // 99 more elements of ~82 bytes each (slot + string)
    expect(hundred - one).toBeGreaterThan(99 * 70);
    expect(hundred - one).toBeLessThan(99 * 120);
    c.run('HSET', 'h', 'f', 'v'.repeat(1000));
    expect(datasetBytes(db) - hundred).toBeGreaterThan(1000);
    c.run('DEL', 'list', 'h');
    expect(datasetBytes(db)).toBe(0);
  });

  it('counts TTLs and client buffers', () => {
    const { client, broker } = memoryServer({ maxmemory: '1gb' });
    const c = client();
    c.run('SET', 'k', 'v');
    const used = broker.memory.used();
    c.run('EXPIRE', 'k', '10');
    expect(broker.memory.used() - used).toBe(TTL_ENTRY_BYTES);
    expect(broker.memory.breakdown().clients).toBe(0);
  });
});

/** Mean bytes per key of db 0. */
const perKey = (broker: Broker) => datasetBytes(broker.dbs[0]) / broker.dbs[0].size;

describe('eviction policies', () => {
  it('noeviction never evicts', () => {
    const { c, broker, squeeze } = evictionServer('noeviction');
    fill(c, 'k', 20);
    squeeze(1000);
    c.run('GET', 'k1');
    expect(c.run('DBSIZE')).toBe(20);
    expect(broker.stats.evictedKeys).toBe(0);
  });

  it('allkeys-random evicts just enough keys, fires evicted events, counts them', () => {
    const { c, broker, evicted, squeeze } = evictionServer('allkeys-random');
    const keys = fill(c, 'k', 100);
    const limit = squeeze(10 * keyBytes('k10', 'v'.repeat(100), false));
    c.run('PING');
    expect(broker.memory.used()).toBeLessThanOrEqual(limit);
    const left = alive(c, keys).length;
    expect(left).toBeGreaterThanOrEqual(88);
    expect(left).toBeLessThanOrEqual(90);
    expect(broker.stats.evictedKeys).toBe(100 - left);
    expect(info(c, 'evicted_keys')).toBe(String(100 - left));
    expect(evicted().sort()).toEqual(keys.filter((k) => !alive(c, [k]).length).sort());
  });

  it('allkeys-random spreads over databases', () => {
    const { c, broker, squeeze } = evictionServer('allkeys-random');
    fill(c, 'a', 50);
    c.run('SELECT', '5');
    fill(c, 'b', 50);
    squeeze(60 * 183);
    c.run('PING');
    expect(broker.dbs[0].size).toBeLessThan(50);
    expect(broker.dbs[5].size).toBeLessThan(50);
  });

  it('volatile-random only evicts keys with a TTL', () => {
    const { c, broker, squeeze } = evictionServer('volatile-random');
    const plain = fill(c, 'p', 50);
    const volatile = fill(c, 'v', 50, 100, 1000);
    squeeze(20 * 190);
    c.run('PING');
    expect(alive(c, plain).length).toBe(50);
    expect(alive(c, volatile).length).toBeLessThan(50);
    expect(broker.stats.evictedKeys).toBe(50 - alive(c, volatile).length);
  });

  it('volatile-ttl evicts the keys closest to expiring first', () => {
    const { c, squeeze } = evictionServer('volatile-ttl', { 'maxmemory-samples': '10' });
    const plain = fill(c, 'p', 20);
    // v0 expires first, v59 last
    const volatile = fill(c, 'v', 60, 100, 1000);
    squeeze(10 * 260);
    c.run('PING');
    const gone = volatile.filter((k) => c.run('EXISTS', k) === 0);
    expect(gone.length).toBeGreaterThanOrEqual(9);
    // The pool keeps the soonest deadlines among every sample: the evicted keys are early ones.
    const mean = gone.reduce((a, k) => a + Number(k.slice(1)), 0) / gone.length;
    expect(mean).toBeLessThan(30);
    expect(alive(c, plain)).toEqual(plain);
  });

  it('allkeys-lru keeps recently used keys', () => {
    const { c, clock, squeeze, broker } = evictionServer('allkeys-lru', { 'maxmemory-samples': '10' });
    const keys = fill(c, 'k', 100);
    clock.advance(100_000);
    const hot = keys.slice(0, 20);
    for (const k of hot) c.run('GET', k);
    clock.advance(1000);
    squeeze(50 * perKey(broker));
    c.run('PING');
    expect(alive(c, hot)).toEqual(hot);
    expect(alive(c, keys).length).toBeLessThanOrEqual(51);
  });

  it('volatile-lru only evicts volatile keys, least recently used first', () => {
    const { c, clock, squeeze } = evictionServer('volatile-lru', { 'maxmemory-samples': '10' });
    const plain = fill(c, 'p', 30);
    const volatile = fill(c, 'v', 60, 100, 1000);
    clock.advance(50_000);
    const hot = volatile.slice(0, 10);
    for (const k of hot) c.run('GET', k);
    squeeze(30 * 260);
    c.run('PING');
    expect(alive(c, plain)).toEqual(plain);
    expect(alive(c, hot)).toEqual(hot);
    expect(alive(c, volatile).length).toBeLessThan(60);
  });

  it('allkeys-lfu keeps frequently used keys', () => {
    const { c, squeeze, broker } = evictionServer('allkeys-lfu', { 'maxmemory-samples': '10', 'lfu-log-factor': '0' });
    const keys = fill(c, 'k', 100);
    const hot = keys.slice(50, 70);
    for (let i = 0; i < 20; i++) for (const k of hot) c.run('GET', k);
    squeeze(50 * perKey(broker));
    c.run('PING');
    expect(alive(c, hot)).toEqual(hot);
    expect(alive(c, keys).length).toBeLessThanOrEqual(51);
  });

  it('volatile-lfu only evicts volatile keys, least frequently used first', () => {
    const { c, squeeze } = evictionServer('volatile-lfu', { 'maxmemory-samples': '10', 'lfu-log-factor': '0' });
    const plain = fill(c, 'p', 30);
    const volatile = fill(c, 'v', 60, 100, 1000);
    const hot = volatile.slice(0, 10);
    for (let i = 0; i < 20; i++) for (const k of hot) c.run('GET', k);
    squeeze(30 * 260);
    c.run('PING');
    expect(alive(c, plain)).toEqual(plain);
    expect(alive(c, hot)).toEqual(hot);
  });

  it('allkeys policies empty the keyspace when the limit is below startup memory', () => {
    const { c, broker } = evictionServer('allkeys-lru');
    fill(c, 'k', 30);
    c.run('CONFIG', 'SET', 'maxmemory', '1');
    c.run('GET', 'k1');
    expect(broker.dbs[0].size).toBe(0);
    expect(broker.stats.evictedKeys).toBe(30);
  });

  it('evicts collections too', () => {
    const { c, squeeze, broker } = evictionServer('allkeys-random');
    for (let i = 0; i < 10; i++) for (let j = 0; j < 50; j++) c.run('HSET', `h${i}`, `f${String(j).padStart(2, '0')}`, 'x'.repeat(20));
    const per = datasetBytes(broker.dbs[0]) / 10;
    squeeze(Math.floor(per * 3));
    c.run('PING');
    expect(broker.dbs[0].size).toBe(7);
  });
});
