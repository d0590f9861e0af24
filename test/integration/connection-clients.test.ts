// Connection, CLIENT, INFO and transactions through real client libraries
// (ioredis, node-redis) and raw sockets against a real Redwire server.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';
import { REDIS_COMPAT_VERSION } from '../../src/version.js';
import { until } from '../helpers/wait.js';

const server = useTestServer({ 'enable-debug-command': 'yes' });
const cleanup: Array<() => unknown> = [];

afterAll(async () => {
  for (const f of cleanup) {
    try {
      await f();
    } catch {
      // already closed
    }
  }
});

function ioredis(opts: Record<string, unknown> = {}): Redis {
  const r = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, ...opts });
  r.on('error', () => {});
  cleanup.push(() => r.disconnect());
  return r;
}

async function nodeRedis(resp: 2 | 3, name?: string) {
  const c = createClient({ socket: { port: server.port, host: '127.0.0.1', reconnectStrategy: false }, RESP: resp, name });
  c.on('error', () => {});
  cleanup.push(() => c.isOpen && c.destroy());
  await c.connect();
  return c;
}

describe('node-redis', () => {
  it('RESP3 handshake (HELLO 3) gives maps, and the session reports resp=3', async () => {
    const c = await nodeRedis(3, 'nr3');
    const info = await c.sendCommand(['CLIENT', 'INFO']);
    expect(String(info)).toMatch(/ name=nr3 .* resp=3 /);
    const hello = (await c.sendCommand(['HELLO', '3'])) as unknown;
    const entries = hello instanceof Map ? Object.fromEntries(hello) : (hello as Record<string, unknown>);
    expect(entries.server).toBe('redis');
    expect(entries.version).toBe(REDIS_COMPAT_VERSION);
    expect(entries.proto).toBe(3);
    expect(entries.mode).toBe('standalone');
    expect(entries.role).toBe('master');
  });

  it('MULTI/EXEC and WATCH through the client API', async () => {
    const a = await nodeRedis(2);
    const b = await nodeRedis(2);
    expect(await a.multi().set('nr:tx', '1').incr('nr:tx').get('nr:tx').exec()).toEqual(['OK', 2, '2']);
    await a.watch('nr:w');
    await b.set('nr:w', 'changed');
    await expect(a.multi().set('nr:w', 'mine').exec()).rejects.toThrow();
    expect(await a.get('nr:w')).toBe('changed');
  });

  it('INFO parses into sections with real figures', async () => {
    const c = await nodeRedis(2);
    const info = await c.info();
    expect(info).toContain(`redis_version:${REDIS_COMPAT_VERSION}`);
    const fields = Object.fromEntries(info.split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':', 2)));
    expect(Number(fields.connected_clients)).toBeGreaterThanOrEqual(1);
    expect(Number(fields.used_memory)).toBeGreaterThan(0);
    expect(Number(fields.total_connections_received)).toBeGreaterThanOrEqual(1);
  });
});

