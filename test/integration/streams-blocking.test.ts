// Blocking stream reads over real TCP connections: exact reply bytes,
// timeouts in RESP2 and RESP3, wake-ups from other connections.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RawConnection } from '../helpers/resp.js';
import { useTestServer } from '../helpers/server.js';

describe('blocking stream reads over TCP', () => {
  const server = useTestServer();
  const open: RawConnection[] = [];
  const connect = async () => {
    const c = await RawConnection.connect(server.port);
    open.push(c);
    return c;
  };

  afterAll(() => {
    for (const c of open) c.close();
  });

  it('XREAD BLOCK times out with *-1 (RESP2) and _ (RESP3)', async () => {
    const c = await connect();
    const t0 = Date.now();
    expect(await c.command('XREAD', 'BLOCK', '50', 'STREAMS', 'none1', '$')).toBe('*-1\r\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    await c.command('HELLO', '3');
    expect(await c.command('XREAD', 'BLOCK', '50', 'STREAMS', 'none1', '$')).toBe('_\r\n');
  });

  it('XREAD BLOCK 0 waits until another connection adds an entry', async () => {
    const reader = await connect();
    const writer = await connect();
    reader.write('*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$2\r\ns1\r\n$1\r\n$\r\n');
    await new Promise((r) => setTimeout(r, 30));
    expect(await writer.command('XADD', 's1', '1-1', 'f', 'v')).toBe('$3\r\n1-1\r\n');
    expect(await reader.readReply()).toBe('*1\r\n*2\r\n$2\r\ns1\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n');
  });

  it('commands pipelined after a blocked read are answered after it', async () => {
    const reader = await connect();
    const writer = await connect();
    reader.write('*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$2\r\ns2\r\n$1\r\n$\r\n*1\r\n$4\r\nPING\r\n');
    await new Promise((r) => setTimeout(r, 30));
    await writer.command('XADD', 's2', '1-1', 'f', 'v');
    expect(await reader.readReply()).toMatch(/^\*1\r\n\*2\r\n\$2\r\ns2\r\n/);
    expect(await reader.readReply()).toBe('+PONG\r\n');
  });

  it('XREADGROUP BLOCK: served by XADD, released with NOGROUP by XGROUP DESTROY', async () => {
    const reader = await connect();
    const writer = await connect();
    expect(await writer.command('XGROUP', 'CREATE', 's3', 'g', '$', 'MKSTREAM')).toBe('+OK\r\n');
    reader.write('*9\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$1\r\ng\r\n$5\r\nAlice\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$2\r\ns3\r\n$1\r\n>\r\n');
    await new Promise((r) => setTimeout(r, 30));
    await writer.command('XADD', 's3', '5-0', 'k', 'v');
    expect(await reader.readReply()).toBe('*1\r\n*2\r\n$2\r\ns3\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n');
    expect(await writer.command('XPENDING', 's3', 'g')).toBe('*4\r\n:1\r\n$3\r\n5-0\r\n$3\r\n5-0\r\n*1\r\n*2\r\n$5\r\nAlice\r\n$1\r\n1\r\n');
    reader.write('*9\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$1\r\ng\r\n$5\r\nAlice\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$2\r\ns3\r\n$1\r\n>\r\n');
    await new Promise((r) => setTimeout(r, 30));
    expect(await writer.command('XGROUP', 'DESTROY', 's3', 'g')).toBe(':1\r\n');
    expect(await reader.readReply()).toBe('-NOGROUP the consumer group this client was blocked on no longer exists\r\n');
  });

  it('a reader that disconnects while blocked is forgotten', async () => {
    const reader = await connect();
    const writer = await connect();
    reader.write('*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$2\r\ns4\r\n$1\r\n$\r\n');
    await new Promise((r) => setTimeout(r, 30));
    reader.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(await writer.command('XADD', 's4', '1-1', 'f', 'v')).toBe('$3\r\n1-1\r\n');
    expect(await writer.command('PING')).toBe('+PONG\r\n');
  });

  it('works with ioredis xread/xreadgroup blocking calls', async () => {
    const a = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    const b = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    await a.connect();
    await b.connect();
    try {
      const pending = a.xread('BLOCK', 0, 'STREAMS', 's5', '$');
      await new Promise((r) => setTimeout(r, 30));
      await b.xadd('s5', '7-1', 'name', 'x');
      expect(await pending).toEqual([['s5', [['7-1', ['name', 'x']]]]]);
      await b.xgroup('CREATE', 's5', 'g', '0');
      expect(await a.xreadgroup('GROUP', 'g', 'c1', 'COUNT', 1, 'BLOCK', 100, 'STREAMS', 's5', '>')).toEqual([['s5', [['7-1', ['name', 'x']]]]]);
      expect(await a.xreadgroup('GROUP', 'g', 'c1', 'BLOCK', 50, 'STREAMS', 's5', '>')).toBeNull();
      expect(await a.xack('s5', 'g', '7-1')).toBe(1);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
