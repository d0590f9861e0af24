// Slow consumers: a subscriber that stops reading is disconnected once its
// pending output crosses client-output-buffer-limit (pubsub class: 32mb hard,
// 8mb soft for 60 s by default), logged and counted, while the server's
// memory stays bounded and a reading subscriber gets every byte. Also the
// soft limit's timer, CONFIG SET of the limits, and the normal class.
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { sleep, until } from '../helpers/wait.js';

/** A subscriber socket that reads nothing after its SUBSCRIBE confirmation. */
async function stalledSubscriber(port: number, channel: string): Promise<net.Socket> {
  const s = net.createConnection({ port, host: '127.0.0.1' });
  s.on('error', () => {});
  await new Promise<void>((r) => s.once('connect', () => r()));
  s.write(encodeCommand(['SUBSCRIBE', channel]));
  await new Promise<void>((r) => s.once('data', () => r()));
  s.pause();
  return s;
}

/** A subscriber that reads as fast as it can and only counts bytes. */
async function countingSubscriber(port: number, channel: string): Promise<{ bytes: () => number; socket: net.Socket }> {
  const s = net.createConnection({ port, host: '127.0.0.1' });
  s.on('error', () => {});
  await new Promise<void>((r) => s.once('connect', () => r()));
  let bytes = 0;
  s.on('data', (d) => (bytes += d.length));
  s.write(encodeCommand(['SUBSCRIBE', channel]));
  return { bytes: () => bytes, socket: s };
}

let server: TestServer;
let dir: string;
let logfile: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'redwire-slow-'));
  logfile = path.join(dir, 'redwire.log');
  server = await startTestServer({ logfile });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('slow pub/sub consumer', () => {
  it('is disconnected at the 32mb hard limit while ~300 MB are published; memory stays bounded; a reader gets everything', async () => {
    const MB = 1024 * 1024;
    const channel = 'slowch';
    const before = server.broker.stats.outputLimitDisconnections;
    const stalled = await stalledSubscriber(server.port, channel);
    const reader = await countingSubscriber(server.port, channel);
    await until(() => reader.bytes() > 0, 2000, 'reader confirmation');
    const confirmation = reader.bytes();
    const stalledId = [...server.broker.clients.values()].find((c) => c.channels.has(channel) && c.address.endsWith(`:${stalled.localPort}`))!.id;

    // Memory sampled throughout (the server runs in this process).
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed + base.external;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    }, 10);

    const payload = Buffer.alloc(MB, 'x');
    const cmd = encodeCommand(['PUBLISH', channel, payload]);
    const pub = await RawConnection.connect(server.port);
    const TOTAL = 300;
    const BATCH = 10;
    const receivers: number[] = [];
    for (let sent = 0; sent < TOTAL; sent += BATCH) {
      pub.write(Buffer.concat(Array.from({ length: BATCH }, () => cmd)));
      for (let i = 0; i < BATCH; i++) receivers.push(Number((await pub.readReply(20_000)).slice(1)));
    }
    const frame = `*3\r\n$7\r\nmessage\r\n$${channel.length}\r\n${channel}\r\n$${MB}\r\n`.length + MB + 2;
    await until(() => reader.bytes() >= confirmation + TOTAL * frame, 60_000, 'the reader to get every message');
    clearInterval(sampler);

    // The stalled subscriber was cut off partway; the reader kept receiving.
    expect(server.broker.clients.has(stalledId)).toBe(false);
    expect(server.broker.stats.outputLimitDisconnections).toBe(before + 1);
    expect(receivers[0]).toBe(2);
    expect(receivers[TOTAL - 1]).toBe(1);
    const cut = receivers.indexOf(1);
    // Cut between the hard limit (32 MB) and that plus what kernel buffers absorb.
    expect(cut, `cut after ${cut} messages`).toBeGreaterThan(20);
    expect(cut, `cut after ${cut} messages`).toBeLessThan(150);
    expect(reader.bytes()).toBe(confirmation + TOTAL * frame);
    // Bounded: below the 300 MB a never-disconnected subscriber would pin on its own
    // (the rest is the reader's traffic and garbage not yet collected).
    const growth = (peakRss - base.rss) / MB;
    const summary = `slow consumer cut after ${cut} MB; peak RSS growth ${growth.toFixed(0)} MB, heap+external growth ${((peakHeap - base.heapUsed - base.external) / MB).toFixed(0)} MB`;
    console.log(summary);
    expect(growth, summary).toBeLessThan(250);
    const log = readFileSync(logfile, 'latin1');
    expect(log).toMatch(/scheduled to be closed ASAP for overcoming of output buffer limits/);
    // INFO stats counts it.
    const info = await pub.command('INFO', 'stats');
    expect(info).toMatch(new RegExp(`client_output_buffer_limit_disconnections:${before + 1}\\r\\n`));
    pub.close();
    stalled.destroy();
    reader.socket.destroy();
  }, 120_000);

  it('the soft limit disconnects after soft-seconds over it (CONFIG SET pubsub 0 256kb 1)', async () => {
    const pub = await RawConnection.connect(server.port);
    expect(await pub.command('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 0 256kb 1')).toBe('+OK\r\n');
    const before = server.broker.stats.outputLimitDisconnections;
    const stalled = await stalledSubscriber(server.port, 'softch');
    const id = [...server.broker.clients.values()].find((c) => c.channels.has('softch'))!.id;
    const payload = Buffer.alloc(256 * 1024, 'y');
    // Enough to fill kernel buffers and stay above 256kb pending, then keep it there.
    const started = Date.now();
    for (let i = 0; i < 120 && server.broker.clients.has(id); i++) {
      await pub.command('PUBLISH', 'softch', payload);
      if (i > 60) await sleep(50);
    }
    await until(() => !server.broker.clients.has(id), 5000, 'the soft limit to fire');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.broker.stats.outputLimitDisconnections).toBe(before + 1);
    expect(await pub.command('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60')).toBe('+OK\r\n');
    expect(await pub.command('CONFIG', 'GET', 'client-output-buffer-limit')).toContain('pubsub 33554432 8388608 60');
    pub.close();
    stalled.destroy();
  }, 30_000);

  it('normal clients obey the normal class once it has a limit', async () => {
    const admin = await RawConnection.connect(server.port);
    expect(await admin.command('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 2mb 0 0')).toBe('+OK\r\n');
    await admin.command('SET', 'big', Buffer.alloc(512 * 1024, 'z'));
    const before = server.broker.stats.outputLimitDisconnections;
    const s = net.createConnection({ port: server.port, host: '127.0.0.1' });
    s.on('error', () => {});
    await new Promise<void>((r) => s.once('connect', () => r()));
    s.pause(); // never reads its replies
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    const gets = Buffer.concat(Array.from({ length: 200 }, () => encodeCommand(['GET', 'big'])));
    s.write(gets);
    await until(() => server.broker.stats.outputLimitDisconnections === before + 1, 10_000, 'the normal-class disconnect');
    s.resume();
    await closed;
    expect(await admin.command('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0')).toBe('+OK\r\n');
    expect(await admin.command('PING')).toBe('+PONG\r\n');
    admin.close();
  }, 30_000);
});
