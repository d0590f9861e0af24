// Abuse over real sockets: malformed RESP, huge lengths, query and output
// buffer limits, abrupt disconnects, floods. Whatever one client sends, the
// server lives, closes only that client, and every other client (including
// one in the middle of a command) keeps getting correct replies.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';

const PROTO = (s: string) => `-ERR Protocol error: ${s}\r\n`;

/** Sends `bytes` on a new connection; returns everything received until the server closes it. */
async function sendAndCollect(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<{ reply: string; closed: boolean }> {
  const c = await RawConnection.connect(port);
  c.write(bytes);
  let closed = true;
  try {
    await c.waitClosed(timeoutMs);
  } catch {
    closed = false;
  }
  const reply = (await c.readBytes(0, 10)).toString('latin1');
  c.close();
  return { reply, closed };
}

/** Resolves once the connection is known alive: PING answered. */
async function alive(port: number): Promise<void> {
  const c = await RawConnection.connect(port);
  expect(await c.command('PING')).toBe('+PONG\r\n');
  c.close();
}

describe('abuse: malformed requests close only the offender', () => {
  const server = useTestServer();
  let bystander: RawConnection;
  beforeAll(async () => {
    bystander = await RawConnection.connect(server.port);
    expect(await bystander.command('SET', 'abuse:k', 'before')).toBe('+OK\r\n');
    // Leave the bystander in the middle of a command for the whole suite.
    bystander.write('*3\r\n$3\r\nSET\r\n$7\r\nabuse:k\r\n$5\r\naf');
  });
  afterAll(() => {
    bystander.close();
  });

  const CASES: Array<[string, string | Buffer, string]> = [
    ['out of range multibulk length', '*3000000000\r\n', PROTO('invalid multibulk length')],
    ['non-numeric multibulk length', '*x\r\n', PROTO('invalid multibulk length')],
    ['wrong payload header', '*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n', PROTO("expected '$', got 'f'")],
    ['negative bulk length', '*1\r\n$-10\r\n', PROTO('invalid bulk length')],
    ['huge bulk length', '*1\r\n$2000000000\r\n', PROTO('invalid bulk length')],
    ['non-numeric bulk length', '*1\r\n$blabla\r\n', PROTO('invalid bulk length')],
    ['unbalanced quotes', 'set """k""" v\r\n', PROTO('unbalanced quotes in request')],
    ['NUL then payload (desync)', Buffer.from(`\x00${'payload'.repeat(10_000)}`, 'latin1'), PROTO('too big inline request')],
    ['* NUL then payload (desync)', Buffer.from(`*\x00${'payload'.repeat(10_000)}`, 'latin1'), PROTO('too big mbulk count string')],
    ['endless inline line', Buffer.alloc(100_000, 0x61), PROTO('too big inline request')],
    ['valid commands then garbage', 'PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n:5\r\n', `+PONG\r\n+PONG\r\n${PROTO("expected '$', got ':'")}`],
  ];

  for (const [name, bytes, want] of CASES) {
    it(`${name}: error reply, connection closed, others unaffected`, async () => {
      const r = await sendAndCollect(server.port, bytes);
      expect(r.reply).toBe(want);
      expect(r.closed).toBe(true);
      await alive(server.port);
    });
  }

  it('the bystander finishes its split command correctly after all of that', async () => {
    bystander.write('ter\r\n');
    expect(await bystander.readReply()).toBe('+OK\r\n');
    expect(await bystander.command('GET', 'abuse:k')).toBe('$5\r\nafter\r\n');
  });
});

describe('abuse: limits and floods', () => {
  const server = useTestServer({ 'client-query-buffer-limit': '1mb', 'client-output-buffer-limit': 'normal 2mb 0 0' });

  it('a partial bulk beyond client-query-buffer-limit closes the client (no reply, as Redis)', async () => {
    const c = await RawConnection.connect(server.port);
    c.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000000\r\n');
    for (let i = 0; i < 40; i++) {
      if (c.closed) break;
      c.write(Buffer.alloc(64 * 1024, 0x61));
      await new Promise((r) => setTimeout(r, 2));
    }
    await c.waitClosed(5000);
    await alive(server.port);
  });

  it('a huge multibulk count fed with endless small arguments hits the same limit', async () => {
    const c = await RawConnection.connect(server.port);
    c.write('*2147483647\r\n');
    const chunk = Buffer.from('$5\r\nhello\r\n'.repeat(6000));
    for (let i = 0; i < 40 && !c.closed; i++) {
      c.write(chunk);
      await new Promise((r) => setTimeout(r, 2));
    }
    await c.waitClosed(5000);
    await alive(server.port);
  });

  it('announcing 500 MB and disconnecting costs nothing and breaks nothing', async () => {
    for (let i = 0; i < 20; i++) {
      const c = await RawConnection.connect(server.port);
      c.write('*2\r\n$4\r\nECHO\r\n$500000000\r\nabc');
      c.close();
    }
    await alive(server.port);
  });

  it('a client that never reads is disconnected at the output limit; others are served meanwhile', async () => {
    const setup = await RawConnection.connect(server.port);
    expect(await setup.command('SET', 'abuse:big', 'v'.repeat(100_000))).toBe('+OK\r\n');
    setup.close();
    const greedy = net.createConnection({ port: server.port, host: '127.0.0.1' });
    greedy.on('error', () => {});
    await new Promise<void>((r) => greedy.once('connect', () => r()));
    greedy.pause(); // never read: replies pile up in the server
    const closed = new Promise<void>((r) => greedy.once('close', () => r()));
    const get = encodeCommand(['GET', 'abuse:big']);
    for (let i = 0; i < 400; i++) greedy.write(get); // 40 MB of replies
    const t = Date.now();
    await alive(server.port);
    expect(Date.now() - t).toBeLessThan(2000);
    greedy.resume(); // drain so the close can be observed
    await closed;
    await alive(server.port);
  });

  it('200 connections opened and dropped abruptly leave no sessions behind', async () => {
    const before = server.broker.clients.size;
    const socks = await Promise.all(Array.from({ length: 200 }, () => new Promise<net.Socket>((resolve) => {
      const s = net.createConnection({ port: server.port, host: '127.0.0.1' }, () => resolve(s));
      s.on('error', () => {});
    })));
    socks.forEach((s, i) => s.write(i % 2 ? '*1\r\n$4\r\nPI' : 'PING\r\n'));
    await new Promise((r) => setTimeout(r, 50));
    for (const s of socks) s.resetAndDestroy();
    const deadline = Date.now() + 5000;
    while (server.broker.clients.size > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Connections of earlier tests may still be closing: never more than before.
    expect(server.broker.clients.size).toBeLessThanOrEqual(before);
    await alive(server.port);
  });

  it('half-close after a command still gets the reply', async () => {
    const s = net.createConnection({ port: server.port, host: '127.0.0.1' });
    let got = '';
    s.on('data', (d) => (got += d.toString('latin1')));
    await new Promise<void>((r) => s.once('connect', () => r()));
    s.end('*2\r\n$4\r\nECHO\r\n$3\r\nbye\r\nPING\r\n');
    await new Promise<void>((r) => s.once('close', () => r()));
    expect(got).toBe('$3\r\nbye\r\n+PONG\r\n');
  });

  it('50 slow clients dribbling one byte at a time do not disturb a fast one', async () => {
    const cmd = encodeCommand(['SET', 'abuse:slow', 'x'.repeat(50)]);
    const slow = await Promise.all(Array.from({ length: 50 }, () => RawConnection.connect(server.port)));
    const fast = await RawConnection.connect(server.port);
    for (let i = 0; i < cmd.length; i++) {
      for (const c of slow) c.write(cmd.subarray(i, i + 1));
      if (i % 10 === 0) expect(await fast.command('ECHO', `tick${i}`)).toBe(`$${`tick${i}`.length}\r\ntick${i}\r\n`);
      await new Promise((r) => setImmediate(r));
    }
    for (const c of slow) expect(await c.readReply()).toBe('+OK\r\n');
    for (const c of slow) c.close();
    fast.close();
  });

  it('QUIT in the middle of a pipeline: replies up to QUIT, then close', async () => {
    const r = await sendAndCollect(server.port, 'PING\r\nECHO a\r\nQUIT\r\nPING\r\n');
    expect(r.reply).toBe('+PONG\r\n$1\r\na\r\n+OK\r\n');
    expect(r.closed).toBe(true);
  });
});
