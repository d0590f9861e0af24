// Keyspace commands through real client libraries (ioredis, node-redis) over
// TCP: SCAN iterators, binary DUMP/RESTORE, TTL commands in pipelines,
// keyspace notifications from active expiry.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient, RESP_TYPES } from 'redis';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();

describe('ioredis', () => {
  const clients: Redis[] = [];
  const connect = () => {
    const r = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: false, maxRetriesPerRequest: 1 });
    clients.push(r);
    return r;
  };
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it('scanStream visits every key (COUNT and MATCH honoured)', async () => {
    const r = connect();
    await r.select(1);
    await r.flushdb();
    const p = r.pipeline();
    for (let i = 0; i < 3000; i++) p.set(`scan:${i}`, 'v');
    for (let i = 0; i < 500; i++) p.set(`other:${i}`, 'v');
    await p.exec();
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const s = r.scanStream({ match: 'scan:*', count: 100 });
      s.on('data', (keys: string[]) => keys.forEach((k) => seen.add(k)));
      s.on('end', () => resolve());
      s.on('error', reject);
    });
    expect(seen.size).toBe(3000);
    const strings = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = (await r.call('SCAN', cursor, 'TYPE', 'string', 'COUNT', '1000')) as [string, string[]];
      keys.forEach((k) => strings.add(k));
      cursor = next;
    } while (cursor !== '0');
    expect(strings.size).toBe(3500);
  });

  it('DUMP/RESTORE round-trips binary values as Buffers', async () => {
    const r = connect();
    const value = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff));
    await r.set('bin', value);
    const payload = await r.dumpBuffer('bin');
    expect(payload).toBeInstanceOf(Buffer);
    await r.restore('bin2', 0, payload!, 'REPLACE');
    expect(Buffer.compare((await r.getBuffer('bin2'))!, value)).toBe(0);
    await expect(r.restore('bin2', 0, payload!)).rejects.toThrow('BUSYKEY Target key name already exists.');
    await expect(r.restore('bin3', 0, Buffer.from('junk'))).rejects.toThrow('DUMP payload version or checksum are wrong');
  });

  it('TTL commands in a pipeline', async () => {
    const r = connect();
    const res = await r.pipeline()
      .set('t', 'v')
      .expire('t', 100)
      .ttl('t')
      .pexpire('t', 5000, 'GT')
      .pttl('t')
      .persist('t')
      .ttl('t')
      .call('EXPIRE', 't', '10', 'NX', 'XX')
      .exec();
    expect(res!.map(([e, v]) => (e ? e.message : v))).toEqual([
      'OK', 1, 100, 0, expect.any(Number), 1, -1, 'ERR NX and XX, GT or LT options at the same time are not compatible',
    ]);
  });

  it('generic commands return what the typings expect', async () => {
    const r = connect();
    await r.set('g1', '12');
    expect(await r.type('g1')).toBe('string');
    expect(await r.object('ENCODING', 'g1')).toBe('int');
    expect(await r.copy('g1', 'g2')).toBe(1);
    expect(await r.rename('g2', 'g3')).toBe('OK');
    expect(await r.renamenx('g3', 'g1')).toBe(0);
    expect(await r.exists('g1', 'g3', 'g2')).toBe(2);
    expect(await r.move('g3', 5)).toBe(1);
    expect(await r.unlink('g1', 'g3')).toBe(1);
    expect(typeof (await r.dbsize())).toBe('number');
  });

  it('delivers expired events from active expiry to a subscriber', async () => {
    const r = connect();
    const sub = connect();
    await r.config('SET', 'notify-keyspace-events', 'Ex');
    const got: string[] = [];
    await sub.subscribe('__keyevent@0__:expired');
    sub.on('message', (_ch: string, key: string) => got.push(key));
    await r.set('soon1', 'v', 'PX', 30);
    await r.set('soon2', 'v', 'PX', 60);
    const deadline = Date.now() + 3000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    await r.config('SET', 'notify-keyspace-events', '');
    expect(got.sort()).toEqual(['soon1', 'soon2']);
  });
});

describe('node-redis', () => {
  it('scanIterator, TTLs and DUMP/RESTORE with buffers', async () => {
    const c = createClient({ socket: { port: server.port, host: '127.0.0.1', reconnectStrategy: false } });
    c.on('error', () => {});
    await c.connect();
    try {
      await c.select(2);
      await c.flushDb();
      for (let i = 0; i < 1000; i++) await c.set(`nr:${i}`, String(i));
      const seen = new Set<string>();
      for await (const batch of c.scanIterator({ MATCH: 'nr:*', COUNT: 77 })) {
        for (const k of Array.isArray(batch) ? batch : [batch]) seen.add(k as string);
      }
      expect(seen.size).toBe(1000);
      expect(await c.expire('nr:1', 100)).toBe(1);
      expect(await c.ttl('nr:1')).toBe(100);
      expect(await c.pExpireTime('nr:2')).toBe(-1);
      expect(await c.persist('nr:1')).toBe(1);
      const bin = c.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      const payload = await bin.dump('nr:5');
      expect(Buffer.isBuffer(payload)).toBe(true);
      expect(await c.restore('copy5', 0, payload as unknown as string)).toBe('OK');
      expect(await c.get('copy5')).toBe('5');
      expect(await c.dbSize()).toBe(1001);
    } finally {
      c.destroy();
    }
  });
});