describe('ioredis', () => {
  it('connectionName is set with CLIENT SETNAME and shows in CLIENT LIST', async () => {
    const r = ioredis({ connectionName: 'io-app' });
    await r.connect();
    expect(await r.client('GETNAME')).toBe('io-app');
    const list = (await r.client('LIST')) as string;
    expect(list).toMatch(/ name=io-app /);
  });

  it('multi() and pipelines, EXECABORT for a bad queued command', async () => {
    const r = ioredis();
    await r.connect();
    expect(await r.multi().set('io:a', '1').incrby('io:a', 5).get('io:a').exec()).toEqual([[null, 'OK'], [null, 6], [null, '6']]);
    const bad = r.multi();
    bad.set('io:b', '1');
    bad.call('NOSUCHCOMMAND');
    await expect(bad.exec()).rejects.toThrow(/EXECABORT/);
    expect(await r.get('io:b')).toBe(null);
  });

  it('INFO sections', async () => {
    const r = ioredis();
    await r.connect();
    const cpu = await r.info('cpu');
    expect(cpu).toMatch(/^# CPU\r\nused_cpu_sys:\d+\.\d{6}\r\n/);
    expect(cpu).not.toContain('used_memory');
    expect(await r.info('keyspace', 'server')).toMatch(/# Server[\s\S]*# Keyspace/);
  });
});

describe('CLIENT KILL and friends over real sockets', () => {
  it('kills another connection by ID; the victim sees the socket close', async () => {
    const victim = await RawConnection.connect(server.port);
    const id = Number((await victim.command('CLIENT', 'ID')).slice(1, -2));
    const killer = await RawConnection.connect(server.port);
    expect(await killer.command('CLIENT', 'KILL', 'ID', String(id))).toBe(':1\r\n');
    await victim.waitClosed();
    killer.close();
  });

  it('old form by address, and SKIPME no kills the caller after its reply', async () => {
    const victim = await RawConnection.connect(server.port);
    const addr = `127.0.0.1:${victim.socket.localPort}`;
    const killer = await RawConnection.connect(server.port);
    expect(await killer.command('CLIENT', 'KILL', addr)).toBe('+OK\r\n');
    await victim.waitClosed();
    expect(await killer.command('CLIENT', 'KILL', addr)).toBe('-ERR No such client\r\n');
    const myId = (await killer.command('CLIENT', 'ID')).slice(1, -2);
    expect(await killer.command('CLIENT', 'KILL', 'ID', myId, 'SKIPME', 'no')).toBe(':1\r\n');
    await killer.waitClosed();
  });

  it('QUIT answers OK and closes; pipelined commands after it are not run', async () => {
    const c = await RawConnection.connect(server.port);
    c.write('*1\r\n$4\r\nQUIT\r\n*3\r\n$3\r\nSET\r\n$7\r\nquit:k1\r\n$1\r\nv\r\n');
    expect(await c.expect('+OK\r\n')).toBe('+OK\r\n');
    await c.waitClosed();
    const d = await RawConnection.connect(server.port);
    expect(await d.command('EXISTS', 'quit:k1')).toBe(':0\r\n');
    d.close();
  });

  it('CLIENT REPLY OFF over a socket: nothing comes back until ON', async () => {
    const c = await RawConnection.connect(server.port);
    c.write('*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$3\r\nOFF\r\n*1\r\n$4\r\nPING\r\n*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$2\r\nON\r\n*2\r\n$4\r\nPING\r\n$1\r\nx\r\n');
    expect(await c.expect('+OK\r\n$1\r\nx\r\n')).toBe('+OK\r\n$1\r\nx\r\n');
    c.close();
  });

  it('CLIENT PAUSE WRITE holds a writer until UNPAUSE, readers go on', async () => {
    const admin = await RawConnection.connect(server.port);
    const writer = await RawConnection.connect(server.port);
    expect(await admin.command('CLIENT', 'PAUSE', '60000', 'WRITE')).toBe('+OK\r\n');
    writer.write('*3\r\n$3\r\nSET\r\n$7\r\npause:k\r\n$1\r\nv\r\n');
    await until(async () => /blocked_clients:1\r\n/.test(await admin.command('INFO', 'clients')), 3000);
    expect(await admin.command('GET', 'pause:k')).toBe('$-1\r\n');
    expect(await admin.command('CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
    expect(await writer.readReply()).toBe('+OK\r\n');
    expect(await admin.command('GET', 'pause:k')).toBe('$1\r\nv\r\n');
    admin.close();
    writer.close();
  });

  it('DEBUG SLEEP blocks every client, as in Redis', async () => {
    const a = await RawConnection.connect(server.port);
    const b = await RawConnection.connect(server.port);
    const t0 = Date.now();
    a.write('*3\r\n$5\r\nDEBUG\r\n$5\r\nSLEEP\r\n$3\r\n0.2\r\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(await b.command('PING')).toBe('+PONG\r\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(await a.readReply()).toBe('+OK\r\n');
    a.close();
    b.close();
  });
});
