// The json subprotocol end to end over real sockets: frames, value mapping,
// ids, errors, pushes, and the session's place among the other clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { JsonClient } from './ws-helpers.js';
import { startWsServer, useWsServer } from '../helpers/server.js';

const server = useWsServer();
let redis: Redis;

beforeAll(async () => {
  redis = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
  await redis.connect();
});

afterAll(() => {
  redis.disconnect();
});

describe('json subprotocol: requests and replies', () => {
  it('negotiates json by default and echoes ids', async () => {
    const c = await JsonClient.open(server.wsUrl);
    expect(c.ws.protocol).toBe('');
    expect(await c.call('SET', 'j:k', 'v', 'EX', 60)).toEqual({ id: 1, r: 'OK', $binary: false });
    expect(await c.call('GET', 'j:k')).toMatchObject({ id: 2, r: 'v' });
    expect(await c.call('TTL', 'j:k')).toMatchObject({ id: 3, r: 60 });
    c.raw('{"id":"abc","cmd":["PING"]}');
    expect(await c.waitFor((f) => f.id === 'abc')).toMatchObject({ id: 'abc', r: 'PONG' });
    c.raw('{"cmd":["PING","x"]}');
    expect(await c.waitFor((f) => f.r === 'x')).toEqual({ r: 'x', $binary: false });
    c.close();
  });

  it('negotiates json when offered explicitly, or first among several', async () => {
    const a = await JsonClient.open(server.wsUrl, 'json');
    expect(a.ws.protocol).toBe('json');
    a.close();
    const b = await JsonClient.open(server.wsUrl, ['bogus', 'json', 'resp3']);
    expect(b.ws.protocol).toBe('json');
    b.close();
    await expect(JsonClient.open(server.wsUrl, 'bogus')).rejects.toThrow();
  });

  it('maps reply types: nil, integers, arrays, maps, sets, doubles, booleans', async () => {
    const c = await JsonClient.open(server.wsUrl);
    await c.call('DEL', 'j:h', 'j:s', 'j:z', 'j:n');
    expect((await c.call('GET', 'j:missing')).r).toBeNull();
    expect((await c.call('HSET', 'j:h', 'a', '1', 'b', '2')).r).toBe(2);
    expect((await c.call('HGETALL', 'j:h')).r).toEqual({ a: '1', b: '2' });
    expect((await c.call('SADD', 'j:s', 'x')).r).toBe(1);
    expect((await c.call('SMEMBERS', 'j:s')).r).toEqual(['x']);
    await c.call('ZADD', 'j:z', '1.5', 'm');
    expect((await c.call('ZSCORE', 'j:z', 'm')).r).toBe(1.5);
    expect((await c.call('ZADD', 'j:z', 'INCR', 'inf', 'm')).r).toBe('inf');
    expect((await c.call('ZRANGE', 'j:z', 0, -1, 'WITHSCORES')).r).toEqual([['m', 'inf']]);
    expect((await c.call('SET', 'j:n', '9223372036854775806')).r).toBe('OK');
    expect((await c.call('INCR', 'j:n')).r).toBe('9223372036854775807');
    expect((await c.call('SET', 'j:n', '5')).r).toBe('OK');
    expect((await c.call('INCRBY', 'j:n', 10)).r).toBe(15);
    expect((await c.call('MGET', 'j:n', 'j:missing')).r).toEqual(['15', null]);
    c.close();
  });

  it('carries UTF-8 text and binary values both ways', async () => {
    const c = await JsonClient.open(server.wsUrl);
    await c.call('SET', 'j:utf', 'héllo wörld ✓ 😀');
    expect(await redis.getBuffer('j:utf')).toEqual(Buffer.from('héllo wörld ✓ 😀', 'utf8'));
    expect((await c.call('GET', 'j:utf')).r).toBe('héllo wörld ✓ 😀');
    // \u escapes take the UTF-8 path and give the same bytes.
    c.raw('{"id":100,"cmd":["SET","j:esc","\\u00e9\\ud83d\\ude00"]}');
    await c.waitFor((f) => f.id === 100);
    expect(await redis.getBuffer('j:esc')).toEqual(Buffer.from('é😀', 'utf8'));
    await redis.set('j:bin', Buffer.from([0xff, 0x00, 0xc3]));
    expect((await c.call('GET', 'j:bin')).r).toEqual({ $b64: Buffer.from([0xff, 0x00, 0xc3]).toString('base64') });
    await c.call('SET', 'j:bin2', { $b64: Buffer.from([1, 2, 0xfe]).toString('base64') });
    expect(await redis.getBuffer('j:bin2')).toEqual(Buffer.from([1, 2, 0xfe]));
    expect((await c.call('SET', 'j:num', 3.25)).r).toBe('OK');
    expect(await redis.get('j:num')).toBe('3.25');
    c.close();
  });

  it('answers Redis errors with their code', async () => {
    const c = await JsonClient.open(server.wsUrl);
    await c.call('SET', 'j:str', 'x');
    expect(await c.call('LPUSH', 'j:str', 'a')).toMatchObject({
      id: 2, err: { code: 'WRONGTYPE', msg: 'Operation against a key holding the wrong kind of value' },
    });
    expect((await c.call('NOSUCHCMD')).err).toMatchObject({ code: 'ERR' });
    expect((await c.call('GET')).err).toEqual({ code: 'ERR', msg: "wrong number of arguments for 'get' command" });
    c.close();
  });

  it('runs MULTI/EXEC with nested errors', async () => {
    const c = await JsonClient.open(server.wsUrl);
    await c.call('SET', 'j:tx', 'x');
    expect((await c.call('MULTI')).r).toBe('OK');
    expect((await c.call('INCR', 'j:txn')).r).toBe('QUEUED');
    expect((await c.call('LPUSH', 'j:tx', 'a')).r).toBe('QUEUED');
    const r = (await c.call('EXEC')).r as unknown[];
    expect(r[0]).toEqual(expect.any(Number));
    expect(r[1]).toEqual({ $err: { code: 'WRONGTYPE', msg: 'Operation against a key holding the wrong kind of value' } });
    c.close();
  });

  it('is a client like any other: CLIENT LIST, INFO, CLIENT KILL', async () => {
    const c = await JsonClient.open(server.wsUrl);
    const id = (await c.call('CLIENT', 'ID')).r as number;
    await c.call('CLIENT', 'SETNAME', 'browser1');
    const list = await redis.client('LIST') as string;
    const line = list.split('\n').find((l) => l.includes(`id=${id} `))!;
    expect(line).toContain('name=browser1');
    expect(line).toContain('transport=ws');
    expect(line).toContain('resp=3');
    expect(line).toMatch(/addr=127\.0\.0\.1:\d+ /);
    expect(line).toContain(`laddr=127.0.0.1:${server.wsPort}`);
    const info = await redis.info('clients');
    expect(info).toMatch(/connected_clients_ws:[1-9]/);
    expect(await redis.client('KILL', 'ID', String(id))).toBe(1);
    expect(await c.closed).toEqual({ code: 4101, reason: 'killed' });
  });

  it('QUIT closes normally after its reply', async () => {
    const c = await JsonClient.open(server.wsUrl);
    expect((await c.call('QUIT')).r).toBe('OK');
    expect((await c.closed).code).toBe(1000);
  });

  it('keeps RESP3 shapes after RESET and refuses HELLO 2', async () => {
    const c = await JsonClient.open(server.wsUrl);
    expect((await c.call('HELLO', '2')).err).toMatchObject({ code: 'NOPROTO' });
    expect((await c.call('HELLO', '3')).r).toMatchObject({ server: 'redis', proto: 3 });
    expect((await c.call('RESET')).r).toBe('RESET');
    await c.call('HSET', 'j:h2', 'f', 'v');
    expect((await c.call('HGETALL', 'j:h2')).r).toEqual({ f: 'v' });
    c.close();
  });
});

