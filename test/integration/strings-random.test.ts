// Seeded random sequences of string and bitmap commands, INCRBYFLOAT chains
// and keyspace-event streams, run against redis-server and Redwire and
// compared byte for byte. A failure names its seed.
import { describe, expect, it } from 'vitest';
import { prng, randInt } from '../helpers/codec.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { runScript, type Script, type Step } from '../helpers/differential.js';

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[randInt(rnd, 0, xs.length - 1)];

const KEYS = ['k0', 'k1', 'k2', 'k3', 'w'];
const ALPHABET = ['a', 'b', 'c', '0', '1', '9', '-', '.', ' ', '\x00', '\xff', '\x80', '\x0f', '\xf0'];

function value(rnd: Rnd): string {
  if (rnd() < 0.3) return String(randInt(rnd, -1000, 1000));
  let s = '';
  const n = randInt(rnd, 0, 12);
  for (let i = 0; i < n; i++) s += pick(rnd, ALPHABET);
  return s;
}

function integer(rnd: Rnd): string {
  return pick(rnd, [() => String(randInt(rnd, -100, 100)), () => pick(rnd, ['9223372036854775807', '-9223372036854775808',
    '9223372036854775806', '4611686018427387904', '9007199254740993', '-9007199254740993', 'x', '1.5', '']),
  () => String(randInt(rnd, -1e15, 1e15))])();
}

/** Decimal, hex, tiny, huge and malformed float texts, as strtold sees them. */
function float(rnd: Rnd): string {
  const sign = pick(rnd, ['', '', '-', '+']);
  const digits = (n: number) => {
    let s = String(randInt(rnd, 1, 9));
    for (let i = 1; i < n; i++) s += randInt(rnd, 0, 9);
    return s;
  };
  switch (randInt(rnd, 0, 7)) {
    case 0: return sign + randInt(rnd, 0, 1000);
    case 1: { const d = digits(randInt(rnd, 1, 25)); const p = randInt(rnd, 0, d.length); return sign + d.slice(0, p) + '.' + d.slice(p); }
    case 2: return sign + digits(randInt(rnd, 1, 20)) + 'e' + randInt(rnd, -40, 40);
    case 3: return sign + digits(randInt(rnd, 1, 20)) + 'e' + pick(rnd, ['4931', '4932', '-4940', '-4951', '-4960', '400', '-400']);
    case 4: return sign + '0x' + randInt(rnd, 1, 0xffffff).toString(16) + '.' + randInt(rnd, 0, 0xfff).toString(16) + 'p' + randInt(rnd, -80, 80);
    case 5: return sign + (randInt(rnd, 1, 1 << 30) / 2 ** randInt(rnd, 1, 70)).toString();
    case 6: return pick(rnd, ['inf', '-inf', 'nan', '1e', ' 1', '.', '0x', '1e5000', '1e-5000', '0.1', '0.2', '-0', '1.', '.5']);
    default: return sign + String(rnd() * 10 ** randInt(rnd, -20, 20));
  }
}

function index(rnd: Rnd): string {
  return rnd() < 0.9 ? String(randInt(rnd, -30, 30)) : pick(rnd, ['9223372036854775807', '-9223372036854775808', '4294967296', 'x']);
}

const SET_OPTIONS: Array<(rnd: Rnd) => string[]> = [
  () => ['NX'], () => ['XX'], () => ['GET'], () => ['KEEPTTL'], (r) => ['EX', String(randInt(r, 100, 1000))],
  (r) => ['PX', String(randInt(r, 100000, 1000000))], () => ['EX', '0'], () => ['PERSIST'],
];

const BITFIELD_TYPES = ['u1', 'u3', 'u8', 'i8', 'i5', 'u16', 'i32', 'u63', 'i64', 'u64', 'x4'];

