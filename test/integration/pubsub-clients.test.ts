// Real pub/sub clients against Redwire over TCP: ioredis and node-redis in
// RESP2 and RESP3 (channels, patterns, shard channels, binary payloads,
// unsubscribe), redis-cli subscribe/psubscribe, many subscriptions on one
// connection, unknown-channel unsubscribes, publishing during churn.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { useTestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { until } from '../helpers/wait.js';

const server = useTestServer();

for (const protocol of [2, 3] as const) {
  describe(`ioredis subscriber, RESP${protocol}`, () => {
    const clients: Redis[] = [];
    const connect = async () => {
      const c = new Redis({ port: server.port, host: '127.0.0.1', protocol, enableReadyCheck: false, maxRetriesPerRequest: 0, lazyConnect: true });
      c.on('error', () => {});
      clients.push(c);
      await c.connect();
      return c;
    };
    afterAll(() => {
      for (const c of clients) c.disconnect();
    });

    it('channels, patterns and shard channels, with counts and binary payloads', async () => {
      const pub = await connect();
      const sub = await connect();
      const got: string[] = [];
      sub.on('messageBuffer', (ch: Buffer, msg: Buffer) => got.push(`message ${ch.toString('latin1')} ${msg.toString('hex')}`));
      sub.on('pmessageBuffer', (p: Buffer, ch: Buffer, msg: Buffer) => got.push(`pmessage ${p} ${ch} ${msg.toString('hex')}`));
      sub.on('smessage', (ch: string, msg: string) => got.push(`smessage ${ch} ${msg}`));
      const c = `io${protocol}`;
      expect(await sub.subscribe(`${c}:a`, `${c}:b`)).toBe(2);
      expect(await sub.psubscribe(`${c}:*`)).toBe(3);
      expect(await sub.ssubscribe(`${c}:s`)).toBe(1);
      expect(await pub.publish(`${c}:a`, Buffer.from([0, 0xff, 0x0d, 0x0a]))).toBe(2);
      expect(await pub.spublish(`${c}:s`, 'shard')).toBe(1);
      expect(await pub.publish(`${c}:zz`, 'p')).toBe(1);
      expect(await pub.call('PUBSUB', 'NUMSUB', `${c}:a`, `${c}:b`, 'none')).toEqual([`${c}:a`, 1, `${c}:b`, 1, 'none', 0]);
      expect(await pub.call('PUBSUB', 'SHARDNUMSUB', `${c}:s`)).toEqual([`${c}:s`, 1]);
      await until(() => got.length === 4);
      expect(got).toEqual([
        `message ${c}:a 00ff0d0a`,
        `pmessage ${c}:* ${c}:a 00ff0d0a`,
        `smessage ${c}:s shard`,
        `pmessage ${c}:* ${c}:zz 70`,
      ]);
      expect(await sub.unsubscribe(`${c}:a`)).toBe(2);
      // (ioredis never resolves an argument-less PUNSUBSCRIBE, against Redis too: name them.)
      expect(await sub.punsubscribe(`${c}:*`)).toBe(1);
      expect(await pub.publish(`${c}:a`, 'gone')).toBe(0);
      expect(await pub.publish(`${c}:b`, 'still')).toBe(1);
      await until(() => got.length === 5);
      expect(await sub.sunsubscribe(`${c}:s`)).toBe(0);
      expect(await sub.unsubscribe(`${c}:b`)).toBe(0);
      // Out of subscriber mode: normal commands work again.
      expect(await sub.ping()).toBe('PONG');
    });

    it('unsubscribing from channels never subscribed', async () => {
      const sub = await connect();
      expect(await sub.unsubscribe('never1', 'never2')).toBe(0);
      expect(await sub.punsubscribe('never*')).toBe(0);
      expect(await sub.ping()).toBe('PONG');
    });
  });
}

type NodeRedis = ReturnType<typeof createClient>;

