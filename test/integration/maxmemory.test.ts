// maxmemory over real sockets: eviction before commands and after CONFIG SET,
// OOM replies byte for byte, MULTI/EXEC aborts, evicted keyspace events to a
// subscriber, and output buffers of a client that does not read counting
// towards used_memory.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { useTestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { until } from '../helpers/wait.js';

const OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

const server = useTestServer();
let r: Redis;
beforeAll(() => {
  r = new Redis({ port: server.port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
});
afterAll(() => {
  r.disconnect();
});
afterEach(async () => {
  await r.config('SET', 'maxmemory', '0');
  await r.config('SET', 'maxmemory-policy', 'noeviction');
  await r.config('SET', 'notify-keyspace-events', '');
  await r.flushall();
});

async function infoField(field: string): Promise<number> {
  const text = await r.info('everything');
  const m = new RegExp(`^${field}:(\\d+)`, 'm').exec(text);
  if (m === null) throw new Error(`no INFO field ${field}`);
  return Number(m[1]);
}

async function fill(n: number, size: number, prefix = 'k'): Promise<void> {
  const p = r.pipeline();
  for (let i = 0; i < n; i++) p.set(`${prefix}${i}`, 'x'.repeat(size));
  await p.exec();
}

describe('maxmemory over TCP', () => {
  it('allkeys-lru keeps used_memory under the limit while writing', async () => {
    await r.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const used = await infoField('used_memory');
    const limit = used + 100 * 1024;
    await r.config('SET', 'maxmemory', String(limit));
    await fill(2000, 200);
    expect(await infoField('used_memory')).toBeLessThanOrEqual(limit);
    const evicted = await infoField('evicted_keys');
    expect(evicted).toBeGreaterThan(1000);
    expect(await r.dbsize()).toBe(2000 - evicted);
    expect(await infoField('maxmemory')).toBe(limit);
  });

  it('noeviction answers OOM byte for byte; reads and deletes still work', async () => {
    await fill(10, 100);
    await r.config('SET', 'maxmemory', '1');
    const c = await RawConnection.connect(server.port);
    expect(await c.command('SET', 'x', 'y')).toBe(OOM);
    expect(await c.command('GET', 'k1')).toBe(`$100\r\n${'x'.repeat(100)}\r\n`);
    expect(await c.command('DEL', 'k1')).toBe(':1\r\n');
    // MULTI: queuing refused, EXEC aborted for previous errors.
    expect(await c.command('MULTI')).toBe('+OK\r\n');
    expect(await c.command('INCR', 'n')).toBe(OOM);
    expect(await c.command('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    c.close();
  });

  it('EXEC of a queued deny-oom command is aborted with the OOM reason once the limit is hit', async () => {
    const c = await RawConnection.connect(server.port);
    expect(await c.command('MULTI')).toBe('+OK\r\n');
    expect(await c.command('SET', 'x', '1')).toBe('+QUEUED\r\n');
    await r.config('SET', 'maxmemory', '1');
    expect(await c.command('EXEC')).toBe(`-EXECABORT Transaction discarded because of: ${OOM.slice(1)}`);
    expect(await c.command('EXISTS', 'x')).toBe(':0\r\n');
    c.close();
  });

  it('CONFIG SET maxmemory evicts in the background and subscribers get evicted events', async () => {
    await r.config('SET', 'notify-keyspace-events', 'Ee');
    await r.config('SET', 'maxmemory-policy', 'allkeys-random');
    await fill(5, 10, 'ev');
    const sub = new Redis({ port: server.port, host: '127.0.0.1' });
    const got: string[] = [];
    sub.on('pmessage', (_p, channel, key) => got.push(`${channel} ${key}`));
    await sub.psubscribe('__keyevent@*__:evicted');
    await r.config('SET', 'maxmemory', '1');
    await until(async () => got.length === 5, 3000);
    expect(got.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `__keyevent@0__:evicted ev${i}`));
    expect(await r.dbsize()).toBe(0);
    sub.disconnect();
  });

  it('output buffers of a client that stops reading count towards used_memory and cause eviction', async () => {
    await r.config('SET', 'maxmemory-policy', 'allkeys-random');
    await r.set('big', 'x'.repeat(100_000));
    await fill(50, 1000);
    const used = await infoField('used_memory');
    await r.config('SET', 'maxmemory', String(used + 2 * 1024 * 1024));
    // A raw socket that never reads: its replies pile up in Redwire's output buffer.
    const s = net.createConnection({ port: server.port, host: '127.0.0.1' });
    await new Promise<void>((res) => s.once('connect', () => res()));
    s.pause();
    const get = encodeCommand(['GET', 'big']);
    for (let i = 0; i < 200; i++) s.write(get);
    await until(async () => (await infoField('mem_clients_normal')) > 2 * 1024 * 1024, 3000);
    await r.ping();
    expect(await infoField('evicted_keys')).toBeGreaterThan(0);
    s.destroy();
  });

  it('OBJECT FREQ / IDLETIME follow the policy', async () => {
    await r.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await r.set('k', 'v');
    expect(await r.object('IDLETIME', 'k')).toBe(0);
    await r.config('SET', 'maxmemory-policy', 'noeviction');
    await expect(r.object('FREQ', 'k')).rejects.toThrow(/An LFU maxmemory policy is not selected/);
    await r.config('SET', 'maxmemory-policy', 'allkeys-lfu');
    await r.set('k2', 'v');
    expect(await r.object('FREQ', 'k2')).toBe(5);
    await expect(r.object('IDLETIME', 'k2')).rejects.toThrow(/An LFU maxmemory policy is selected, idle time not tracked/);
  });
});
