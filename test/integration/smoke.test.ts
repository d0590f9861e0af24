import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';

describe('smoke: the server answers over real TCP', () => {
  const server = useTestServer();

  it('PING, SET, GET and pipelined batches', async () => {
    const c = await RawConnection.connect(server.port);
    expect(await c.command('PING')).toBe('+PONG\r\n');
    expect(await c.command('SET', 'k', 'v')).toBe('+OK\r\n');
    expect(await c.command('GET', 'k')).toBe('$1\r\nv\r\n');
    c.write('*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n');
    expect(await c.expect('+PONG\r\n$1\r\nv\r\n+PONG\r\n')).toBe('+PONG\r\n$1\r\nv\r\n+PONG\r\n');
    c.close();
  });
});
