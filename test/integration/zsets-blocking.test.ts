// Blocking sorted-set pops over real TCP: wake-up by another client, FIFO
// service, timeouts, pipelined commands waiting behind a blocked one.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';

describe('BZPOPMIN / BZPOPMAX / BZMPOP over TCP', () => {
  const server = useTestServer();

  it('wakes a blocked client when another client adds', async () => {
    const a = await RawConnection.connect(server.port);
    const b = await RawConnection.connect(server.port);
    a.write('*3\r\n$8\r\nBZPOPMIN\r\n$2\r\nk1\r\n$1\r\n0\r\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.command('ZADD', 'k1', '1.5', 'm')).toBe(':1\r\n');
    expect(await a.readReply()).toBe('*3\r\n$2\r\nk1\r\n$1\r\nm\r\n$3\r\n1.5\r\n');
    expect(await b.command('EXISTS', 'k1')).toBe(':0\r\n');
    a.close();
    b.close();
  });

  it('serves blocked clients first come, first served, and RESP3 shapes', async () => {
    const a = await RawConnection.connect(server.port);
    const b = await RawConnection.connect(server.port);
    const w = await RawConnection.connect(server.port);
    await b.command('HELLO', '3');
    a.write('*4\r\n$8\r\nBZPOPMAX\r\n$2\r\nk2\r\n$2\r\nk3\r\n$1\r\n0\r\n');
    await new Promise((r) => setTimeout(r, 30));
    b.write('*7\r\n$6\r\nBZMPOP\r\n$1\r\n0\r\n$1\r\n1\r\n$2\r\nk3\r\n$3\r\nMIN\r\n$5\r\nCOUNT\r\n$2\r\n10\r\n');
    await new Promise((r) => setTimeout(r, 30));
    expect(await w.command('ZADD', 'k3', '1', 'x', '2', 'y', '3', 'z')).toBe(':3\r\n');
    expect(await a.readReply()).toBe('*3\r\n$2\r\nk3\r\n$1\r\nz\r\n$1\r\n3\r\n');
    expect(await b.readReply()).toBe('*2\r\n$2\r\nk3\r\n*2\r\n*2\r\n$1\r\nx\r\n,1\r\n*2\r\n$1\r\ny\r\n,2\r\n');
    a.close();
    b.close();
    w.close();
  });

  it('times out with a null array and runs pipelined commands afterwards', async () => {
    const a = await RawConnection.connect(server.port);
    const t0 = Date.now();
    a.write('*3\r\n$8\r\nBZPOPMIN\r\n$2\r\nk4\r\n$3\r\n0.1\r\n*1\r\n$4\r\nPING\r\n');
    expect(await a.readReply()).toBe('*-1\r\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(await a.readReply()).toBe('+PONG\r\n');
    await a.command('HELLO', '3');
    a.write('*5\r\n$6\r\nBZMPOP\r\n$4\r\n0.05\r\n$1\r\n1\r\n$2\r\nk4\r\n$3\r\nMAX\r\n');
    expect(await a.readReply()).toBe('_\r\n');
    a.close();
  });

  it('ignores a key that is created and deleted inside one transaction', async () => {
    const a = await RawConnection.connect(server.port);
    const w = await RawConnection.connect(server.port);
    a.write('*3\r\n$8\r\nBZPOPMIN\r\n$2\r\nk5\r\n$1\r\n0\r\n');
    await new Promise((r) => setTimeout(r, 30));
    await w.command('MULTI');
    await w.command('ZADD', 'k5', '1', 'gone');
    await w.command('DEL', 'k5');
    expect(await w.command('EXEC')).toBe('*2\r\n:1\r\n:1\r\n');
    await w.command('ZADD', 'k5', '2', 'kept');
    expect(await a.readReply()).toBe('*3\r\n$2\r\nk5\r\n$4\r\nkept\r\n$1\r\n2\r\n');
    a.close();
    w.close();
  });
});
