// HyperLogLog against a real redis-server 7.0, byte for byte: replies, the
// HLL strings themselves (GET, DUMP) through sparse and dense encodings,
// corrupted values, keyspace events, and HLLs moved between the servers.
import { describe, expect, it } from 'vitest';
import { differentialSuite, script, type Script, type Step } from '../helpers/differential.js';
import { RawConnection } from '../helpers/resp.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { eventsOf } from '../helpers/keyspace-events.js';
import { prng as rng } from '../helpers/codec.js';

function elements(rand: () => number, n: number, prefix = 'e'): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${prefix}${Math.floor(rand() * 1e9)}`);
  return out;
}

const cmd = (...argv: Array<string | Buffer>): Step => ({ cmd: argv });

/** Header + opcodes as a latin1 Buffer: "HYLL", encoding, 3 unused, 8 cache bytes. */
function hll(encoding: number, body: number[], card = [0, 0, 0, 0, 0, 0, 0, 0x80]): Buffer {
  return Buffer.from([0x48, 0x59, 0x4c, 0x4c, encoding, 0, 0, 0, ...card, ...body]);
}

function growthScript(name: string, seed: number, batches: number, size: number, config: string[] = []): Script {
  const rand = rng(seed);
  const steps: Step[] = [];
  if (config.length > 0) steps.push(cmd('CONFIG', 'SET', ...config));
  for (let b = 0; b < batches; b++) {
    steps.push(cmd('PFADD', 'h', ...elements(rand, size)));
    steps.push(cmd('GET', 'h'));
    steps.push(cmd('PFCOUNT', 'h'));
    steps.push(cmd('PFDEBUG', 'ENCODING', 'h'));
  }
  steps.push(cmd('DUMP', 'h'), cmd('STRLEN', 'h'));
  if (config.length > 0) steps.push(cmd('CONFIG', 'SET', 'hll-sparse-max-bytes', '3000'));
  return { name, steps };
}

function mergeScript(): Script {
  const rand = rng(7);
  const steps: Step[] = [
    cmd('PFADD', 's1', ...elements(rand, 30)),
    cmd('PFADD', 's2', ...elements(rand, 50)),
    cmd('PFADD', 'd1', ...elements(rand, 3000)),
    cmd('PFMERGE', 'm1', 's1', 's2'), cmd('GET', 'm1'), cmd('PFCOUNT', 'm1'),
    cmd('PFMERGE', 'm2', 's1', 'd1'), cmd('GET', 'm2'), cmd('PFCOUNT', 'm2'), cmd('PFDEBUG', 'ENCODING', 'm2'),
    cmd('PFMERGE', 's1', 's2', 'nokey'), cmd('GET', 's1'),
    cmd('PFMERGE', 'm3'), cmd('GET', 'm3'),
    cmd('PFMERGE', 'm4', 'nokey1', 'nokey2'), cmd('EXISTS', 'm4'), cmd('GET', 'm4'),
    cmd('PFCOUNT', 's1', 's2', 'd1', 'nokey'), cmd('PFCOUNT', 's2', 's1'),
    cmd('SET', 'str', 'foo'), cmd('PFMERGE', 'm5', 's1', 'str'), cmd('EXISTS', 'm5'),
    cmd('PFCOUNT', 's1', 'str'), cmd('PFMERGE', 'str', 's1'),
    cmd('EXPIRE', 's2', '1000'), cmd('PFMERGE', 's2', 'd1'), cmd('TTL', 's2'), cmd('GET', 's2'),
  ];
  return { name: 'PFMERGE and multi-key PFCOUNT', steps };
}

const corrupt: Script = {
  name: 'wrong types and corrupted HLLs',
  steps: [
    cmd('SET', 'str', 'hello'), cmd('PFADD', 'str', 'a'), cmd('PFCOUNT', 'str'), cmd('PFDEBUG', 'ENCODING', 'str'),
    cmd('SET', 'int', '12345678901234567'), cmd('PFADD', 'int', 'a'),
    cmd('LPUSH', 'list', 'a'), cmd('PFADD', 'list', 'a'), cmd('PFCOUNT', 'list'), cmd('PFCOUNT', 'x', 'list'),
    // Valid empty sparse, then one with an extra opcode at the tail.
    cmd('SET', 'ok', hll(1, [0x7f, 0xff])), cmd('PFCOUNT', 'ok'), cmd('PFADD', 'ok', 'a'), cmd('GET', 'ok'),
    cmd('SET', 'tail', hll(1, [0x7f, 0xff, 0x80])), cmd('PFCOUNT', 'tail'), cmd('PFADD', 'tail', 'a', 'b'),
    cmd('PFCOUNT', 'tail', 'ok'), cmd('PFMERGE', 'dst', 'tail'), cmd('PFDEBUG', 'TODENSE', 'tail'), cmd('PFDEBUG', 'GETREG', 'tail'),
    cmd('PFDEBUG', 'DECODE', 'tail'),
    // Too short: registers not all covered.
    cmd('SET', 'short', hll(1, [0x7f, 0xfe])), cmd('PFCOUNT', 'short'), cmd('PFADD', 'short', 'x'),
    // A valid cache is returned even when the body is corrupt.
    cmd('SET', 'cached', hll(1, [0x7f, 0xfe], [42, 0, 0, 0, 0, 0, 0, 0])), cmd('PFCOUNT', 'cached'),
    cmd('SET', 'badmagic', Buffer.concat([Buffer.from('HYLX'), hll(1, [0x7f, 0xff]).subarray(4)])), cmd('PFCOUNT', 'badmagic'),
    cmd('SET', 'badenc', hll(2, [0x7f, 0xff])), cmd('PFCOUNT', 'badenc'), cmd('PFADD', 'badenc', 'a'),
    cmd('SET', 'denselen', hll(0, new Array(100).fill(0))), cmd('PFCOUNT', 'denselen'),
    cmd('SET', 'dense', hll(0, new Array(12288).fill(0))), cmd('PFCOUNT', 'dense'), cmd('PFADD', 'dense', 'a', 'b'),
    cmd('GET', 'dense'), cmd('PFDEBUG', 'DECODE', 'dense'),
    // Registers at 63 (beyond any hash run) still count.
    cmd('SET', 'sat', hll(0, new Array(12288).fill(0xff))), cmd('PFCOUNT', 'sat'), cmd('GET', 'sat'),
    cmd('SET', 'hdr', Buffer.from('HYLL')), cmd('PFCOUNT', 'hdr'),
  ],
};

/**
 * Random sparse HLLs built opcode by opcode (ZERO, XZERO of any length, VAL
 * runs), stored with SET and then grown with PFADD on both servers: every
 * split, merge and promotion path of the sparse encoding. With `corrupt`
 * some runs miss or overshoot the register count, or bytes are random.
 */
function fuzzScript(seed: number, corrupt: boolean): Script {
  const rand = rng(seed);
  const steps: Step[] = [cmd('CONFIG', 'SET', 'hll-sparse-max-bytes', '400')];
  for (let round = 0; round < 60; round++) {
    const body: number[] = [];
    let left = 16384;
    while (left > 0) {
      const kind = rand();
      if (kind < 0.3) {
        const run = Math.min(left, 1 + Math.floor(rand() * 64));
        body.push(run - 1);
        left -= run;
      } else if (kind < 0.5) {
        const run = Math.min(left, 1 + Math.floor(rand() * (rand() < 0.5 ? 100 : 16384)));
        body.push(0x40 | ((run - 1) >> 8), (run - 1) & 0xff);
        left -= run;
      } else {
        const run = Math.min(left, 1 + Math.floor(rand() * 4));
        body.push(0x80 | (Math.floor(rand() * 32) << 2) | (run - 1));
        left -= run;
      }
    }
    if (corrupt) {
      const what = Math.floor(rand() * 3);
      if (what === 0) body.push(0x80 | Math.floor(rand() * 4));
      else if (what === 1) body.splice(Math.floor(rand() * body.length), 1);
      else body[Math.floor(rand() * body.length)] = Math.floor(rand() * 256);
    }
    steps.push(cmd('SET', 'f', hll(1, body)), cmd('PFCOUNT', 'f'));
    for (let k = 0; k < 4; k++) steps.push(cmd('PFADD', 'f', ...elements(rand, 1 + Math.floor(rand() * 40))), cmd('GET', 'f'));
    steps.push(cmd('PFCOUNT', 'f'), cmd('PFCOUNT', 'f', 'nokey'), cmd('PFDEBUG', 'DECODE', 'f'));
    steps.push(cmd('PFMERGE', 'm', 'f'), cmd('GET', 'm'), cmd('PFMERGE', 'f', 'm'), cmd('GET', 'f'), cmd('PFDEBUG', 'TODENSE', 'f'), cmd('GET', 'f'), cmd('DEL', 'm'));
  }
  steps.push(cmd('CONFIG', 'SET', 'hll-sparse-max-bytes', '3000'));
  return { name: `random sparse encodings${corrupt ? ', corrupted' : ''} (seed ${seed})`, steps };
}

const hllScripts: Script[] = [
  script('PFADD and PFCOUNT basics', `
    PFADD h
    GET h
    OBJECT ENCODING h
    PFADD h a b c
    GET h
    PFCOUNT h
    GET h
    PFCOUNT h
    PFADD h a
    PFADD h ""
    PFADD h ""
    GET h
    PFCOUNT h
    PFCOUNT nokey
    PFCOUNT h nokey
    PFCOUNT nokey nokey2
    TYPE h
    STRLEN h
    OBJECT ENCODING h
    DUMP h
    PFDEBUG ENCODING h
    PFDEBUG DECODE h
    PFDEBUG encoding nokey
    PFDEBUG foo h
    PFDEBUG foo nokey
    PFADD "\\x00\\xff" "\\x00" "\\xff\\xfe"
    GET "\\x00\\xff"
    PFSELFTEST x
    PFDEBUG ENCODING
  `),
  script('PFDEBUG GETREG and TODENSE', `
    PFADD h a b c d e f g
    PFDEBUG TODENSE h
    PFDEBUG ENCODING h
    PFDEBUG TODENSE h
    GET h
    PFCOUNT h
    PFADD g x y
    PFDEBUG GETREG g
    PFDEBUG ENCODING g
    GET g
  `),
  growthScript('sparse grows and turns dense (hll-sparse-max-bytes)', 11, 12, 250),
  growthScript('small hll-sparse-max-bytes promotes early', 12, 6, 20, ['hll-sparse-max-bytes', '60']),
  growthScript('hll-sparse-max-bytes 0', 13, 2, 5, ['hll-sparse-max-bytes', '0']),
  growthScript('a few elements at a time', 14, 40, 3),
  mergeScript(),
  corrupt,
  { ...script('RESP3 and MULTI', `
    PFADD h a b
    MULTI
    PFADD h c
    PFCOUNT h
    PFMERGE h2 h
    EXEC
    GET h2
  `), resp3: true },
  fuzzScript(21, false),
  fuzzScript(22, true),
];

differentialSuite('hyperloglog', hllScripts);

const EVENT_SCRIPT: string[][] = [
  ['PFADD', 'h'], ['PFADD', 'h'], ['PFADD', 'h', 'a'], ['PFADD', 'h', 'a'], ['PFCOUNT', 'h'], ['PFCOUNT', 'nokey'],
  ['PFCOUNT', 'h', 'nokey'], ['PFMERGE', 'm', 'h'], ['PFMERGE', 'h', 'm'], ['PFMERGE', 'n'], ['PFDEBUG', 'TODENSE', 'h'],
  ['SET', 's', 'x'], ['PFADD', 's', 'a'], ['PFMERGE', 'q', 's'],
];

describe('differential: HyperLogLog keyspace events and interchange', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  it('publish the same keyspace and keyevent messages in the same order', async () => {
    const [a, b] = await Promise.all([eventsOf(redis.port, EVENT_SCRIPT), eventsOf(redwire.port, EVENT_SCRIPT)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });

  it('an HLL built by redis-server (GET/SET and DUMP/RESTORE) keeps working in Redwire', async () => {
    const r = await RawConnection.connect(redis.port);
    const w = await RawConnection.connect(redwire.port);
    try {
      const rand = rng(99);
      for (const [key, n] of [['sp', 200], ['de', 5000]] as const) {
        await r.command('DEL', key);
        await w.command('DEL', key);
        for (let i = 0; i < n; i += 500) await r.command('PFADD', key, ...elements(rand, Math.min(500, n - i)));
        const bulk = await r.command('GET', key);
        const value = Buffer.from(bulk.slice(bulk.indexOf('\r\n') + 2, -2), 'latin1');
        await w.command('SET', key, value);
        const dump = await r.command('DUMP', key);
        const payload = Buffer.from(dump.slice(dump.indexOf('\r\n') + 2, -2), 'latin1');
        await w.command('RESTORE', `${key}2`, '0', payload);
        await r.command('RESTORE', `${key}2`, '0', payload);
        for (const k of [key, `${key}2`]) {
          expect(await w.command('PFCOUNT', k)).toBe(await r.command('PFCOUNT', k));
          const more = elements(rand, 300);
          expect(await w.command('PFADD', k, ...more)).toBe(await r.command('PFADD', k, ...more));
          expect(await w.command('GET', k)).toBe(await r.command('GET', k));
          expect(await w.command('DUMP', k)).toBe(await r.command('DUMP', k));
          expect(await w.command('PFCOUNT', k)).toBe(await r.command('PFCOUNT', k));
        }
      }
    } finally {
      r.close();
      w.close();
    }
  });
});
