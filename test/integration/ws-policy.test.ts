// Browser safety: the ws-allow allow-list (FORBIDDEN, nothing changes) and the
// ws-token shared secret (URL or first frame), on both subprotocols.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CommandPolicy, DEFAULT_WS_ALLOW } from '../../src/net/ws-policy.js';
import { JsonClient, RespWsClient } from './ws-helpers.js';
import { useWsServer } from '../helpers/server.js';

describe('the default allow-list', () => {
  const server = useWsServer();
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis({ port: server.port, host: '127.0.0.1' });
  });

  afterAll(() => {
    redis.disconnect();
  });

  it('allows reads, writes, pub/sub, connection and transaction commands', () => {
    const p = new CommandPolicy(server.broker.commands, DEFAULT_WS_ALLOW);
    const get = (name: string) => {
      const [base, sub] = name.split('|');
      const spec = server.broker.commands.get(base)!;
      return sub === undefined ? spec : spec.subcommands!.get(sub)!;
    };
    for (const name of ['get', 'set', 'del', 'expire', 'ttl', 'hset', 'hgetall', 'lpush', 'blpop', 'zadd', 'sadd', 'xadd',
      'incr', 'mget', 'exists', 'type', 'scan', 'publish', 'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe',
      'pubsub|channels', 'ping', 'echo', 'hello', 'auth', 'quit', 'reset', 'client|id', 'client|setname', 'multi', 'exec',
      'watch', 'discard', 'dbsize']) {
      expect(p.allows(get(name)), name).toBe(true);
    }
    for (const name of ['flushall', 'flushdb', 'config', 'config|get', 'config|set', 'debug', 'shutdown', 'keys', 'monitor',
      'client|kill', 'client|list', 'client|pause', 'swapdb', 'move', 'info', 'slowlog', 'restore', 'sort']) {
      expect(p.allows(get(name)), name).toBe(false);
    }
  });

  it('answers FORBIDDEN and changes nothing, also inside MULTI', async () => {
    await redis.set('keep', '1');
    const c = await JsonClient.open(server.wsUrl);
    for (const cmd of [['FLUSHALL'], ['FLUSHDB'], ['KEYS', '*'], ['CONFIG', 'SET', 'maxclients', '1'], ['CLIENT', 'KILL', 'ID', '1'],
      ['SHUTDOWN'], ['MONITOR'], ['SWAPDB', '0', '1'], ['MOVE', 'keep', '1']]) {
      const f = await c.call(...cmd);
      const name = cmd[0].toLowerCase() + (cmd[0] === 'CONFIG' || cmd[0] === 'CLIENT' ? `|${cmd[1].toLowerCase()}` : '');
      expect(f.err, cmd.join(' ')).toEqual({ code: 'FORBIDDEN', msg: `this connection may not run the '${name}' command` });
    }
    // DEBUG is refused earlier, by enable-debug-command, as Redis checks protected commands before ACLs.
    expect((await c.call('DEBUG', 'SLEEP', '0')).err).toMatchObject({ code: 'ERR' });
    expect(await redis.get('keep')).toBe('1');
    expect(await redis.config('GET', 'maxclients')).toEqual(['maxclients', '10000']);
    expect((await c.call('MULTI')).r).toBe('OK');
    expect((await c.call('SET', 'tx-forbidden', 'x')).r).toBe('QUEUED');
    expect((await c.call('FLUSHALL')).err).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.call('EXEC')).err).toMatchObject({ code: 'EXECABORT' });
    expect(await redis.exists('tx-forbidden')).toBe(0);
    expect(await redis.get('keep')).toBe('1');
    const info = await redis.info('errorstats');
    expect(info).toMatch(/errorstat_FORBIDDEN:count=\d+/);
    c.close();
  });

  it('applies to the resp3 subprotocol as well', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    r.command('FLUSHALL');
    await r.expect("-FORBIDDEN this connection may not run the 'flushall' command\r\n");
    r.command('GET', 'keep');
    await r.expect('$1\r\n1\r\n');
    r.close();
  });

  it('follows CONFIG SET ws-allow at once', async () => {
    const c = await JsonClient.open(server.wsUrl);
    expect((await c.call('GET', 'keep')).r).toBe('1');
    await redis.config('SET', 'ws-allow', '+ping +@pubsub');
    try {
      expect((await c.call('GET', 'keep')).err).toMatchObject({ code: 'FORBIDDEN' });
      expect((await c.call('PING')).r).toBe('PONG');
      await expect(redis.config('SET', 'ws-allow', 'bogus')).rejects.toThrow(/invalid rule 'bogus'/);
    } finally {
      await redis.config('SET', 'ws-allow', DEFAULT_WS_ALLOW);
    }
    expect((await c.call('GET', 'keep')).r).toBe('1');
    c.close();
  });
});

describe('ws-token', () => {
  const server = useWsServer({ 'ws-token': 's3cret' });

  it('accepts the token on the upgrade URL', async () => {
    const c = await JsonClient.open(`${server.wsUrl}?token=s3cret`);
    expect((await c.call('PING')).r).toBe('PONG');
    c.close();
    const r = await RespWsClient.open(`${server.wsUrl}?token=s3cret`);
    r.command('PING');
    await r.expect('+PONG\r\n');
    r.close();
  });

  it('closes with 4001 on a wrong URL token, and resp3 without one', async () => {
    const c = await JsonClient.open(`${server.wsUrl}?token=nope`);
    expect(await c.closed).toEqual({ code: 4001, reason: 'invalid token' });
    const r = await RespWsClient.open(server.wsUrl);
    expect((await r.closed).code).toBe(4001);
  });

  it('wants {"auth": token} first: NOAUTH before, OK after', async () => {
    const c = await JsonClient.open(server.wsUrl);
    expect((await c.call('SET', 'tok', 'x')).err).toMatchObject({ code: 'NOAUTH' });
    c.raw('{"id":"a","auth":"s3cret"}');
    expect(await c.waitFor((f) => f.id === 'a')).toMatchObject({ id: 'a', r: 'OK' });
    expect((await c.call('SET', 'tok', 'x')).r).toBe('OK');
    c.close();
  });

  it('closes with 4001 on a wrong auth frame', async () => {
    const c = await JsonClient.open(server.wsUrl);
    c.raw('{"id":1,"auth":"wrong"}');
    expect(await c.closed).toEqual({ code: 4001, reason: 'invalid token' });
    expect(c.frames[0]).toMatchObject({ id: 1, err: { code: 'AUTH', msg: 'invalid token' } });
  });
});
