// Sorted-set commands in memory: replies, errors, encodings, keyspace events, RESP3 shapes.
import { describe, expect, it } from 'vitest';
import { type MemorySession, memoryClient as setup } from '../helpers/memory.js';
import { DoubleReply, type Reply } from '../../protocols/reply.js';
import { events } from './set-helpers.js';
import { errText } from '../helpers/replies.js';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** A reply with DoubleReply scores turned into numbers, for toEqual. */
function plain(r: Reply | symbol): unknown {
  if (r instanceof DoubleReply) return r.value;
  if (Array.isArray(r)) return r.map(plain);
  return r;
}

function range(c: MemorySession, ...args: string[]): unknown {
  return plain(c.run('ZRANGE', ...args));
}

describe('ZADD / ZINCRBY', () => {
  it('adds, updates and counts with CH', () => {
    const { c } = setup();
    expect(c.run('ZADD', 'z', '1', 'a', '2', 'b')).toBe(2);
    expect(c.run('ZADD', 'z', '3', 'a', '2', 'b', '4', 'c')).toBe(1);
    expect(c.run('ZADD', 'z', 'CH', '5', 'a', '2', 'b', '6', 'd')).toBe(2);
    expect(range(c, 'z', '0', '-1', 'WITHSCORES')).toEqual(['b', 2, 'c', 4, 'a', 5, 'd', 6]);
  });

  it('implements NX XX GT LT and their combinations', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '10', 'a');
    expect(c.run('ZADD', 'z', 'NX', '1', 'a', '1', 'b')).toBe(1);
    expect(c.run('ZSCORE', 'z', 'a')).toEqual(new DoubleReply(10));
    expect(c.run('ZADD', 'z', 'XX', 'CH', '2', 'a', '2', 'c')).toBe(1);
    expect(c.run('EXISTS', 'c')).toBe(0);
    expect(c.run('ZADD', 'z', 'GT', 'CH', '1', 'a', '5', 'b')).toBe(1);
    expect(plain(c.run('ZMSCORE', 'z', 'a', 'b'))).toEqual([2, 5]);
    expect(c.run('ZADD', 'z', 'LT', 'CH', '3', 'a', '4', 'b', '0', 'n')).toBe(2);
    expect(plain(c.run('ZMSCORE', 'z', 'a', 'b', 'n'))).toEqual([2, 4, 0]);
    expect(errText(c.run('ZADD', 'z', 'NX', 'XX', '1', 'a'))).toBe('ERR XX and NX options at the same time are not compatible');
    for (const o of [['GT', 'LT'], ['GT', 'NX'], ['LT', 'NX']]) {
      expect(errText(c.run('ZADD', 'z', ...o, '1', 'a'))).toBe('ERR GT, LT, and/or NX options at the same time are not compatible');
    }
    expect(errText(c.run('ZADD', 'z', 'INCR', '1', 'a', '1', 'b'))).toBe('ERR INCR option supports a single increment-element pair');
    expect(errText(c.run('ZADD', 'z', '1', 'a', '2'))).toBe('ERR syntax error');
    expect(errText(c.run('ZADD', 'z', 'NX', 'CH'))).toBe('ERR syntax error');
  });

  it('INCR replies the new score, or nil when skipped', () => {
    const { c } = setup();
    expect(c.run('ZADD', 'z', 'INCR', '1.5', 'a')).toEqual(new DoubleReply(1.5));
    expect(c.run('ZINCRBY', 'z', '2', 'a')).toEqual(new DoubleReply(3.5));
    expect(c.run('ZADD', 'z', 'INCR', 'NX', '1', 'a')).toBe(null);
    expect(c.run('ZADD', 'z', 'INCR', 'GT', '-1', 'a')).toBe(null);
    expect(c.run('ZADD', 'no', 'XX', 'INCR', '1', 'a')).toBe(null);
    expect(c.run('ZADD', 'no', 'XX', '1', 'a')).toBe(0);
    expect(c.run('EXISTS', 'no')).toBe(0);
    expect(c.wire('ZINCRBY', 'z', '0.1', 'a')).toBe('$18\r\n3.6000000000000001\r\n');
    c.resp = 3;
    expect(c.wire('ZINCRBY', 'z', '0', 'a')).toBe(',3.6000000000000001\r\n');
  });

  it('parses scores exactly like Redis (strtod, whole string, no overflow, no NaN)', () => {
    const { c } = setup();
    const good: Array<[string, number]> = [['1e3', 1000], ['-inf', -Infinity], ['+inf', Infinity], ['Infinity', Infinity],
      ['0x10', 16], ['0x1p-2', 0.25], ['.5', 0.5], ['5.', 5], ['-0', 0], ['1e-310', 1e-310]];
    for (const [s, v] of good) {
      expect(c.run('ZADD', 'z', s, 'm'), s).not.toHaveProperty('text');
      expect((c.run('ZSCORE', 'z', 'm') as DoubleReply).value, s).toBe(v);
    }
    for (const s of ['', ' 1', '1 ', 'nan', 'abc', '1e400', '1e-400', '1,5', '0x', '1e']) {
      expect(errText(c.run('ZADD', 'z', s, 'm')), s).toBe('ERR value is not a valid float');
    }
  });

  it('refuses NaN results but keeps earlier additions', () => {
    const { c, broker } = setup();
    c.run('ZADD', 'z', 'inf', 'a');
    const ev = events(broker, c);
    expect(errText(c.run('ZINCRBY', 'z', '-inf', 'a'))).toBe('ERR resulting score is not a number (NaN)');
    expect(errText(c.run('ZADD', 'z', 'INCR', '-inf', 'a'))).toBe('ERR resulting score is not a number (NaN)');
    expect(ev).toEqual([]);
  });

  it('fires new, zadd and zincr only on change', () => {
    const { c, broker } = setup();
    const ev = events(broker, c);
    c.run('ZADD', 'z', '1', 'a');
    c.run('ZADD', 'z', '1', 'a');
    c.run('ZINCRBY', 'z', '0', 'a');
    c.run('ZINCRBY', 'z', '1', 'a');
    expect(ev).toEqual(['new z', 'zadd z', 'zincr z']);
  });

  it('answers WRONGTYPE everywhere', () => {
    const { c } = setup();
    c.run('SET', 'str', 'x');
    for (const argv of [['ZADD', 'str', '1', 'a'], ['ZINCRBY', 'str', '1', 'a'], ['ZREM', 'str', 'a'], ['ZCARD', 'str'],
      ['ZSCORE', 'str', 'a'], ['ZMSCORE', 'str', 'a'], ['ZRANK', 'str', 'a'], ['ZREVRANK', 'str', 'a'], ['ZRANGE', 'str', '0', '1'],
      ['ZRANGESTORE', 'd', 'str', '0', '1'], ['ZREVRANGE', 'str', '0', '1'], ['ZRANGEBYSCORE', 'str', '0', '1'],
      ['ZRANGEBYLEX', 'str', '-', '+'], ['ZCOUNT', 'str', '0', '1'], ['ZLEXCOUNT', 'str', '-', '+'],
      ['ZREMRANGEBYRANK', 'str', '0', '1'], ['ZREMRANGEBYSCORE', 'str', '0', '1'], ['ZREMRANGEBYLEX', 'str', '-', '+'],
      ['ZPOPMIN', 'str'], ['ZPOPMAX', 'str', '2'], ['ZMPOP', '1', 'str', 'MIN'], ['ZRANDMEMBER', 'str'],
      ['ZRANDMEMBER', 'str', '2'], ['ZUNION', '1', 'str'], ['ZINTER', '1', 'str'], ['ZDIFF', '1', 'str'],
      ['ZUNIONSTORE', 'd', '1', 'str'], ['ZINTERCARD', '1', 'str'], ['ZSCAN', 'str', '0'], ['BZPOPMIN', 'str', '0'],
      ['BZMPOP', '0', '1', 'str', 'MAX']]) {
      expect(errText(c.run(...argv)), argv.join(' ')).toBe(WRONGTYPE);
    }
  });
});

