// Blocking list commands over real TCP with raw RESP and ioredis: wake-ups,
// FIFO order, timeouts, pipelining behind a blocked command, disconnects,
// MULTI/EXEC and the unit/protocol "blocking ops and pipelining" regression.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { useTestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { sleep } from '../helpers/wait.js';

describe('blocking list commands over TCP', () => {
  const server = useTestServer();
  const open: Array<{ close(): void }> = [];

  afterAll(() => {
    for (const c of open) c.close();
  });

  async function raw(): Promise<RawConnection> {
    const c = await RawConnection.connect(server.port);
    open.push(c);
    return c;
  }

  function ioredis(): Redis {
    const r = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    open.push({ close: () => r.disconnect() });
    return r;
  }

  /** Waits until exactly n clients are blocked. */
  async function blocked(n: number): Promise<void> {
    const deadline = Date.now() + 3000;
    while (server.broker.blocking.blockedCount !== n) {
      if (Date.now() > deadline) throw new Error(`blocked clients: ${server.broker.blocking.blockedCount}, wanted ${n}`);
      await sleep(5);
    }
  }

  it('BLPOP is woken by RPUSH from another client (raw bytes)', async () => {
    const a = await raw();
    const b = await raw();
    a.write(encodeCommand(['BLPOP', 'q1', '0']));
    await blocked(1);
    expect(await b.command('RPUSH', 'q1', 'hello')).toBe(':1\r\n');
    expect(await a.readReply()).toBe('*2\r\n$2\r\nq1\r\n$5\r\nhello\r\n');
    expect(await b.command('EXISTS', 'q1')).toBe(':0\r\n');
    await blocked(0);
  });

  it('serves blocked clients in the order they blocked', async () => {
    const clients = [await raw(), await raw(), await raw()];
    const w = await raw();
    for (let i = 0; i < clients.length; i++) {
      clients[i].write(encodeCommand(['BRPOP', 'q2', '0']));
      await blocked(i + 1);
    }
    expect(await w.command('LPUSH', 'q2', 'a', 'b')).toBe(':2\r\n');
    expect(await clients[0].readReply()).toBe('*2\r\n$2\r\nq2\r\n$1\r\na\r\n');
    expect(await clients[1].readReply()).toBe('*2\r\n$2\r\nq2\r\n$1\r\nb\r\n');
    await blocked(1);
    expect(await w.command('LPUSH', 'q2', 'c')).toBe(':1\r\n');
    expect(await clients[2].readReply()).toBe('*2\r\n$2\r\nq2\r\n$1\r\nc\r\n');
  });

  it('times out with *-1 (RESP2) and _ (RESP3), and a timeout of 0 keeps waiting', async () => {
    const a = await raw();
    const t0 = Date.now();
    expect(await a.command('BLPOP', 'q3', '0.1')).toBe('*-1\r\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(await a.command('BRPOPLPUSH', 'q3', 'd3', '0.05')).toBe('*-1\r\n');
    await a.command('HELLO', '3');
    expect(await a.command('BLMOVE', 'q3', 'd3', 'LEFT', 'LEFT', '0.05')).toBe('_\r\n');
    expect(await a.command('BLMPOP', '0.05', '1', 'q3', 'LEFT')).toBe('_\r\n');
    const f = await raw();
    f.write(encodeCommand(['BLPOP', 'q3', '0']));
    await blocked(1);
    await sleep(300);
    await blocked(1);
    await a.command('RPUSH', 'q3', 'x');
    expect(await f.readReply()).toBe('*2\r\n$2\r\nq3\r\n$1\r\nx\r\n');
  });

  it('pipelined commands behind a blocked command wait for it, then run in order', async () => {
    const a = await raw();
    const b = await raw();
    a.write(Buffer.concat([
      encodeCommand(['BLPOP', 'q4', '0']),
      encodeCommand(['PING']),
      encodeCommand(['LLEN', 'q4']),
      encodeCommand(['ECHO', 'done']),
    ]));
    await blocked(1);
    await sleep(50);
    expect(await b.command('RPUSH', 'q4', 'x', 'y')).toBe(':2\r\n');
    expect(await a.expect('*2\r\n$2\r\nq4\r\n$1\r\nx\r\n+PONG\r\n:1\r\n$4\r\ndone\r\n')).toBe(
      '*2\r\n$2\r\nq4\r\n$1\r\nx\r\n+PONG\r\n:1\r\n$4\r\ndone\r\n');
    // Pipelined behind a timeout, too.
    a.write(Buffer.concat([encodeCommand(['BRPOP', 'q4x', '0.05']), encodeCommand(['PING'])]));
    expect(await a.expect('*-1\r\n+PONG\r\n')).toBe('*-1\r\n+PONG\r\n');
  });

  it('regression (unit/protocol): two pipelined BLPOPs on a fresh key, served one push each', async () => {
    const r = await raw();
    const d = await raw();
    const proto = '*3\r\n$5\r\nBLPOP\r\n$6\r\nnolist\r\n$1\r\n0\r\n';
    r.write(proto + proto);
    await blocked(1);
    expect(await d.command('RPUSH', 'nolist', 'a')).toBe(':1\r\n');
    expect(await r.readReply()).toBe('*2\r\n$6\r\nnolist\r\n$1\r\na\r\n');
    await blocked(1);
    expect(await d.command('RPUSH', 'nolist', 'a')).toBe(':1\r\n');
    expect(await r.readReply()).toBe('*2\r\n$6\r\nnolist\r\n$1\r\na\r\n');
    await blocked(0);
    expect(await r.command('PING')).toBe('+PONG\r\n');
  });

  it('a client that disconnects while blocked leaves no trace', async () => {
    const a = await raw();
    const b = await raw();
    a.write(encodeCommand(['BLPOP', 'q5', '0']));
    await blocked(1);
    a.close();
    await blocked(0);
    expect(await b.command('RPUSH', 'q5', 'kept')).toBe(':1\r\n');
    expect(await b.command('LRANGE', 'q5', '0', '-1')).toBe('*1\r\n$4\r\nkept\r\n');
    expect(server.broker.dbs[0].watched.has('q5')).toBe(false);
    // A client blocked with a timeout that disconnects: its timer must not fire into a dead session.
    const t = await raw();
    t.write(encodeCommand(['BLPOP', 'q5b', '0.05']));
    await blocked(1);
    t.close();
    await blocked(0);
    await sleep(100);
    expect(await b.command('PING')).toBe('+PONG\r\n');
  });

  it('BLMOVE chains through a waiting BRPOPLPUSH', async () => {
    const a = await raw();
    const b = await raw();
    const w = await raw();
    a.write(encodeCommand(['BLMOVE', 'c1', 'c2', 'RIGHT', 'LEFT', '0']));
    await blocked(1);
    b.write(encodeCommand(['BRPOPLPUSH', 'c2', 'c3', '0']));
    await blocked(2);
    expect(await w.command('RPUSH', 'c1', 'v')).toBe(':1\r\n');
    expect(await a.readReply()).toBe('$1\r\nv\r\n');
    expect(await b.readReply()).toBe('$1\r\nv\r\n');
    expect(await w.command('LRANGE', 'c3', '0', '-1')).toBe('*1\r\n$1\r\nv\r\n');
  });

  it('inside MULTI/EXEC blocking commands do not block', async () => {
    const a = await raw();
    await a.command('MULTI');
    await a.command('BLPOP', 'q6', '0');
    await a.command('BRPOPLPUSH', 'q6', 'd6', '0');
    expect(await a.command('EXEC')).toBe('*2\r\n*-1\r\n$-1\r\n');
    await blocked(0);
  });

  it('works with ioredis: blpop resolves when a second client pushes', async () => {
    const sub = ioredis();
    const pub = ioredis();
    await sub.connect();
    await pub.connect();
    const pending = sub.blpop('io1', 'io2', 0);
    await blocked(1);
    await pub.rpush('io2', 'from-ioredis');
    expect(await pending).toEqual(['io2', 'from-ioredis']);
    const moved = sub.blmove('io3', 'io4', 'LEFT', 'RIGHT', 0);
    await blocked(1);
    await pub.lpush('io3', 'm');
    expect(await moved).toBe('m');
    expect(await pub.lrange('io4', 0, -1)).toEqual(['m']);
    expect(await sub.brpop('io5', 0.05)).toBe(null);
    const mp = sub.blmpop(0, 2, 'io6', 'io7', 'LEFT', 'COUNT', 2);
    await blocked(1);
    await pub.rpush('io7', '1', '2', '3');
    expect(await mp).toEqual(['io7', ['1', '2']]);
  });
});
