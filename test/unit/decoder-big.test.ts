// RESP request decoder: big arguments (the 32 KB big-arg path), multi-MB
// values in random chunks, many arguments, many commands, and a seeded
// round-trip property over random binary commands.
import { describe, expect, it } from 'vitest';
import { BIG_ARG, RequestDecoder } from '../../protocols/resp/decoder.js';
import { encodeCommand } from '../helpers/resp.js';
import { bytes, chunkings, feed, prng, randInt, randomBytes, randomSplit } from '../helpers/codec.js';

const bulk = (argv: Array<string | Buffer>) => encodeCommand(argv);
const latin1 = (b: Buffer) => b.toString('latin1');

describe('RequestDecoder: big arguments', () => {
  for (const size of [BIG_ARG - 1, BIG_ARG, BIG_ARG + 1, 40_000]) {
    it(`a ${size}-byte binary value, whole / byte by byte / random splits`, () => {
      const value = randomBytes(prng(size), size);
      const input = Buffer.concat([bulk(['SET', 'k', value]), bytes('PING\r\n')]);
      // Byte by byte only above the big-arg threshold: below it every byte
      // re-copies the partial argument (see the quadratic note in the report).
      const splits = chunkings(8, { byteLimit: size >= BIG_ARG ? 1 << 17 : 0, maxChunk: 4096 });
      for (const how of splits) {
        const r = feed(new RequestDecoder(), how.chunks(input));
        expect(r.error, how.name).toBeNull();
        expect(r.commands.length, how.name).toBe(2);
        expect(r.commands[0][0], how.name).toBe('SET');
        expect(r.commands[0][2] === latin1(value), `${how.name}: value bytes differ`).toBe(true);
        expect(r.commands[1], how.name).toEqual(['PING']);
        expect(r.pending, how.name).toBe(0);
      }
    });
  }

  it('several MB values in random chunks of up to 64 KB, with small commands around them', () => {
    const rnd = prng(7);
    const v1 = randomBytes(rnd, 5 * 1024 * 1024 + 3);
    const v2 = randomBytes(rnd, 1024 * 1024);
    const v3 = randomBytes(rnd, 33_000);
    const input = Buffer.concat([
      bytes('PING\r\n'),
      bulk(['MSET', 'a', v1, 'b', v2, 'c', v3]),
      bulk(['GET', 'a']),
      bulk(['SET', 'big', v2]),
      bytes('ECHO tail\r\n'),
    ]);
    for (let seed = 1; seed <= 12; seed++) {
      const r = feed(new RequestDecoder(), randomSplit(input, prng(seed), 65536));
      expect(r.error, `seed ${seed}`).toBeNull();
      expect(r.commands.length, `seed ${seed}`).toBe(5);
      const mset = r.commands[1];
      expect(mset.length).toBe(7);
      expect(mset[2] === latin1(v1), `seed ${seed}: 5 MB value`).toBe(true);
      expect(mset[4] === latin1(v2), `seed ${seed}: 1 MB value`).toBe(true);
      expect(mset[6] === latin1(v3), `seed ${seed}: 33 KB value`).toBe(true);
      expect(r.commands[2]).toEqual(['GET', 'a']);
      expect(r.commands[3][2] === latin1(v2)).toBe(true);
      expect(r.commands[4]).toEqual(['ECHO', 'tail']);
      expect(r.pending).toBe(0);
    }
  });

  it('a big value delivered in the same chunk as following commands', () => {
    const v = randomBytes(prng(3), 100_000);
    const input = Buffer.concat([bulk(['SET', 'k', v]), bulk(['GET', 'k']), bulk(['GET', 'k'])]);
    // First chunk ends inside the value; the second holds the rest and two more commands.
    const r = feed(new RequestDecoder(), [input.subarray(0, 50_000), input.subarray(50_000)]);
    expect(r.error).toBeNull();
    expect(r.commands.map((c) => c[0])).toEqual(['SET', 'GET', 'GET']);
    expect(r.commands[0][2] === latin1(v)).toBe(true);
  });

  it('pendingBytes grows with a partial big value (for client-query-buffer-limit)', () => {
    const d = new RequestDecoder();
    const out: string[][] = [];
    expect(d.decode(bytes('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\n'), out)).toBeNull();
    let sent = 0;
    for (let i = 0; i < 10; i++) {
      expect(d.decode(Buffer.alloc(50_000, 0x61), out)).toBeNull();
      sent += 50_000;
    }
    expect(out).toEqual([]);
    expect(d.pendingBytes()).toBeGreaterThanOrEqual(sent);
    expect(d.decode(Buffer.concat([Buffer.alloc(500_000, 0x61), bytes('\r\n')]), out)).toBeNull();
    expect(out.length).toBe(1);
    expect(out[0][2].length).toBe(1_000_000);
    expect(d.pendingBytes()).toBe(0);
  });

  it('announcing 500 MB and sending a few bytes holds only what was sent', () => {
    const d = new RequestDecoder();
    const out: string[][] = [];
    expect(d.decode(bytes('*2\r\n$4\r\nECHO\r\n$500000000\r\nabc'), out)).toBeNull();
    expect(d.pendingBytes()).toBeLessThan(1 << 16);
  });
});