for (const RESP of [2, 3] as const) {
  describe(`node-redis subscriber, RESP${RESP}`, () => {
    const clients: NodeRedis[] = [];
    const connect = async () => {
      const c = createClient({ socket: { port: server.port, host: '127.0.0.1', reconnectStrategy: false }, RESP });
      c.on('error', () => {});
      clients.push(c as NodeRedis);
      await c.connect();
      return c as NodeRedis;
    };
    afterAll(() => {
      for (const c of clients) if (c.isOpen) c.destroy();
    });

    it('subscribe, pSubscribe, sSubscribe, unsubscribe', async () => {
      const pub = await connect();
      const sub = await connect();
      const got: string[] = [];
      const p = `nr${RESP}`;
      await sub.subscribe(`${p}:a`, (msg, ch) => got.push(`message ${ch} ${msg}`));
      await sub.pSubscribe(`${p}:*`, (msg, ch) => got.push(`pmessage ${ch} ${msg}`));
      await sub.sSubscribe(`${p}:s`, (msg, ch) => got.push(`smessage ${ch} ${msg}`));
      expect(await pub.publish(`${p}:a`, 'one')).toBe(2);
      expect(await pub.sPublish(`${p}:s`, 'two')).toBe(1);
      await until(() => got.length === 3);
      expect(got).toEqual([`message ${p}:a one`, `pmessage ${p}:a one`, `smessage ${p}:s two`]);
      const binary: Buffer[] = [];
      await sub.subscribe(`${p}:bin`, (msg) => binary.push(msg), true);
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      expect(await pub.publish(`${p}:bin`, bytes)).toBe(2);
      await until(() => binary.length === 1);
      expect(binary[0].equals(bytes)).toBe(true);
      await sub.unsubscribe();
      await sub.pUnsubscribe();
      await sub.sUnsubscribe();
      expect(await pub.publish(`${p}:a`, 'gone')).toBe(0);
      expect(await pub.sendCommand(['PUBSUB', 'NUMPAT'])).toBe(0);
      if (RESP === 3) expect(await sub.ping()).toBe('PONG');
    });
  });
}

describe('redis-cli', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  /** Spawns redis-cli with args and returns a live view of its stdout. */
  function cli(args: string[]): { out: () => string; child: ChildProcess } {
    const child = spawn('redis-cli', ['-p', String(server.port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d.toString('latin1')));
    return { out: () => out, child };
  }

  for (const mode of [[], ['-3']]) {
    it(`subscribe and psubscribe print messages (${mode.length ? 'RESP3' : 'RESP2'})`, async () => {
      const tag = mode.length ? 'r3' : 'r2';
      const s = cli([...mode, 'subscribe', `${tag}:ch`, `${tag}:other`]);
      const ps = cli([...mode, 'psubscribe', `${tag}:*`]);
      await until(() => s.out().includes(`${tag}:other\n2\n`) && ps.out().includes('1\n'));
      const pub = await RawConnection.connect(server.port);
      expect(await pub.command('PUBLISH', `${tag}:ch`, 'hello world')).toBe(':2\r\n');
      await until(() => s.out().includes('hello world') && ps.out().includes('hello world'));
      pub.close();
      expect(s.out()).toBe(`subscribe\n${tag}:ch\n1\nsubscribe\n${tag}:other\n2\nmessage\n${tag}:ch\nhello world\n`);
      expect(ps.out()).toBe(`psubscribe\n${tag}:*\n1\npmessage\n${tag}:*\n${tag}:ch\nhello world\n`);
      s.child.kill();
      ps.child.kill();
    });
  }
});