describe('encodings', () => {
  it('starts as listpack and converts by entries and value length, staying skiplist', () => {
    const { c } = setup({ 'zset-max-listpack-entries': '3', 'zset-max-listpack-value': '4' });
    c.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('listpack');
    c.run('ZADD', 'z', '4', 'd');
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('skiplist');
    c.run('ZREM', 'z', 'a', 'b', 'c');
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('skiplist');
    c.run('ZADD', 'y', '1', 'abcde');
    expect(c.run('OBJECT', 'ENCODING', 'y')).toBe('skiplist');
    c.run('ZADD', 'x', '1', 'abcd');
    c.run('ZADD', 'x', '1', 'abcde');
    expect(c.run('OBJECT', 'ENCODING', 'x')).toBe('skiplist');
  });

  it('store commands shrink small results back to listpack', () => {
    const { c } = setup({ 'zset-max-listpack-entries': '2' });
    c.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    c.run('ZUNIONSTORE', 'u', '1', 'z');
    expect(c.run('OBJECT', 'ENCODING', 'u')).toBe('skiplist');
    c.run('ZINTERSTORE', 'i', '1', 'z', 'WEIGHTS', '1');
    c.run('ZREMRANGEBYRANK', 'z', '0', '0');
    c.run('ZDIFFSTORE', 'd', '1', 'z');
    expect(c.run('OBJECT', 'ENCODING', 'd')).toBe('listpack');
    c.run('ZRANGESTORE', 'r', 'i', '0', '-1');
    expect(c.run('OBJECT', 'ENCODING', 'r')).toBe('skiplist');
    c.run('ZRANGESTORE', 'r', 'i', '-inf', '+inf', 'BYSCORE');
    expect(c.run('OBJECT', 'ENCODING', 'r')).toBe('skiplist');
  });

  it('a listpack stores -0 as 0, a skiplist keeps it', () => {
    const { c } = setup({ 'zset-max-listpack-value': '3' });
    c.run('ZADD', 'lp', '-0', 'a');
    expect(c.wire('ZSCORE', 'lp', 'a')).toBe('$1\r\n0\r\n');
    c.run('ZADD', 'sl', '-0', 'abcd');
    expect(c.wire('ZSCORE', 'sl', 'abcd')).toBe('$2\r\n-0\r\n');
    expect(c.wire('ZINCRBY', 'new', '-0', 'a')).toBe('$2\r\n-0\r\n');
    expect(c.wire('ZSCORE', 'new', 'a')).toBe('$1\r\n0\r\n');
  });

  it('COPY-style clone keeps encoding and contents', async () => {
    const { ZSetValue } = await import('../../src/core/types/zset.js');
    const z = new ZSetValue(true);
    const limits = { maxEntries: 128, maxValue: 64 };
    for (let i = 0; i < 50; i++) z.add(i % 7, `m${i}`, 0, limits);
    const copy = z.clone();
    expect(copy.encoding()).toBe('listpack');
    const order = (v: typeof z) => { const o: string[] = []; for (let n = v.zsl.first(); n; n = n.next[0]) o.push(`${n.member}:${n.score}`); return o; };
    expect(order(copy)).toEqual(order(z));
    copy.delete('m1');
    expect(z.score('m1')).toBe(1);
  });
});