describe('RequestDecoder: many arguments and many commands', () => {
  it('one command with 100 000 arguments', () => {
    const n = 100_000;
    const input = bytes(`*${n + 1}\r\n$4\r\nMSET\r\n${'$1\r\nx\r\n'.repeat(n)}`);
    for (const how of chunkings(4, { byteLimit: 0, maxChunk: 8192 })) {
      const r = feed(new RequestDecoder(), how.chunks(input));
      expect(r.error, how.name).toBeNull();
      expect(r.commands.length, how.name).toBe(1);
      expect(r.commands[0].length, how.name).toBe(n + 1);
      expect(r.commands[0][n], how.name).toBe('x');
    }
  });

  it('10 000 pipelined commands in one chunk and in random chunks', () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 10_000; i++) parts.push(i % 2 ? bulk(['SET', `key:${i}`, `v${i}`]) : bytes(`GET key:${i}\r\n`));
    const input = Buffer.concat(parts);
    for (const how of chunkings(4, { byteLimit: 0, maxChunk: 4096 })) {
      const r = feed(new RequestDecoder(), how.chunks(input));
      expect(r.error, how.name).toBeNull();
      expect(r.commands.length, how.name).toBe(10_000);
      expect(r.commands[9999], how.name).toEqual(['SET', 'key:9999', 'v9999']);
      expect(r.commands[9998], how.name).toEqual(['GET', 'key:9998']);
    }
  });
});

describe('RequestDecoder: round trip of random binary commands', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rnd = prng(seed * 7919);
      const commands: string[][] = [];
      for (let i = 0; i < 60; i++) {
        const argc = randInt(rnd, 1, 8);
        const argv: string[] = [];
        for (let j = 0; j < argc; j++) {
          const r = rnd();
          const n = r < 0.05 ? randInt(rnd, BIG_ARG - 2, BIG_ARG + 3000) : r < 0.2 ? 0 : randInt(rnd, 1, 40);
          argv.push(latin1(randomBytes(rnd, n)));
        }
        commands.push(argv);
      }
      const input = Buffer.concat(commands.map((a) => bulk(a)));
      for (const max of [3, 100, 5000]) {
        const r = feed(new RequestDecoder(), randomSplit(input, rnd, max));
        expect(r.error, `max chunk ${max}`).toBeNull();
        expect(r.commands.length, `max chunk ${max}`).toBe(commands.length);
        for (let i = 0; i < commands.length; i++) {
          expect(r.commands[i].length).toBe(commands[i].length);
          for (let j = 0; j < commands[i].length; j++) {
            if (r.commands[i][j] !== commands[i][j]) {
              throw new Error(`max chunk ${max}: command ${i} arg ${j} differs (length ${r.commands[i][j].length} vs ${commands[i][j].length})`);
            }
          }
        }
        expect(r.pending).toBe(0);
      }
    });
  }
});
