// Pub/sub across transports: JSON and RESP-over-WebSocket subscribers, redis-cli
// and ioredis publishers and subscribers, patterns, shard channels, keyspace
// events, counts and ordering, with uWS topics on (default) and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { TopicRouter } from '../../src/net/ws-topics.js';
import { JsonClient, RespWsClient } from './ws-helpers.js';
import { sleep } from '../helpers/wait.js';
import { useWsServer } from '../helpers/server.js';
import { redisCli } from '../helpers/cli.js';

for (const topics of ['yes', 'no']) {
  describe(`pub/sub across transports (ws-topics ${topics})`, () => {
    const server = useWsServer({ 'ws-topics': topics });
    let redis: Redis;

    beforeAll(() => {
      redis = new Redis({ port: server.port, host: '127.0.0.1' });
    });

    afterAll(() => {
      redis.disconnect();
    });

    it('SUBSCRIBE confirms with pushes and a reply; redis-cli PUBLISH reaches JSON and resp3 subscribers', async () => {
      const j = await JsonClient.open(server.wsUrl);
      const sub = await j.call('SUBSCRIBE', 'news', 'sport');
      expect(sub).toMatchObject({ id: 1, r: 2 });
      expect(j.pushes.slice(0, 2)).toEqual([
        { push: 'subscribe', channel: 'news', count: 1, $binary: false },
        { push: 'subscribe', channel: 'sport', count: 2, $binary: false },
      ]);
      // Confirmations come before the reply.
      expect(j.frames.indexOf(sub)).toBe(2);
      const r = await RespWsClient.open(server.wsUrl);
      r.command('SUBSCRIBE', 'news');
      await r.expect('*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n');
      expect(await redisCli(server.port, 'publish', 'news', 'hello')).toBe('2');
      expect(await j.waitFor((f) => f.push === 'message')).toEqual({ push: 'message', channel: 'news', data: 'hello', $binary: false });
      await r.expect('*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n');
      expect(await redis.pubsub('NUMSUB', 'news', 'sport')).toEqual(['news', 2, 'sport', 1]);
      // A subscribed JSON session still runs ordinary commands.
      expect((await j.call('SET', 'ps:k', 'v')).r).toBe('OK');
      expect((await j.call('UNSUBSCRIBE', 'news')).r).toBe(1);
      expect(await redis.publish('news', 'x')).toBe(1);
      expect((await j.call('UNSUBSCRIBE')).r).toBe(0);
      expect(await redis.pubsub('NUMSUB', 'news', 'sport')).toEqual(['news', 1, 'sport', 0]);
      j.close();
      r.close();
    });

    it('patterns and shard channels: pmessage and smessage pushes', async () => {
      const j = await JsonClient.open(server.wsUrl);
      expect((await j.call('PSUBSCRIBE', 'n*')).r).toBe(1);
      expect((await j.call('SSUBSCRIBE', 'shard1')).r).toBe(1);
      expect(j.pushes).toMatchObject([
        { push: 'psubscribe', pattern: 'n*', count: 1 },
        { push: 'ssubscribe', channel: 'shard1', count: 1 },
      ]);
      expect(await redisCli(server.port, 'publish', 'nba', 'pm')).toBe('1');
      expect(await j.waitFor((f) => f.push === 'pmessage')).toEqual({ push: 'pmessage', pattern: 'n*', channel: 'nba', data: 'pm', $binary: false });
      expect(await redis.spublish('shard1', 'sm')).toBe(1);
      expect(await j.waitFor((f) => f.push === 'smessage')).toMatchObject({ push: 'smessage', channel: 'shard1', data: 'sm' });
      j.close();
    });

    it('a browser PUBLISH reaches ioredis subscribers (channel and pattern) and other WebSockets', async () => {
      const sub = new Redis({ port: server.port, host: '127.0.0.1' });
      const got: string[] = [];
      sub.on('message', (ch, m) => got.push(`message ${ch} ${m}`));
      sub.on('pmessage', (p, ch, m) => got.push(`pmessage ${p} ${ch} ${m}`));
      await sub.subscribe('chat');
      await sub.psubscribe('ch*');
      const other = await JsonClient.open(server.wsUrl);
      await other.call('SUBSCRIBE', 'chat');
      const j = await JsonClient.open(server.wsUrl);
      expect((await j.call('PUBLISH', 'chat', 'héllo')).r).toBe(3);
      expect(await other.waitFor((f) => f.push === 'message')).toMatchObject({ channel: 'chat', data: 'héllo' });
      for (let i = 0; i < 50 && got.length < 2; i++) await sleep(10);
      expect(got.sort()).toEqual(['message chat héllo', 'pmessage ch* chat héllo']);
      sub.disconnect();
      other.close();
      j.close();
    });

    it('binary channel names and payloads travel as $b64', async () => {
      const j = await JsonClient.open(server.wsUrl);
      const ch = { $b64: Buffer.from([0xc3, 0x28]).toString('base64') }; // invalid UTF-8
      expect((await j.call('SUBSCRIBE', ch)).r).toBe(1);
      expect(j.pushes[0]).toMatchObject({ push: 'subscribe', channel: ch });
      await redis.publish(Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0x01]));
      expect(await j.waitFor((f) => f.push === 'message')).toMatchObject({
        channel: ch, data: { $b64: Buffer.from([0xff, 0x01]).toString('base64') },
      });
      j.close();
    });

    it('keyspace events from a browser SET reach every transport', async () => {
      await redis.config('SET', 'notify-keyspace-events', 'KEA');
      const sub = new Redis({ port: server.port, host: '127.0.0.1' });
      const got: string[] = [];
      sub.on('pmessage', (_p, ch, m) => got.push(`${ch} ${m}`));
      await sub.psubscribe('__keyspace@0__:ks:*', '__keyevent@0__:set');
      const watcher = await JsonClient.open(server.wsUrl);
      await watcher.call('SUBSCRIBE', '__keyspace@0__:ks:a');
      await watcher.call('PSUBSCRIBE', '__keyevent@0__:*');
      const r = await RespWsClient.open(server.wsUrl);
      r.command('SUBSCRIBE', '__keyevent@0__:set');
      await r.expect('*3\r\n$9\r\nsubscribe\r\n$18\r\n__keyevent@0__:set\r\n:1\r\n');
      const browser = await JsonClient.open(server.wsUrl);
      expect((await browser.call('SET', 'ks:a', '1')).r).toBe('OK');
      expect(await redis.get('ks:a')).toBe('1');
      expect(await watcher.waitFor((f) => f.push === 'message')).toMatchObject({ channel: '__keyspace@0__:ks:a', data: 'set' });
      expect(await watcher.waitFor((f) => f.push === 'pmessage')).toMatchObject({ pattern: '__keyevent@0__:*', channel: '__keyevent@0__:set', data: 'ks:a' });
      await r.expect('*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:set\r\n$4\r\nks:a\r\n');
      for (let i = 0; i < 50 && got.length < 2; i++) await sleep(10);
      expect(got).toEqual(['__keyspace@0__:ks:a set', '__keyevent@0__:set ks:a']);
      await redis.config('SET', 'notify-keyspace-events', '');
      sub.disconnect();
      for (const c of [watcher, browser]) c.close();
      r.close();
    });

    it('keeps publish order between channel and pattern deliveries, and before the reply', async () => {
      const j = await JsonClient.open(server.wsUrl);
      await j.call('SUBSCRIBE', 'ord');
      await j.call('PSUBSCRIBE', 'o*');
      const p = redis.pipeline();
      for (let i = 0; i < 20; i++) p.publish('ord', String(i));
      await p.exec();
      await j.pushesUntil(2 + 40);
      const seq = j.pushes.slice(2).map((f) => `${f.push}:${f.data}`);
      const want: string[] = [];
      for (let i = 0; i < 20; i++) want.push(`message:${i}`, `pmessage:${i}`);
      expect(seq).toEqual(want);
      // Publishing to itself: the message arrives before PUBLISH's reply, as in Redis.
      const n = j.frames.length;
      const reply = await j.call('PUBLISH', 'ord', 'self');
      expect(reply.r).toBe(2);
      expect(j.frames.slice(n).map((f) => f.push ?? 'reply')).toEqual(['message', 'pmessage', 'reply']);
      j.close();
    });

    it('exact-channel only session: message before reply, then order kept across many publishes', async () => {
      const j = await JsonClient.open(server.wsUrl);
      await j.call('SUBSCRIBE', 'solo');
      const n = j.frames.length;
      expect((await j.call('PUBLISH', 'solo', 'me')).r).toBe(1);
      expect(j.frames.slice(n).map((f) => f.push ?? 'reply')).toEqual(['message', 'reply']);
      const p = redis.pipeline();
      for (let i = 0; i < 200; i++) p.publish('solo', String(i));
      await p.exec();
      await j.pushesUntil(1 + 1 + 200);
      expect(j.pushes.slice(2).map((f) => f.data)).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
      j.close();
    });

    it('orders an unblocked reply between the messages published around it', async () => {
      const j = await JsonClient.open(server.wsUrl);
      await j.call('SUBSCRIBE', 'mix');
      await redis.del('mix:list');
      const blpop = j.call('BLPOP', 'mix:list', 0);
      for (let i = 0; i < 100 && server.broker.blocking.blockedCount === 0; i++) await sleep(5);
      const p = redis.pipeline();
      p.publish('mix', 'before');
      p.rpush('mix:list', 'x');
      p.publish('mix', 'after');
      await p.exec();
      expect((await blpop).r).toEqual(['mix:list', 'x']);
      await j.waitFor((f) => f.data === 'after');
      const seq = j.frames.slice(2).map((f) => (f.push ? `${f.push}:${f.data}` : 'reply'));
      expect(seq).toEqual(['message:before', 'reply', 'message:after']);
      // SUBSCRIBE inside MULTI (confirmations folded into EXEC) still delivers, in order.
      await j.call('MULTI');
      await j.call('SUBSCRIBE', 'mix2');
      const exec = await j.call('EXEC');
      expect(exec.r).toEqual([['subscribe', 'mix2', 2]]);
      const q = redis.pipeline();
      for (let i = 0; i < 10; i++) q.publish(i % 2 ? 'mix' : 'mix2', String(i));
      await q.exec();
      await j.waitFor((f) => f.data === '9');
      expect(j.pushes.filter((f) => f.push === 'message').slice(-10).map((f) => f.data)).toEqual(
        Array.from({ length: 10 }, (_, i) => String(i)));
      j.close();
    });

    it('counts many JSON subscribers of one channel and forgets the killed ones', async () => {
      const clients = await Promise.all(Array.from({ length: 5 }, () => JsonClient.open(server.wsUrl)));
      const ids: number[] = [];
      for (const c of clients) {
        await c.call('SUBSCRIBE', 'many');
        ids.push((await c.call('CLIENT', 'ID')).r as number);
      }
      expect(await redis.publish('many', 'a')).toBe(5);
      // With ws-topics the five sessions share one registry entry (a uWS topic).
      expect((server.gateway!.context.topics as TopicRouter | null)?.size ?? 0).toBe(topics === 'yes' ? 1 : 0);
      for (const c of clients) expect(await c.waitFor((f) => f.push === 'message')).toMatchObject({ data: 'a' });
      await redis.client('KILL', 'ID', String(ids[0]));
      await clients[0].closed;
      clients[1].close();
      await clients[1].closed;
      for (let i = 0; i < 50 && (await redis.publish('many', 'probe')) !== 3; i++) await sleep(10);
      expect(await redis.publish('many', 'b')).toBe(3);
      expect(await redis.pubsub('NUMSUB', 'many')).toEqual(['many', 3]);
      // RESET drops the subscription without confirmations.
      expect((await clients[2].call('RESET')).r).toBe('RESET');
      expect(await redis.publish('many', 'c')).toBe(2);
      for (const c of clients.slice(2)) c.close();
    });
  });
}
