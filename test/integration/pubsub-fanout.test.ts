// Fan-out at scale: one PUBLISH reaching 10,000 subscriber connections (held
// by a Python epoll client in a child process, so neither side runs out of
// file descriptors), other clients staying responsive meanwhile, and each
// subscriber written at most once per loop turn however many messages it got.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { sleep } from '../helpers/wait.js';

const HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pubsub-fanout-subs.py');

const server = useTestServer({ maxclients: '12000' });

describe('PUBLISH to 10,000 subscribers', () => {
  it('every subscriber gets every message; a PING client stays responsive', async () => {
    const N = 10_000;
    const K = 20;
    const payload = (i: number) => `msg-${String(i).padStart(5, '0')}-${'x'.repeat(100)}`;
    const frameLen = Buffer.byteLength(`*3\r\n$7\r\nmessage\r\n$3\r\nfan\r\n$${payload(0).length}\r\n${payload(0)}\r\n`);
    const child = spawn('python3', [HELPER, String(server.port), String(N), 'fan', String(K), String(frameLen), '90'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
    try {
      const deadline = Date.now() + 90_000;
      while (!out.includes('READY')) {
        if (out.includes('TIMEOUT') || out.includes('CLOSED') || Date.now() > deadline) throw new Error(`subscribers: ${out}`);
        await sleep(20);
      }
      const pub = await RawConnection.connect(server.port);
      expect(await pub.command('PUBSUB', 'NUMSUB', 'fan')).toBe(`*2\r\n$3\r\nfan\r\n:${N}\r\n`);
      // A bystander pings every few ms while the fan-out runs.
      const probe = await RawConnection.connect(server.port);
      let stop = false;
      let worst = 0;
      let pings = 0;
      const probing = (async () => {
        while (!stop) {
          const t0 = performance.now();
          expect(await probe.command('PING')).toBe('+PONG\r\n');
          worst = Math.max(worst, performance.now() - t0);
          pings++;
          await sleep(2);
        }
      })();
      for (let i = 0; i < K; i++) expect(await pub.command('PUBLISH', 'fan', payload(i))).toBe(`:${N}\r\n`);
      const code = await exited;
      stop = true;
      await probing;
      expect(out).toContain(`DONE ${N * K} 0`);
      expect(code).toBe(0);
      console.log(`fan-out: ${N} subscribers x ${K} messages, ${pings} pings, worst PING ${worst.toFixed(1)} ms`);
      expect(pings).toBeGreaterThan(0);
      // Generous for a shared 2-core machine: one 10,000-way fan-out is a few ms.
      expect(worst).toBeLessThan(1000);
      pub.close();
      probe.close();
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('write coalescing', () => {
  it('50 pipelined PUBLISHes reach 100 subscribers with one flush each', async () => {
    const subs = await Promise.all(Array.from({ length: 100 }, () => RawConnection.connect(server.port)));
    for (const s of subs) expect(await s.command('SUBSCRIBE', 'co')).toContain(':1\r\n');
    // Count flushes of every subscriber session from now on.
    const counts = new Map<number, number>();
    for (const c of server.broker.clients.values()) {
      if (!c.channels.has('co')) continue;
      const session = c as unknown as { flush(): void };
      const orig = session.flush.bind(session);
      session.flush = () => {
        counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
        orig();
      };
    }
    expect(counts.size).toBe(0);
    const pub = await RawConnection.connect(server.port);
    const batch = Buffer.concat(Array.from({ length: 50 }, (_, i) => encodeCommand(['PUBLISH', 'co', `m${i}`])));
    pub.write(batch);
    for (let i = 0; i < 50; i++) expect(await pub.readReply()).toBe(':100\r\n');
    for (const s of subs) for (let i = 0; i < 50; i++) expect(await s.readReply()).toBe(`*3\r\n$7\r\nmessage\r\n$2\r\nco\r\n$${`m${i}`.length}\r\nm${i}\r\n`);
    const flushes = [...counts.values()];
    expect(flushes.length).toBe(100);
    // The 50 commands arrive in one read (rarely two): one write per subscriber per read.
    expect(Math.max(...flushes)).toBeLessThanOrEqual(2);
    for (const s of [...subs, pub]) s.close();
  });
});