function command(rnd: Rnd): string[] {
  const k = pick(rnd, KEYS);
  const k2 = pick(rnd, KEYS);
  switch (randInt(rnd, 0, 27)) {
    case 0: case 1: {
      const opts: string[] = [];
      for (let n = randInt(rnd, 0, 2); n > 0; n--) opts.push(...pick(rnd, SET_OPTIONS)(rnd));
      return ['SET', k, value(rnd), ...opts];
    }
    case 2: return ['GET', k];
    case 3: return ['GETSET', k, value(rnd)];
    case 4: return rnd() < 0.3 ? ['GETDEL', k] : ['STRLEN', k];
    case 5: return ['GETEX', k, ...pick(rnd, [[], ['PERSIST'], ['EX', '500'], ['PX', '0'], ['NX']])];
    case 6: return ['MGET', k, k2, 'missing'];
    case 7: return rnd() < 0.5 ? ['MSET', k, value(rnd), k2, value(rnd)] : ['MSETNX', k, value(rnd), k2, value(rnd)];
    case 8: return ['SETNX', k, value(rnd)];
    case 9: return ['APPEND', k, value(rnd)];
    case 10: return ['GETRANGE', k, index(rnd), index(rnd)];
    case 11: return ['SETRANGE', k, String(randInt(rnd, rnd() < 0.1 ? -2 : 0, 40)), value(rnd)];
    case 12: return [pick(rnd, ['INCR', 'DECR']), k];
    case 13: return [pick(rnd, ['INCRBY', 'DECRBY']), k, integer(rnd)];
    case 14: case 15: return ['INCRBYFLOAT', k, float(rnd)];
    case 16: return ['SETBIT', k, String(randInt(rnd, 0, 200)), pick(rnd, ['0', '1', '1', '2'])];
    case 17: return ['GETBIT', k, String(randInt(rnd, 0, 200))];
    case 18: {
      const r = rnd();
      if (r < 0.3) return ['BITCOUNT', k];
      const args = ['BITCOUNT', k, index(rnd), index(rnd)];
      if (r < 0.7) args.push(pick(rnd, ['BIT', 'byte', 'bits']));
      return args;
    }
    case 19: case 20: {
      const args = ['BITPOS', k, pick(rnd, ['0', '1', '1', '0', '2'])];
      const n = randInt(rnd, 0, 3);
      if (n >= 1) args.push(index(rnd));
      if (n >= 2) args.push(index(rnd));
      if (n >= 3) args.push(pick(rnd, ['BIT', 'BYTE', 'bit']));
      return args;
    }
    case 21: {
      const op = pick(rnd, ['AND', 'OR', 'XOR', 'NOT', 'NOT', 'nand']);
      const srcs = op === 'NOT' && rnd() < 0.8 ? [k2] : [k2, pick(rnd, KEYS), 'missing'].slice(0, randInt(rnd, 1, 3));
      return ['BITOP', op, k, ...srcs];
    }
    case 22: case 23: {
      const args = [rnd() < 0.1 ? 'BITFIELD_RO' : 'BITFIELD', k];
      for (let n = randInt(rnd, 1, 4); n > 0; n--) {
        const type = pick(rnd, BITFIELD_TYPES);
        const off = rnd() < 0.3 ? `#${randInt(rnd, 0, 6)}` : String(randInt(rnd, 0, 90));
        switch (randInt(rnd, 0, 3)) {
          case 0: args.push('GET', type, off); break;
          case 1: args.push('SET', type, off, integer(rnd)); break;
          case 2: args.push('INCRBY', type, off, integer(rnd)); break;
          default: args.push('OVERFLOW', pick(rnd, ['WRAP', 'SAT', 'FAIL', 'fail']));
        }
      }
      return args;
    }
    case 24: return ['LCS', k, k2, ...pick(rnd, [[], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2'], ['LEN', 'IDX']])];
    case 25: return ['SADD', 'w', value(rnd)];
    case 26: return ['EXISTS', k];
    default: return ['PERSIST', k];
  }
}

const EVENT_KEYS = ['k', 'n', 'e', 'g', 'a', 'b', 'c', 'd', 'i', 'f', 'ap', 'sr', 'sb', 'bo', 'bf', 'bf2', 'missing', 'p', ...KEYS];
const EVENT_NAMES = ['set', 'new', 'expire', 'expired', 'del', 'persist', 'incrby', 'incrbyfloat', 'append', 'setrange',
  'setbit', 'keymiss', 'sadd'];

function randomScript(seed: number, steps: number): Script {
  const rnd = prng(seed);
  const list: Step[] = [];
  for (let i = 0; i < steps; i++) list.push({ cmd: command(rnd) });
  return { name: `random ops, seed ${seed}`, steps: list, pipeline: true };
}

describe('strings and bitmaps: randomized differential against redis-server', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  const base = Number(process.env.STRINGS_SEED ?? 1000);
  for (let seed = base; seed < base + 6; seed++) {
    it(`random ops, seed ${seed}`, async () => {
      expect(await runScript(randomScript(seed, 400), redis, redwire, { selectDb: 1 })).toBe('');
    });
  }

  it('INCRBYFLOAT chains on random increments', async () => {
    const rnd = prng(77);
    const steps: Step[] = [];
    for (let i = 0; i < 600; i++) {
      if (i % 40 === 0) steps.push({ cmd: ['SET', 'f', float(rnd)] });
      steps.push({ cmd: ['INCRBYFLOAT', 'f', float(rnd)] });
    }
    expect(await runScript({ name: 'INCRBYFLOAT chains', steps, pipeline: true }, redis, redwire, { selectDb: 2 })).toBe('');
  });

  it('keyspace events arrive in the same order with the same bytes', async () => {
    const rnd = prng(5);
    const commands: string[][] = [
      ['SET', 'k', 'v'], ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'v', 'KEEPTTL'], ['SETNX', 'n', '1'], ['SETEX', 'e', '10', 'x'],
      ['PSETEX', 'e', '10000', 'x'], ['GETSET', 'g', '1'], ['GETDEL', 'g'], ['GETEX', 'k', 'EX', '50'], ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'PXAT', '1'], ['MSET', 'a', '1', 'b', '2'], ['MSETNX', 'c', '1', 'd', '2'], ['INCR', 'i'], ['DECRBY', 'i', '5'],
      ['INCRBYFLOAT', 'f', '1.5'], ['APPEND', 'ap', 'x'], ['APPEND', 'ap', 'y'], ['SETRANGE', 'sr', '3', 'x'], ['SETRANGE', 'sr', '0', ''],
      ['SETBIT', 'sb', '9', '1'], ['SETBIT', 'sb', '9', '1'], ['SETBIT', 'sb', '9', '0'], ['BITOP', 'OR', 'bo', 'a', 'b'],
      ['BITOP', 'AND', 'bo', 'missing'], ['BITFIELD', 'bf', 'SET', 'u8', '0', '1'], ['BITFIELD', 'bf', 'SET', 'u8', '0', '1'],
      ['BITFIELD', 'bf2', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'], ['GET', 'missing'], ['SET', 'p', 'v', 'PXAT', '1'], ['GET', 'p'],
    ];
    for (let i = 0; i < 150; i++) commands.push(command(rnd));
    const streams: string[] = [];
    for (const target of [redis, redwire]) {
      const sub = await RawConnection.connect(target.port);
      const c = await RawConnection.connect(target.port);
      await c.command('SELECT', '3');
      await c.command('FLUSHDB');
      await c.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEA$gxnm');
      // Every keyspace and keyevent channel these commands can touch (no pattern needed).
      const channels = [...EVENT_KEYS.map((k) => `__keyspace@3__:${k}`), ...EVENT_NAMES.map((e) => `__keyevent@3__:${e}`)];
      sub.write(encodeCommand(['SUBSCRIBE', ...channels]));
      for (let i = 0; i < channels.length; i++) await sub.readReply(5000);
      c.write(Buffer.concat(commands.map((a) => encodeCommand(a))));
      for (let i = 0; i < commands.length; i++) await c.readReply(5000);
      await c.command('CONFIG', 'SET', 'notify-keyspace-events', '');
      sub.write(encodeCommand(['PING', 'end']));
      let stream = '';
      for (;;) {
        const r = await sub.readReply(5000);
        if (r === '*2\r\n$4\r\npong\r\n$3\r\nend\r\n') break;
        stream += r;
      }
      streams.push(stream);
      sub.close();
      c.close();
    }
    expect(streams[1].split('*4\r\n')).toEqual(streams[0].split('*4\r\n'));
    expect(streams[0].length).toBeGreaterThan(1000);
  });
});
