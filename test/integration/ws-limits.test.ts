// Bad input and limits on the gateway: malformed frames, wrong frame types,
// oversized frames, floods of bad frames, slow consumers, maxclients and
// origins. None of it may affect the other clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Socket } from 'node:net';
import { JsonClient } from './ws-helpers.js';
import { sleep } from '../helpers/wait.js';
import { startWsServer, useWsServer } from '../helpers/server.js';

const server = useWsServer({ 'ws-max-payload': '1024', 'ws-max-bad-frames': '5', 'ws-max-backpressure': '64kb' });
let redis: Redis;

beforeAll(() => {
  redis = new Redis({ port: server.port, host: '127.0.0.1' });
});

afterAll(() => {
  redis.disconnect();
});

describe('bad frames', () => {
  it('answers malformed JSON and wrong shapes with an error frame and stays usable', async () => {
    const c = await JsonClient.open(server.wsUrl);
    c.raw('{"id":1,"cmd":["SET",');
    expect(await c.waitFor((f) => 'err' in f)).toEqual({ err: { code: 'ERR', msg: 'invalid JSON' }, $binary: false });
    c.raw('[1,2]');
    c.raw('{"id":7}');
    c.raw('{"id":8,"cmd":[]}');
    c.raw('{"id":9,"cmd":["SET","k",true]}');
    await c.waitFor((f) => f.id === 9);
    expect(c.frames.slice(1).map((f) => f.err)).toEqual([
      { code: 'ERR', msg: 'a frame must be a JSON object' },
      { code: 'ERR', msg: 'a frame needs "cmd" (or "auth")' },
      { code: 'ERR', msg: 'cmd must be a non-empty array' },
      { code: 'ERR', msg: 'cmd[2] must be a string, a number or {"$b64":"..."}' },
    ]);
    await sleep(1100); // a fresh bad-frame second
    expect((await c.call('PING')).r).toBe('PONG');
    c.close();
  });

  it('refuses binary frames on the json subprotocol', async () => {
    const c = await JsonClient.open(server.wsUrl);
    c.raw(Buffer.from('{"id":1,"cmd":["PING"]}'), true);
    expect(await c.waitFor((f) => 'err' in f)).toMatchObject({
      err: { code: 'ERR', msg: 'binary frames are not accepted on the json subprotocol' },
    });
    expect((await c.call('PING')).r).toBe('PONG');
    c.close();
  });

  it('answers frames over ws-max-payload with TOOLARGE (keeping the id) and runs nothing', async () => {
    const c = await JsonClient.open(server.wsUrl);
    c.raw(JSON.stringify({ id: 42, cmd: ['SET', 'big', 'x'.repeat(2000)] }));
    expect(await c.waitFor((f) => f.id === 42)).toMatchObject({ id: 42, err: { code: 'TOOLARGE' } });
    expect(await redis.exists('big')).toBe(0);
    expect((await c.call('SET', 'small', 'x'.repeat(900))).r).toBe('OK');
    c.close();
  });

  it('drops the connection on frames beyond the hard cap (uWS), leaving others alone', async () => {
    const bystander = await JsonClient.open(server.wsUrl);
    const c = await JsonClient.open(server.wsUrl);
    c.raw(JSON.stringify({ id: 1, cmd: ['SET', 'huge', 'x'.repeat(100_000)] }));
    expect((await c.closed).code).toBe(1006);
    expect(await redis.exists('huge')).toBe(0);
    expect((await bystander.call('PING')).r).toBe('PONG');
    bystander.close();
  });

  it('closes a flood of bad frames with 4008; other clients keep going', async () => {
    const bystander = await JsonClient.open(server.wsUrl);
    const c = await JsonClient.open(server.wsUrl);
    for (let i = 0; i < 10; i++) c.raw('not json');
    expect(await c.closed).toEqual({ code: 4008, reason: 'too many bad frames' });
    expect(c.frames.filter((f) => 'err' in f).length).toBe(6);
    expect((await bystander.call('PING')).r).toBe('PONG');
    bystander.close();
  });

  it('counts forbidden commands as bad frames too', async () => {
    const c = await JsonClient.open(server.wsUrl);
    for (let i = 0; i < 10; i++) c.raw(JSON.stringify({ id: i, cmd: ['FLUSHALL'] }));
    expect((await c.closed).code).toBe(4008);
    expect(c.frames.every((f) => (f.err as { code: string }).code === 'FORBIDDEN')).toBe(true);
  });
});

describe('slow consumers and capacity', () => {
  it('closes a subscriber over ws-max-backpressure with 4100 and counts it', async () => {
    const before = server.broker.stats.outputLimitDisconnections;
    const bystander = await JsonClient.open(server.wsUrl);
    await bystander.call('SUBSCRIBE', 'flood');
    const slow = await JsonClient.open(server.wsUrl);
    await slow.call('SUBSCRIBE', 'flood');
    const socket = (slow.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const payload = 'y'.repeat(8192);
    for (let round = 0; round < 100 && server.broker.stats.outputLimitDisconnections === before; round++) {
      const p = redis.pipeline();
      for (let i = 0; i < 100; i++) p.publish('flood', payload);
      await p.exec();
      await sleep(5);
    }
    expect(server.broker.stats.outputLimitDisconnections).toBe(before + 1);
    socket.resume();
    const closed = await slow.closed;
    expect([4100, 1006]).toContain(closed.code); // the close frame sits behind the backlog
    // The bystander kept reading and got everything.
    expect((await bystander.call('PING')).r).toBe('PONG');
    expect(bystander.pushes.length).toBeGreaterThan(100);
    bystander.close();
  });

  it('rejects clients over maxclients with 4102', async () => {
    // Only the ioredis connection remains once earlier clients' closes are through.
    for (let i = 0; i < 100 && server.broker.clients.size > 1; i++) await sleep(10);
    await redis.config('SET', 'maxclients', '1');
    try {
      const c = await JsonClient.open(server.wsUrl);
      expect(await c.closed).toEqual({ code: 4102, reason: 'max number of clients reached' });
      expect(server.broker.stats.rejectedConnections).toBeGreaterThan(0);
    } finally {
      await redis.config('SET', 'maxclients', '10000');
    }
  });
});

describe('origins', () => {
  it('accepts only ws-allowed-origins when set (requests without Origin pass)', async () => {
    const s = await startWsServer({ 'ws-allowed-origins': 'https://good.example http://localhost:3000' });
    try {
      const good = await JsonClient.open(s.wsUrl, undefined, { origin: 'https://good.example' });
      expect((await good.call('PING')).r).toBe('PONG');
      good.close();
      await expect(JsonClient.open(s.wsUrl, undefined, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
      const none = await JsonClient.open(s.wsUrl);
      none.close();
    } finally {
      await s.close();
    }
  });
});