describe('ZREM / ZCARD / ZSCORE / ZMSCORE / ZRANK / ZREVRANK', () => {
  it('removes members, deleting the emptied key with zrem then del', () => {
    const { c, broker } = setup();
    c.run('ZADD', 'z', '1', 'a', '2', 'b');
    const ev = events(broker, c);
    expect(c.run('ZREM', 'z', 'x')).toBe(0);
    expect(c.run('ZREM', 'z', 'a', 'x')).toBe(1);
    expect(c.run('ZREM', 'z', 'b', 'a')).toBe(1);
    expect(ev).toEqual(['zrem z', 'zrem z', 'del z']);
    expect(c.run('ZREM', 'z', 'a')).toBe(0);
  });

  it('ranks from both ends', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '1', 'a', '2', 'b', '2', 'c', '3', 'd');
    expect(['a', 'b', 'c', 'd'].map((m) => c.run('ZRANK', 'z', m))).toEqual([0, 1, 2, 3]);
    expect(['a', 'b', 'c', 'd'].map((m) => c.run('ZREVRANK', 'z', m))).toEqual([3, 2, 1, 0]);
    expect(c.run('ZRANK', 'z', 'x')).toBe(null);
    expect(c.run('ZRANK', 'no', 'x')).toBe(null);
    expect(c.run('ZCARD', 'z')).toBe(4);
    expect(c.run('ZCARD', 'no')).toBe(0);
    expect(plain(c.run('ZMSCORE', 'no', 'a'))).toEqual([null]);
    c.resp = 3;
    expect(c.wire('ZMSCORE', 'z', 'a', 'x')).toBe('*2\r\n,1\r\n_\r\n');
    expect(c.wire('ZSCORE', 'z', 'x')).toBe('_\r\n');
  });

  it('orders equal scores by member bytes (latin1, unsigned)', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '0', '\xff', '0', 'a', '0', 'A', '0', '', '0', 'ab', '0', '\x00');
    expect(c.run('ZRANGE', 'z', '0', '-1')).toEqual(['', '\x00', 'A', 'a', 'ab', '\xff']);
  });
});