describe('gateway lifecycle and configuration', () => {
  it('is off with ws-port 0 and follows ws-path', async () => {
    const { startTestServer } = await import('../helpers/server.js');
    const off = await startTestServer();
    expect(off.gateway).toBeNull();
    expect(off.wsPort).toBe(0);
    await off.close();
    const s = await startWsServer({ 'ws-path': '/live', 'ws-bind': '127.0.0.1' });
    try {
      expect(s.wsUrl.endsWith('/live')).toBe(true);
      const c = await JsonClient.open(s.wsUrl);
      expect((await c.call('PING')).r).toBe('PONG');
      c.close();
      await expect(JsonClient.open(s.wsUrl.replace('/live', '/ws'))).rejects.toThrow('HTTP 404');
      const r = new Redis({ port: s.port, host: '127.0.0.1' });
      expect(await r.config('GET', 'ws-*')).toEqual(expect.arrayContaining(['ws-path', '/live', 'ws-bind', '127.0.0.1']));
      await expect(r.config('SET', 'ws-port', '1234')).rejects.toThrow(/immutable/);
      r.disconnect();
    } finally {
      await s.close();
    }
  });

  it('tells clients to reconnect (4200) on shutdown', async () => {
    const s = await startWsServer();
    const c = await JsonClient.open(s.wsUrl);
    await c.call('PING');
    await s.close();
    expect(await c.closed).toEqual({ code: 4200, reason: 'server shutdown' });
  });

  it('applies Redis\'s idle timeout (4103), sparing subscribers', async () => {
    const s = await startWsServer({ timeout: '1' });
    try {
      const idle = await JsonClient.open(s.wsUrl);
      const sub = await JsonClient.open(s.wsUrl);
      await idle.call('PING');
      await sub.call('SUBSCRIBE', 'x');
      expect(await idle.closed).toEqual({ code: 4103, reason: 'idle timeout' });
      expect((await sub.call('PING')).r).toBe('PONG');
      sub.close();
    } finally {
      await s.close();
    }
  });
});
