// globMatch against redis-server's stringmatchlen on generated patterns:
// [], [^], ranges, escapes, unclosed brackets, NUL and high bytes.
// Case-sensitive: a connection SUBSCRIBEs to every test string, then
// PUBSUB CHANNELS <pattern> lists exactly the strings stringmatchlen matches
// (no shortcut for "*"). Case-insensitive: COMMAND LIST FILTERBY PATTERN
// matches command names with nocase=1. No Lua involved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globMatch } from '../../src/core/glob.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { redwireHas, quote } from '../helpers/differential.js';
import { prng, randInt } from '../helpers/codec.js';

const STRING_ALPHABET = ['a', 'b', 'c', 'A', '-', ']', '[', '^', '\\', '*', '?', '\xe9', '\xff', '\x80', '\x00', 'z'];
const PATTERN_TOKENS = [
  'a', 'b', 'c', 'A', 'z', '*', '*', '?', '[', ']', '^', '-', '\\', '\xe9', '\xff', '\x80', '\x00',
  '[a-c]', '[^a]', '[c-a]', '[\\]]', '[a-', '[^', '[]', '\\*', '\\[', '[\x80-\xff]', '[a-\xff]', '[-a]', '[a-]',
];

function generate(seed: number, nStrings: number, nPatterns: number): { strings: string[]; patterns: string[] } {
  const rnd = prng(seed);
  const strings = new Set<string>(['', 'a', 'abc', '[', ']', '\\', '*', '-', '^', '\xe9']);
  while (strings.size < nStrings) {
    let s = '';
    const n = randInt(rnd, 1, 6);
    for (let i = 0; i < n; i++) s += STRING_ALPHABET[randInt(rnd, 0, STRING_ALPHABET.length - 1)];
    strings.add(s);
  }
  const patterns = new Set<string>(['', '*', '**', '?', '[', '[^', '[]', '[^]', '\\', 'a\\', '[a-', '[\\']);
  while (patterns.size < nPatterns) {
    let p = '';
    const n = randInt(rnd, 1, 5);
    for (let i = 0; i < n; i++) p += PATTERN_TOKENS[randInt(rnd, 0, PATTERN_TOKENS.length - 1)];
    patterns.add(p);
  }
  return { strings: [...strings], patterns: [...patterns] };
}

/** Parses a RESP array of bulk strings (the only shape these commands return). */
function bulkArray(raw: string): string[] {
  const buf = Buffer.from(raw, 'latin1');
  let p = raw.indexOf('\r\n') + 2;
  const n = Number(raw.slice(1, p - 2));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (raw[p] !== '$') throw new Error(`not a bulk array: ${quote(raw)}`);
    const nl = raw.indexOf('\r\n', p);
    const len = Number(raw.slice(p + 1, nl));
    out.push(buf.toString('latin1', nl + 2, nl + 2 + len));
    p = nl + 4 + len;
  }
  return out;
}

/** Sends all commands in one write and returns the replies in order. */
async function pipeline(c: RawConnection, commands: string[][]): Promise<string[]> {
  c.write(Buffer.concat(commands.map((a) => encodeCommand(a))));
  const out: string[] = [];
  for (let i = 0; i < commands.length; i++) out.push(await c.readReply(10_000));
  return out;
}

/** Subscribes `sub` to every string, waiting for all confirmations. */
async function subscribeAll(sub: RawConnection, strings: string[]): Promise<void> {
  sub.write(encodeCommand(['SUBSCRIBE', ...strings]));
  for (let i = 0; i < strings.length; i++) await sub.readReply(10_000);
}

describe('differential: glob patterns against redis-server', () => {
  let redis: RedisServer;
  let redwire: TestServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    if (redwireHas('pubsub|channels')) redwire = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), redwire?.close()]);
  });

  for (const seed of [1, 2, 3]) {
    it(`case-sensitive: 400 strings x 1500 patterns (seed ${seed}) via PUBSUB CHANNELS`, async () => {
      const { strings, patterns } = generate(seed, 400, 1500);
      const sub = await RawConnection.connect(redis.port);
      const q = await RawConnection.connect(redis.port);
      try {
        await subscribeAll(sub, strings);
        const replies = await pipeline(q, patterns.map((p) => ['PUBSUB', 'CHANNELS', p]));
        const bad: string[] = [];
        for (let i = 0; i < patterns.length; i++) {
          const want = new Set(bulkArray(replies[i]));
          for (const s of strings) {
            const got = globMatch(patterns[i], s);
            if (got !== want.has(s)) bad.push(`pattern ${quote(patterns[i])} string ${quote(s)}: redis ${want.has(s)}, globMatch ${got}`);
          }
        }
        expect({ mismatches: bad.length, first: bad.slice(0, 15) }).toEqual({ mismatches: 0, first: [] });
      } finally {
        sub.close();
        q.close();
      }
    });
  }

  it('case-insensitive: COMMAND LIST FILTERBY PATTERN over command names', async () => {
    const q = await RawConnection.connect(redis.port);
    try {
      const [all] = await pipeline(q, [['COMMAND', 'LIST']]);
      const names = bulkArray(all);
      expect(names.length).toBeGreaterThan(100);
      const rnd = prng(99);
      const tokens = ['s', 'E', 't', 'G', 'x', '*', '?', '[a-f]', '[^S]', '[G-s]', '|', '[E]', '\\s', 'c', 'L', 'i', 'O', 'n', 'F'];
      const patterns = new Set<string>(['*', 'GET', 'get', 'c*', 'CONFIG|*', '*|GET', '[A-C]*', '[Z-a]*']);
      while (patterns.size < 400) {
        let p = '';
        const n = randInt(rnd, 1, 5);
        for (let i = 0; i < n; i++) p += tokens[randInt(rnd, 0, tokens.length - 1)];
        patterns.add(p);
      }
      const list = [...patterns];
      const replies = await pipeline(q, list.map((p) => ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', p]));
      const bad: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const want = new Set(bulkArray(replies[i]));
        for (const name of names) {
          const got = globMatch(list[i], name, true);
          if (got !== want.has(name)) bad.push(`pattern ${quote(list[i])} name ${name}: redis ${want.has(name)}, globMatch ${got}`);
        }
      }
      expect({ mismatches: bad.length, first: bad.slice(0, 15) }).toEqual({ mismatches: 0, first: [] });
    } finally {
      q.close();
    }
  });

  it('Redwire PUBSUB CHANNELS agrees with redis-server on 300 patterns [needs: pubsub|channels]', async () => {
    const { strings, patterns } = generate(4, 200, 300);
    const conns = await Promise.all([redis.port, redwire!.port, redis.port, redwire!.port].map((p) => RawConnection.connect(p)));
    try {
      await Promise.all([subscribeAll(conns[0], strings), subscribeAll(conns[1], strings)]);
      const cmds = patterns.map((p) => ['PUBSUB', 'CHANNELS', p]);
      const [a, b] = await Promise.all([pipeline(conns[2], cmds), pipeline(conns[3], cmds)]);
      const bad: string[] = [];
      for (let i = 0; i < patterns.length; i++) {
        const x = bulkArray(a[i]).sort().join('\n');
        const y = b[i].startsWith('*') ? bulkArray(b[i]).sort().join('\n') : b[i];
        if (x !== y) bad.push(`pattern ${quote(patterns[i])}: redis ${quote(x)} redwire ${quote(y)}`);
      }
      expect({ mismatches: bad.length, first: bad.slice(0, 10) }).toEqual({ mismatches: 0, first: [] });
    } finally {
      for (const c of conns) c.close();
    }
  });
});
