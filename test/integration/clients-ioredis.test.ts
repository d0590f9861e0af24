// ioredis against a real Redwire server over TCP: plain commands,
// pipelines, auto-pipelined batches, every byte value, large values, errors,
// pub/sub, many connections.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { useTestServer } from '../helpers/server.js';

import { prng, randomBytes } from '../helpers/codec.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('ioredis', () => {
  const server = useTestServer();
  const clients: Redis[] = [];
  /** A client with INFO-free startup, so the test depends only on what it exercises. */
  const connect = async (opts: Record<string, unknown> = {}): Promise<Redis> => {
    const c = new Redis({ port: server.port, host: '127.0.0.1', enableReadyCheck: false, maxRetriesPerRequest: 0, lazyConnect: true, ...opts });
    c.on('error', () => {});
    clients.push(c);
    await c.connect();
    return c;
  };

  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it('connects with default options (ready check runs INFO)', async () => {
    const c = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    c.on('error', () => {});
    clients.push(c);
    await c.connect();
    expect(c.status).toBe('ready');
    expect(await c.ping()).toBe('PONG');
  });

  it('PING, SET, GET, DEL, ECHO', async () => {
    const c = await connect();
    expect(await c.ping()).toBe('PONG');
    expect(await c.set('io:k', 'v')).toBe('OK');
    expect(await c.get('io:k')).toBe('v');
    expect(await c.get('io:missing')).toBeNull();
    expect(await c.echo('héllo')).toBe('héllo');
    expect(await c.del('io:k', 'io:missing')).toBe(1);
  });

  it('a pipeline of 2000 commands returns every reply in order', async () => {
    const c = await connect();
    const p = c.pipeline();
    for (let i = 0; i < 1000; i++) p.set(`io:p:${i}`, `value-${i}`);
    for (let i = 0; i < 1000; i++) p.get(`io:p:${i}`);
    const res = await p.exec();
    expect(res).not.toBeNull();
    expect(res!.length).toBe(2000);
    for (let i = 0; i < 1000; i++) expect(res![i]).toEqual([null, 'OK']);
    for (let i = 0; i < 1000; i++) expect(res![1000 + i]).toEqual([null, `value-${i}`]);
  });

  it('a pipeline keeps going past an error reply', async () => {
    const c = await connect();
    const res = await c.pipeline().set('io:e', 'x').incr('io:e').get('io:e').exec();
    expect(res![0]).toEqual([null, 'OK']);
    expect((res![1][0] as Error).message).toBe('ERR value is not an integer or out of range');
    expect(res![2]).toEqual([null, 'x']);
  });

  for (const auto of [false, true]) {
    it(`5000 commands issued without awaiting (autopipelining ${auto ? 'on' : 'off'})`, async () => {
      const c = await connect({ enableAutoPipelining: auto });
      const writes: Array<Promise<unknown>> = [];
      for (let i = 0; i < 2500; i++) writes.push(c.set(`io:a${auto}:${i}`, String(i)));
      const reads: Array<Promise<string | null>> = [];
      for (let i = 0; i < 2500; i++) reads.push(c.get(`io:a${auto}:${i}`));
      expect(new Set(await Promise.all(writes))).toEqual(new Set(['OK']));
      const got = await Promise.all(reads);
      for (let i = 0; i < 2500; i++) expect(got[i]).toBe(String(i));
    });
  }

  it('binary keys and values with every byte 0x00-0xFF', async () => {
    const c = await connect();
    await c.set(ALL_BYTES, ALL_BYTES);
    expect((await c.getBuffer(ALL_BYTES))!.equals(ALL_BYTES)).toBe(true);
    const p = c.pipeline();
    for (let b = 0; b < 256; b++) p.set(Buffer.from([0x62, b]), Buffer.from([b, b, 0x0d, 0x0a, b]));
    await p.exec();
    const q = c.pipeline();
    for (let b = 0; b < 256; b++) q.getBuffer(Buffer.from([0x62, b]));
    const res = await q.exec();
    for (let b = 0; b < 256; b++) expect((res![b][1] as Buffer).equals(Buffer.from([b, b, 0x0d, 0x0a, b]))).toBe(true);
  });

  it('large values: 8 MB random bytes and 1 MB of CRLFs', async () => {
    const c = await connect();
    const big = randomBytes(prng(5), 8 * 1024 * 1024);
    expect(await c.set('io:big', big)).toBe('OK');
    expect((await c.getBuffer('io:big'))!.equals(big)).toBe(true);
    const crlf = Buffer.alloc(1 << 20, '\r\n');
    await c.set('io:crlf', crlf);
    expect((await c.getBuffer('io:crlf'))!.equals(crlf)).toBe(true);
    expect(await c.strlen('io:big')).toBe(big.length);
  });

  it('error replies reject with Redis text and the connection keeps working', async () => {
    const c = await connect();
    await expect(c.call('NOSUCHCOMMAND', 'a')).rejects.toThrow("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' ");
    await expect(c.call('GET')).rejects.toThrow("ERR wrong number of arguments for 'get' command");
    expect(await c.ping()).toBe('PONG');
  });

  it('MGET and MSET with many keys', async () => {
    const c = await connect();
    const args: string[] = [];
    for (let i = 0; i < 500; i++) args.push(`io:m:${i}`, `v${i}`);
    expect(await c.mset(...args)).toBe('OK');
    const got = await c.mget(...Array.from({ length: 501 }, (_, i) => `io:m:${i}`));
    expect(got[0]).toBe('v0');
    expect(got[499]).toBe('v499');
    expect(got[500]).toBeNull();
  });

  it('SUBSCRIBE receives PUBLISHed messages, binary included', async () => {
    const sub = await connect();
    const pub = await connect();
    const got: Buffer[] = [];
    const all = new Promise<void>((resolve) => {
      sub.on('messageBuffer', (_ch: Buffer, msg: Buffer) => {
        got.push(msg);
        if (got.length === 3) resolve();
      });
    });
    await sub.subscribe('io:chan');
    expect(await pub.publish('io:chan', 'one')).toBe(1);
    await pub.publish('io:chan', ALL_BYTES);
    await pub.publish('io:chan', Buffer.alloc(100_000, 0x41));
    await all;
    expect(got[0].toString()).toBe('one');
    expect(got[1].equals(ALL_BYTES)).toBe(true);
    expect(got[2].length).toBe(100_000);
  });

  it('20 connections in parallel each see their own replies', async () => {
    const cs = await Promise.all(Array.from({ length: 20 }, () => connect()));
    await Promise.all(cs.map(async (c, n) => {
      for (let i = 0; i < 50; i++) {
        expect(await c.set(`io:c${n}`, `${n}:${i}`)).toBe('OK');
        expect(await c.get(`io:c${n}`)).toBe(`${n}:${i}`);
      }
    }));
  });

  it('SELECT through the db option', async () => {
    const c = await connect({ db: 3 });
    await c.set('io:db', 'three');
    const d = await connect();
    expect(await d.get('io:db')).toBeNull();
    await d.select(3);
    expect(await d.get('io:db')).toBe('three');
  });
});
