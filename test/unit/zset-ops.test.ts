// Sorted-set ranges, range deletions, algebra and pops (blocking included), in memory.
import { describe, expect, it } from 'vitest';
import { BLOCKED, type MemorySession, memoryClient as setup } from '../helpers/memory.js';
import { DoubleReply, NULL_ARRAY, type Reply } from '../../protocols/reply.js';
import { events } from './set-helpers.js';
import { errText } from '../helpers/replies.js';
import { sleep } from '../helpers/wait.js';

function plain(r: Reply | symbol | undefined): unknown {
  if (r instanceof DoubleReply) return r.value;
  if (Array.isArray(r)) return r.map(plain);
  return r;
}

function fill(c: MemorySession): void {
  c.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e');
}

describe('ZRANGE and the legacy range commands', () => {
  it('ranges by rank with negative indexes and REV', () => {
    const { c } = setup();
    fill(c);
    expect(c.run('ZRANGE', 'z', '1', '-2')).toEqual(['b', 'c', 'd']);
    expect(c.run('ZRANGE', 'z', '-100', '100')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(c.run('ZRANGE', 'z', '3', '1')).toEqual([]);
    expect(c.run('ZRANGE', 'z', '0', '1', 'REV')).toEqual(['e', 'd']);
    expect(c.run('ZREVRANGE', 'z', '-2', '-1')).toEqual(['b', 'a']);
    expect(plain(c.run('ZRANGE', 'z', '0', '0', 'WITHSCORES'))).toEqual(['a', 1]);
  });

  it('ranges by score with exclusive bounds, infinities, REV and LIMIT', () => {
    const { c } = setup();
    fill(c);
    expect(c.run('ZRANGE', 'z', '(1', '3', 'BYSCORE')).toEqual(['b', 'c']);
    expect(c.run('ZRANGE', 'z', '(1', '(3', 'BYSCORE')).toEqual(['b']);
    expect(c.run('ZRANGE', 'z', '+inf', '(3', 'BYSCORE', 'REV')).toEqual(['e', 'd']);
    expect(c.run('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '2')).toEqual(['b', 'c']);
    expect(c.run('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '-1')).toEqual(['b', 'c', 'd', 'e']);
    expect(c.run('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '-1', '2')).toEqual([]);
    expect(c.run('ZREVRANGEBYSCORE', 'z', '4', '2', 'LIMIT', '1', '5')).toEqual(['c', 'b']);
    expect(c.run('ZRANGEBYSCORE', 'z', '3', '2')).toEqual([]);
    expect(c.run('ZRANGEBYSCORE', 'z', '', '(')).toEqual([]);
    expect(c.run('ZRANGEBYSCORE', 'z', ' 2', '2')).toEqual(['b']);
    expect(errText(c.run('ZRANGEBYSCORE', 'z', '2 ', '3'))).toBe('ERR min or max is not a float');
    expect(errText(c.run('ZRANGEBYSCORE', 'z', 'nan', '3'))).toBe('ERR min or max is not a float');
  });

  it('ranges by lex', () => {
    const { c } = setup();
    c.run('ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd');
    expect(c.run('ZRANGE', 'l', '[b', '(d', 'BYLEX')).toEqual(['b', 'c']);
    expect(c.run('ZRANGE', 'l', '+', '(b', 'BYLEX', 'REV')).toEqual(['d', 'c']);
    expect(c.run('ZRANGEBYLEX', 'l', '-', '+', 'LIMIT', '1', '2')).toEqual(['b', 'c']);
    expect(c.run('ZREVRANGEBYLEX', 'l', '[c', '-')).toEqual(['c', 'b', 'a']);
    expect(c.run('ZRANGEBYLEX', 'l', '+', '-')).toEqual([]);
    expect(c.run('ZRANGEBYLEX', 'l', '[b', '(b')).toEqual([]);
    expect(errText(c.run('ZRANGEBYLEX', 'l', 'b', '+'))).toBe('ERR min or max not valid string range item');
    expect(errText(c.run('ZRANGEBYLEX', 'l', '-x', '+'))).toBe('ERR min or max not valid string range item');
  });

  it('validates options in Redis order', () => {
    const { c } = setup();
    fill(c);
    expect(errText(c.run('ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1')))
      .toBe('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
    expect(c.run('ZRANGE', 'z', '0', '0', 'LIMIT', '0', '-1')).toEqual(['a']);
    expect(errText(c.run('ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES')))
      .toBe('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
    expect(errText(c.run('ZRANGE', 'z', '0', '1', 'BYSCORE', 'BYLEX'))).toBe('ERR syntax error');
    expect(errText(c.run('ZREVRANGE', 'z', '0', '1', 'REV'))).toBe('ERR syntax error');
    expect(errText(c.run('ZRANGEBYSCORE', 'z', '0', '1', 'BYSCORE'))).toBe('ERR syntax error');
    expect(errText(c.run('ZRANGESTORE', 'd', 'z', '0', '1', 'WITHSCORES'))).toBe('ERR syntax error');
    expect(errText(c.run('ZRANGE', 'z', 'a', '1'))).toBe('ERR value is not an integer or out of range');
    expect(errText(c.run('ZRANGE', 'z', '0', '1', 'LIMIT', 'x', '1'))).toBe('ERR value is not an integer or out of range');
    expect(errText(c.run('ZRANGE', 'z', '0', '1', 'LIMIT', '1'))).toBe('ERR syntax error');
  });

  it('uses nested pairs for WITHSCORES in RESP3', () => {
    const { c } = setup();
    c.run('ZADD', 'z', '1.5', 'a', '2', 'b');
    expect(c.wire('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe('*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n');
    c.resp = 3;
    expect(c.wire('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe('*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n');
    expect(c.wire('ZRANGEBYSCORE', 'z', '-inf', 'inf', 'WITHSCORES')).toBe('*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n');
    expect(c.wire('ZRANGE', 'no', '0', '-1')).toBe('*0\r\n');
  });

  it('ZRANGESTORE stores, fires events, and deletes the destination on an empty range', () => {
    const { c, broker } = setup();
    fill(c);
    c.run('SET', 'd', 'x');
    const ev = events(broker, c);
    expect(c.run('ZRANGESTORE', 'd', 'z', '1', '2')).toBe(2);
    expect(plain(c.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES'))).toEqual(['b', 2, 'c', 3]);
    expect(c.run('ZRANGESTORE', 'd', 'z', '10', '20')).toBe(0);
    expect(c.run('ZRANGESTORE', 'e', 'z', '[a', '[b', 'BYLEX')).toBe(2);
    expect(c.run('ZRANGESTORE', 'e', 'nokey', '0', '-1')).toBe(0);
    expect(ev).toEqual(['zrangestore d', 'del d', 'new e', 'zrangestore e', 'del e']);
  });
});

describe('ZCOUNT / ZLEXCOUNT / ZREMRANGEBY*', () => {
  it('counts ranges', () => {
    const { c } = setup();
    fill(c);
    expect(c.run('ZCOUNT', 'z', '(1', '4')).toBe(3);
    expect(c.run('ZCOUNT', 'z', '-inf', '+inf')).toBe(5);
    expect(c.run('ZCOUNT', 'z', '6', '7')).toBe(0);
    expect(c.run('ZLEXCOUNT', 'z', '[b', '[d')).toBe(3);
    expect(c.run('ZCOUNT', 'no', '0', '1')).toBe(0);
    expect(errText(c.run('ZCOUNT', 'no', 'x', '1'))).toBe('ERR min or max is not a float');
  });

  it('removes by rank, score and lex with events', () => {
    const { c, broker } = setup();
    fill(c);
    const ev = events(broker, c);
    expect(c.run('ZREMRANGEBYRANK', 'z', '-1', '-1')).toBe(1);
    expect(c.run('ZREMRANGEBYSCORE', 'z', '(1', '2')).toBe(1);
    expect(c.run('ZREMRANGEBYSCORE', 'z', '10', '20')).toBe(0);
    expect(c.run('ZREMRANGEBYLEX', 'z', '[c', '+')).toBe(2);
    expect(c.run('ZRANGE', 'z', '0', '-1')).toEqual(['a']);
    expect(c.run('ZREMRANGEBYRANK', 'z', '0', '-1')).toBe(1);
    expect(c.run('EXISTS', 'z')).toBe(0);
    expect(ev).toEqual(['zremrangebyrank z', 'zremrangebyscore z', 'zremrangebylex z', 'zremrangebyrank z', 'del z']);
  });

  it('keeps ranks consistent after many range deletions', () => {
    const { c } = setup({ 'zset-max-listpack-entries': '0' });
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(String(i), `m${String(i).padStart(4, '0')}`);
    c.run('ZADD', 'z', ...args);
    c.run('ZREMRANGEBYSCORE', 'z', '100', '199');
    c.run('ZREMRANGEBYRANK', 'z', '0', '9');
    c.run('ZREMRANGEBYLEX', 'z', '[m0900', '+');
    expect(c.run('ZCARD', 'z')).toBe(790);
    expect(c.run('ZRANK', 'z', 'm0010')).toBe(0);
    expect(c.run('ZRANK', 'z', 'm0200')).toBe(90);
    expect(c.run('ZRANGE', 'z', '-1', '-1')).toEqual(['m0899']);
    expect(c.run('ZCOUNT', 'z', '-inf', '+inf')).toBe(790);
  });
});

describe('ZUNION / ZINTER / ZDIFF / ZINTERCARD and STORE forms', () => {
  function inputs(c: MemorySession) {
    c.run('ZADD', 'a', '1', 'x', '2', 'y', '3', 'z');
    c.run('ZADD', 'b', '10', 'y', '20', 'z', '30', 'w');
    c.run('SADD', 's', 'z', 'w', 'v');
  }

  it('combines with weights and aggregates, sets scoring 1', () => {
    const { c } = setup();
    inputs(c);
    expect(plain(c.run('ZUNION', '2', 'a', 'b', 'WITHSCORES'))).toEqual(['x', 1, 'y', 12, 'z', 23, 'w', 30]);
    expect(plain(c.run('ZINTER', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'WITHSCORES'))).toEqual(['y', 9, 'z', 16]);
    expect(plain(c.run('ZINTER', '3', 'a', 'b', 's', 'AGGREGATE', 'MIN', 'WITHSCORES'))).toEqual(['z', 1]);
    expect(plain(c.run('ZUNION', '2', 'a', 's', 'AGGREGATE', 'MAX', 'WITHSCORES'))).toEqual(['v', 1, 'w', 1, 'x', 1, 'y', 2, 'z', 3]);
    expect(plain(c.run('ZDIFF', '2', 'b', 's', 'WITHSCORES'))).toEqual(['y', 10]);
    expect(c.run('ZDIFF', '2', 'a', 'a')).toEqual([]);
    expect(c.run('ZINTERCARD', '3', 'a', 'b', 's')).toBe(1);
    expect(c.run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1')).toBe(1);
  });

  it('turns inf - inf into 0 and weight*score NaN into 0', () => {
    const { c } = setup();
    c.run('ZADD', 'p', 'inf', 'm');
    c.run('ZADD', 'n', '-inf', 'm');
    expect(plain(c.run('ZUNION', '2', 'p', 'n', 'WITHSCORES'))).toEqual(['m', 0]);
    expect(plain(c.run('ZINTER', '2', 'p', 'n', 'WITHSCORES'))).toEqual(['m', 0]);
    expect(plain(c.run('ZUNION', '1', 'p', 'WEIGHTS', '0', 'WITHSCORES'))).toEqual(['m', 0]);
  });

  it('validates arguments in Redis order', () => {
    const { c } = setup();
    inputs(c);
    c.run('SET', 'str', 'v');
    expect(errText(c.run('ZUNION', '0', 'a'))).toBe("ERR at least 1 input key is needed for 'zunion' command");
    expect(errText(c.run('ZINTERSTORE', 'd', '0', 'a'))).toBe("ERR at least 1 input key is needed for 'zinterstore' command");
    expect(errText(c.run('ZUNION', 'x', 'a'))).toBe('ERR value is not an integer or out of range');
    expect(errText(c.run('ZUNION', '3', 'a', 'b'))).toBe('ERR syntax error');
    expect(errText(c.run('ZUNION', '2', 'a', 'str', 'WEIGHTS', 'x'))).toContain('WRONGTYPE');
    expect(errText(c.run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'x'))).toBe('ERR weight value is not a float');
    expect(errText(c.run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '1'))).toBe('ERR syntax error');
    expect(errText(c.run('ZUNION', '2', 'a', 'b', 'AGGREGATE', 'AVG'))).toBe('ERR syntax error');
    expect(errText(c.run('ZDIFF', '2', 'a', 'b', 'WEIGHTS', '1', '1'))).toBe('ERR syntax error');
    expect(errText(c.run('ZUNIONSTORE', 'd', '2', 'a', 'b', 'WITHSCORES'))).toBe('ERR syntax error');
    expect(errText(c.run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '-1'))).toBe("ERR LIMIT can't be negative");
    expect(errText(c.run('ZINTERCARD', '2', 'a', 'b', 'WITHSCORES'))).toBe('ERR syntax error');
  });

  it('stores results (dropping TTLs) and deletes the destination for empty results', () => {
    const { c, broker } = setup();
    inputs(c);
    c.run('ZADD', 'd', '1', 'old');
    c.run('EXPIRE', 'd', '100');
    const ev = events(broker, c);
    expect(c.run('ZUNIONSTORE', 'd', '2', 'a', 'b')).toBe(4);
    expect(c.run('TTL', 'd')).toBe(-1);
    expect(c.run('ZINTERSTORE', 'i', '2', 'a', 'b')).toBe(2);
    expect(c.run('ZDIFFSTORE', 'd', '2', 'a', 'a')).toBe(0);
    expect(c.run('EXISTS', 'd')).toBe(0);
    expect(ev).toEqual(['zunionstore d', 'new i', 'zinterstore i', 'del d']);
  });
});

describe('ZPOPMIN / ZPOPMAX / ZMPOP', () => {
  it('pops from either end with counts', () => {
    const { c, broker } = setup();
    fill(c);
    const ev = events(broker, c);
    expect(plain(c.run('ZPOPMIN', 'z'))).toEqual(['a', 1]);
    expect(plain(c.run('ZPOPMAX', 'z', '2'))).toEqual(['e', 5, 'd', 4]);
    expect(c.run('ZPOPMIN', 'z', '0')).toEqual([]);
    expect(plain(c.run('ZPOPMIN', 'z', '10'))).toEqual(['b', 2, 'c', 3]);
    expect(c.run('ZPOPMIN', 'z')).toEqual([]);
    expect(ev).toEqual(['zpopmin z', 'zpopmax z', 'zpopmin z', 'del z']);
    expect(errText(c.run('ZPOPMIN', 'z', '-1'))).toBe('ERR value is out of range, must be positive');
  });

  it('shapes replies per protocol', () => {
    const { c } = setup();
    fill(c);
    c.resp = 3;
    expect(c.wire('ZPOPMIN', 'z')).toBe('*2\r\n$1\r\na\r\n,1\r\n');
    expect(c.wire('ZPOPMIN', 'z', '1')).toBe('*1\r\n*2\r\n$1\r\nb\r\n,2\r\n');
    expect(c.wire('ZMPOP', '2', 'no', 'z', 'MAX', 'COUNT', '2')).toBe('*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\ne\r\n,5\r\n*2\r\n$1\r\nd\r\n,4\r\n');
    expect(c.wire('ZMPOP', '1', 'no', 'MIN')).toBe('_\r\n');
    c.resp = 2;
    expect(c.wire('ZMPOP', '1', 'z', 'MIN')).toBe('*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n');
    expect(c.wire('ZMPOP', '1', 'no', 'MIN')).toBe('*-1\r\n');
  });

  it('validates ZMPOP arguments', () => {
    const { c } = setup();
    for (const [args, e] of [
      [['0', 'z', 'MIN'], 'ERR numkeys should be greater than 0'],
      [['x', 'z', 'MIN'], 'ERR numkeys should be greater than 0'],
      [['2', 'z', 'MIN'], 'ERR syntax error'],
      [['1', 'z', 'MID'], 'ERR syntax error'],
      [['1', 'z', 'MIN', 'COUNT', '0'], 'ERR count should be greater than 0'],
      [['1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '1'], 'ERR syntax error'],
      [['1', 'z', 'MIN', 'COUNT'], 'ERR syntax error'],
    ] as Array<[string[], string]>) {
      expect(errText(c.run('ZMPOP', ...args)), args.join(' ')).toBe(e);
    }
  });
});

describe('BZPOPMIN / BZPOPMAX / BZMPOP', () => {
  it('pops immediately when data is there', () => {
    const { c } = setup();
    fill(c);
    expect(plain(c.run('BZPOPMIN', 'no', 'z', '0'))).toEqual(['z', 'a', 1]);
    expect(plain(c.run('BZPOPMAX', 'z', '0'))).toEqual(['z', 'e', 5]);
    expect(plain(c.run('BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '2'))).toEqual(['z', [['b', 2], ['c', 3]]]);
  });

  it('blocks until another client adds, serving clients in FIFO order', () => {
    const { client, broker } = setup();
    const a = client();
    const b = client();
    const w = client();
    const ev = events(broker, w);
    expect(a.run('BZPOPMIN', 'k1', 'k2', '0')).toBe(BLOCKED);
    expect(b.run('BZMPOP', '0', '1', 'k2', 'MAX', 'COUNT', '5')).toBe(BLOCKED);
    w.run('ZADD', 'k2', '1', 'x', '2', 'y', '3', 'z');
    expect(plain(a.sent.at(-1) as Reply)).toEqual(['k2', 'x', 1]);
    expect(plain(b.sent.at(-1) as Reply)).toEqual(['k2', [['z', 3], ['y', 2]]]);
    expect(w.run('EXISTS', 'k2')).toBe(0);
    expect(ev).toEqual(['new k2', 'zadd k2', 'zpopmin k2', 'zpopmax k2', 'del k2']);
  });

  it('keeps waiting while the key holds another type', () => {
    const { client } = setup();
    const a = client();
    const w = client();
    expect(a.run('BZPOPMAX', 'k', '0')).toBe(BLOCKED);
    w.run('SADD', 'k', 'm');
    expect(a.sent.length).toBe(0);
    w.run('DEL', 'k');
    w.run('ZADD', 'k', '7', 'm');
    expect(plain(a.sent.at(-1) as Reply)).toEqual(['k', 'm', 7]);
  });

  it('times out with a null array', async () => {
    const { client } = setup();
    const a = client();
    a.resp = 3;
    expect(a.run('BZPOPMIN', 'k', '0.05')).toBe(BLOCKED);
    await sleep(150);
    expect(a.sent.at(-1)).toBe(NULL_ARRAY);
  });

  it('never blocks inside MULTI and validates the timeout', () => {
    const { c } = setup();
    c.run('MULTI');
    c.run('BZPOPMIN', 'k', '0');
    c.run('BZMPOP', '0', '1', 'k', 'MIN');
    expect(c.run('EXEC')).toEqual([NULL_ARRAY, NULL_ARRAY]);
    expect(errText(c.run('BZPOPMIN', 'k', '-1'))).toBe('ERR timeout is negative');
    expect(errText(c.run('BZPOPMIN', 'k', 'x'))).toBe('ERR timeout is not a float or out of range');
    expect(errText(c.run('BZPOPMIN', 'k', 'inf'))).toBe('ERR timeout is negative');
    expect(errText(c.run('BZMPOP', 'x', '0', 'k', 'MIN'))).toBe('ERR numkeys should be greater than 0');
    expect(errText(c.run('BZMPOP', 'x', '1', 'k', 'MIN'))).toBe('ERR timeout is not a float or out of range');
  });
});