describe('many subscriptions and churn', () => {
  it('one connection subscribed to 5,000 channels and 2,000 patterns gets every message', async () => {
    const sub = await RawConnection.connect(server.port);
    const pub = await RawConnection.connect(server.port);
    const channels = Array.from({ length: 5000 }, (_, i) => `many:${i}`);
    sub.write(encodeCommand(['SUBSCRIBE', ...channels]));
    const patterns = Array.from({ length: 2000 }, (_, i) => `pat:${i}:*`);
    sub.write(encodeCommand(['PSUBSCRIBE', ...patterns]));
    for (let i = 0; i < 7000; i++) await sub.readReply();
    expect(await pub.command('PUBSUB', 'NUMPAT')).toBe(':2000\r\n');
    const batch: Buffer[] = [];
    for (let i = 0; i < 5000; i += 7) batch.push(encodeCommand(['PUBLISH', `many:${i}`, `m${i}`]));
    for (let i = 0; i < 2000; i += 3) batch.push(encodeCommand(['PUBLISH', `pat:${i}:x`, `p${i}`]));
    pub.write(Buffer.concat(batch));
    for (let i = 0; i < batch.length; i++) expect(await pub.readReply()).toBe(':1\r\n');
    let n = 0;
    for (let i = 0; i < 5000; i += 7) expect(await sub.readReply()).toBe(`*3\r\n$7\r\nmessage\r\n$${`many:${i}`.length}\r\nmany:${i}\r\n$${`m${i}`.length}\r\nm${i}\r\n`), n++;
    for (let i = 0; i < 2000; i += 3) {
      const r = await sub.readReply();
      expect(r.startsWith(`*4\r\n$8\r\npmessage\r\n$${`pat:${i}:*`.length}\r\npat:${i}:*\r\n`)).toBe(true);
      n++;
    }
    expect(n).toBe(batch.length);
    sub.close();
    pub.close();
  });

  it('PUBLISH during SUBSCRIBE/UNSUBSCRIBE churn: steady subscribers get every message, receiver counts stay consistent', async () => {
    const steady = await RawConnection.connect(server.port);
    expect(await steady.command('SUBSCRIBE', 'churn')).toContain(':1\r\n');
    expect(await steady.command('PSUBSCRIBE', 'chu*')).toContain(':2\r\n');
    const churners = await Promise.all(Array.from({ length: 20 }, () => RawConnection.connect(server.port)));
    const pub = await RawConnection.connect(server.port);
    let stop = false;
    // Each churner subscribes and unsubscribes (channels and patterns) as fast as it can.
    const churn = churners.map(async (c, k) => {
      let rounds = 0;
      while (!stop) {
        c.write(encodeCommand(['SUBSCRIBE', 'churn', `own${k}`]));
        c.write(encodeCommand(['PSUBSCRIBE', `ch${'*'.repeat((k % 3) + 1)}`, `c?urn${k}`]));
        c.write(encodeCommand(['UNSUBSCRIBE']));
        c.write(encodeCommand(['PUNSUBSCRIBE']));
        // 2 + 2 + 2 + 2 confirmations, plus any messages that arrived meanwhile.
        let confirmations = 0;
        while (confirmations < 8) {
          const r = await c.readReply();
          if (/^\*3\r\n\$\d+\r\n[p]?(un)?subscribe\r\n/.test(r)) confirmations++;
        }
        rounds++;
      }
      return rounds;
    });
    const N = 300;
    for (let i = 0; i < N; i++) {
      const r = await pub.command('PUBLISH', 'churn', `m${i}`);
      const receivers = Number(r.slice(1));
      expect(receivers).toBeGreaterThanOrEqual(2); // the steady subscriber's channel and pattern
      expect(receivers).toBeLessThanOrEqual(2 + 20 * 3);
    }
    stop = true;
    const rounds = await Promise.all(churn);
    expect(rounds.reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    for (let i = 0; i < N; i++) {
      expect(await steady.readReply()).toBe(`*3\r\n$7\r\nmessage\r\n$5\r\nchurn\r\n$${`m${i}`.length}\r\nm${i}\r\n`);
      expect(await steady.readReply()).toContain(`$4\r\nchu*\r\n$5\r\nchurn\r\n`);
    }
    // Everyone is gone: the registry is empty again except the steady subscriber.
    await until(() => server.broker.pubsub.channels.size === 1);
    expect([...server.broker.pubsub.patterns.keys()]).toEqual(['chu*']);
    for (const c of [steady, pub, ...churners]) c.close();
  });
});
