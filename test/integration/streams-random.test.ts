// Seeded random stream workloads compared byte for byte with redis-server:
// node boundaries (entries and bytes), tombstones, approximate trimming,
// radix-tree shape, consumer-group bookkeeping. Times never appear in the
// compared replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { RawConnection } from '../helpers/resp.js';
import { useTestServer } from '../helpers/server.js';
import { prng as rng } from '../helpers/codec.js';

/** A random workload of `n` commands on a few keys. */
function workload(seed: number, n: number): string[][] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (max: number) => Math.floor(r() * max);
  const keys = ['k1', 'k2'];
  const last = new Map<string, [bigint, bigint]>();
  const ids = new Map<string, string[]>();
  const out: string[][] = [['FLUSHALL'], ['CONFIG', 'SET', 'stream-node-max-entries', '100'], ['CONFIG', 'SET', 'stream-node-max-bytes', '4096']];
  const someId = (key: string) => {
    const list = ids.get(key) ?? [];
    return list.length > 0 && r() < 0.85 ? pick(list) : `${int(5000)}-${int(3)}`;
  };
  for (let i = 0; i < n; i++) {
    const key = pick(keys);
    const x = r();
    if (x < 0.45) {
      const [ms, seq] = last.get(key) ?? [0n, 0n];
      const next: [bigint, bigint] = r() < 0.5 ? [ms, seq + BigInt(1 + int(3))] : [ms + BigInt(1 + int(40)), BigInt(int(4))];
      if (r() < 0.01) next[0] += 1n << BigInt(20 + int(40)); // big jumps change the ID deltas' encodings
      last.set(key, next);
      const id = `${next[0]}-${next[1]}`;
      (ids.get(key) ?? ids.set(key, []).get(key)!).push(id);
      const fv = r() < 0.7 ? ['f', String(int(1000)), 'g', 'x'.repeat(int(r() < 0.1 ? 900 : 30))] : ['other', String(-int(100000)), 'n', String(int(1e12))];
      const trim = r() < 0.1 ? [pick(['MAXLEN', 'MINID']), pick(['=', '~', '']), pick(['MAXLEN', 'MINID']) === 'MAXLEN' ? String(int(300)) : someId(key)] : [];
      const t = trim.filter((a) => a !== '');
      if (t.length === 3 && t[1] !== '~' && t[0] === 'MINID') t[2] = someId(key);
      out.push(['XADD', key, ...(t[0] === 'MAXLEN' || t[0] === 'MINID' ? t : []), id, ...fv]);
    } else if (x < 0.55) {
      out.push(['XDEL', key, someId(key), ...(r() < 0.3 ? [someId(key)] : [])]);
    } else if (x < 0.6) {
      const strategy = pick(['MAXLEN', 'MINID']);
      const approx = r() < 0.5;
      const arg = strategy === 'MAXLEN' ? String(int(400)) : someId(key);
      out.push(['XTRIM', key, strategy, ...(approx ? ['~'] : []), arg, ...(approx && r() < 0.5 ? ['LIMIT', String(int(250))] : [])]);
    } else if (x < 0.68) {
      const a = someId(key);
      const b = someId(key);
      const cmd = pick(['XRANGE', 'XREVRANGE']);
      out.push([cmd, key, cmd === 'XRANGE' ? a : b, cmd === 'XRANGE' ? b : a, 'COUNT', String(int(20))]);
    } else if (x < 0.73) {
      out.push(['XINFO', 'STREAM', key]);
    } else if (x < 0.75) {
      out.push(['CONFIG', 'SET', pick(['stream-node-max-entries', 'stream-node-max-bytes']), String(pick([0, 1, 2, 5, 10, 100, 300, 1000, 4096]))]);
    } else if (x < 0.78) {
      out.push(['XGROUP', 'CREATE', key, pick(['g1', 'g2']), pick(['0', '$', someId(key)]), 'MKSTREAM']);
    } else if (x < 0.84) {
      out.push(['XREADGROUP', 'GROUP', pick(['g1', 'g2']), pick(['alice', 'bob']), 'COUNT', String(1 + int(5)), ...(r() < 0.2 ? ['NOACK'] : []),
        'STREAMS', key, r() < 0.8 ? '>' : '0']);
    } else if (x < 0.87) {
      out.push(['XACK', key, pick(['g1', 'g2']), someId(key), someId(key)]);
    } else if (x < 0.9) {
      out.push(['XCLAIM', key, pick(['g1', 'g2']), pick(['alice', 'bob', 'carl']), '0', someId(key), someId(key),
        ...(r() < 0.4 ? ['FORCE'] : []), ...(r() < 0.4 ? ['JUSTID'] : []), ...(r() < 0.2 ? ['RETRYCOUNT', String(int(9))] : [])]);
    } else if (x < 0.92) {
      out.push(['XAUTOCLAIM', key, pick(['g1', 'g2']), pick(['alice', 'bob', 'carl']), '0', someId(key), 'COUNT', String(1 + int(4)),
        ...(r() < 0.3 ? ['JUSTID'] : [])]);
    } else if (x < 0.95) {
      out.push(['XPENDING', key, pick(['g1', 'g2'])]);
    } else if (x < 0.98) {
      out.push(['XINFO', 'GROUPS', key]);
    } else {
      out.push(['XGROUP', 'SETID', key, pick(['g1', 'g2']), pick(['0', '$', someId(key)])]);
    }
  }
  for (const key of keys) out.push(['XRANGE', key, '-', '+'], ['XINFO', 'STREAM', key]);
  return out;
}

describe('streams: random workloads against redis-server', () => {
  const redis = useRedisServer();
  const server = useTestServer();
  let ref: RawConnection;
  let ours: RawConnection;

  beforeAll(async () => {
    ref = await RawConnection.connect(redis.port);
    ours = await RawConnection.connect(server.port);
  });

  afterAll(() => {
    ref?.close();
    ours?.close();
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}`, async () => {
      const mismatches: string[] = [];
      let errors = 0;
      let maxNodes = 0;
      let trimmed = 0;
      for (const cmd of workload(seed, 1500)) {
        const want = await ref.command(...cmd);
        const got = await ours.command(...cmd);
        if (want.startsWith('-')) errors++;
        const nodes = /radix-tree-keys\r\n:(\d+)/.exec(want);
        if (nodes !== null) maxNodes = Math.max(maxNodes, Number(nodes[1]));
        if (cmd[0] === 'XTRIM' && want !== ':0\r\n') trimmed++;
        if (want !== got) mismatches.push(`${cmd.join(' ')}\n  redis:   ${JSON.stringify(want).slice(0, 400)}\n  redwire: ${JSON.stringify(got).slice(0, 400)}`);
        if (mismatches.length >= 5) break;
      }
      expect(mismatches.join('\n')).toBe('');
      // The workload must exercise something: mostly valid commands, several nodes, real trims.
      expect(errors).toBeLessThan(300);
      expect(maxNodes).toBeGreaterThan(3);
      expect(trimmed).toBeGreaterThan(3);
    });
  }
});