describe('ZRANDMEMBER', () => {
  it('returns distinct members, repeated members and scores', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f', '7', 'g');
    for (const n of [1, 2, 3, 6, 7, 10]) {
      const r = c.run('ZRANDMEMBER', 'z', String(n)) as string[];
      expect(r.length).toBe(Math.min(n, 7));
      expect(new Set(r).size).toBe(r.length);
    }
    expect((c.run('ZRANDMEMBER', 'z', '-20') as string[]).length).toBe(20);
    const ws = plain(c.run('ZRANDMEMBER', 'z', '-3', 'WITHSCORES')) as Array<string | number>;
    expect(ws.length).toBe(6);
    for (let i = 0; i < 6; i += 2) expect(ws[i + 1]).toBe((ws[i] as string).charCodeAt(0) - 96);
    c.resp = 3;
    const nested = plain(c.run('ZRANDMEMBER', 'z', '2', 'WITHSCORES')) as Array<[string, number]>;
    expect(nested.length).toBe(2);
    for (const [m, s] of nested) expect(s).toBe(m.charCodeAt(0) - 96);
    expect(c.run('ZRANDMEMBER', 'z', '100')).toEqual(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('validates counts', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '1', 'a');
    expect(errText(c.run('ZRANDMEMBER', 'z', '-9223372036854775808'))).toContain('value is out of range');
    expect(errText(c.run('ZRANDMEMBER', 'z', '-9223372036854770000', 'WITHSCORES'))).toBe('ERR value is out of range');
    expect(errText(c.run('ZRANDMEMBER', 'z', '1', 'x'))).toBe('ERR syntax error');
    expect(c.run('ZRANDMEMBER', 'no')).toBe(null);
    expect(c.run('ZRANDMEMBER', 'no', '3')).toEqual([]);
  });
});

describe('ZSCAN', () => {
  it('returns a listpack whole with its stored score text', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '1.5', 'a', '1e20', 'b', '4611686018427387904', 'c');
    expect(c.run('ZSCAN', 'z', '0')).toEqual(['0', ['a', '1.5', 'c', '4611686018427387904', 'b', '1e+20']]);
  });

  it('iterates a skiplist completely with %.17g scores', () => {
    const { c } = setup({ 'zset-max-listpack-entries': '0' });
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(String(i / 10), `m${i}`);
    c.run('ZADD', 'z', ...args);
    const seen = new Map<string, string>();
    let cursor = '0';
    do {
      const [next, items] = c.run('ZSCAN', 'z', cursor, 'COUNT', '10') as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
      cursor = next;
      c.run('ZREM', 'z', 'm299');
    } while (cursor !== '0');
    expect(seen.size).toBeGreaterThanOrEqual(299);
    expect(seen.get('m1')).toBe('0.10000000000000001');
    expect(c.run('ZSCAN', 'z', '0', 'MATCH', 'm10', 'COUNT', '1000')).toEqual(['0', ['m10', '1']]);
  });
});
