// Hash commands in memory: replies, errors, argument order, encodings,
// keyspace events and WATCH, as Redis 7.0 gives them.
import { describe, expect, it } from 'vitest';
import { MapReply } from '../../protocols/reply.js';
import { keyspaceListener as listen, memoryClient as setup } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

describe('HSET HMSET HSETNX HGET HMGET', () => {
  it('HSET counts created fields, HMSET replies OK, odd arity is an arity error', () => {
    const { c } = setup();
    expect(c.run('HSET', 'h', 'a', '1', 'b', '2')).toBe(2);
    expect(c.run('HSET', 'h', 'a', '3', 'c', '4')).toBe(1);
    expect(c.wire('HMSET', 'h', 'd', '5')).toBe('+OK\r\n');
    expect(c.wire('HSET', 'h', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'hset' command\r\n");
    expect(c.wire('HMSET', 'h', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'hmset' command\r\n");
    expect(c.wire('HSET', 'h', 'a')).toBe("-ERR wrong number of arguments for 'hset' command\r\n");
    expect(c.run('HGET', 'h', 'a')).toBe('3');
    expect(c.run('HGET', 'h', 'zz')).toBe(null);
    expect(c.run('HGET', 'nokey', 'a')).toBe(null);
    expect(c.run('HMGET', 'h', 'a', 'zz', 'd')).toEqual(['3', null, '5']);
    expect(c.run('HMGET', 'nokey', 'a', 'b')).toEqual([null, null]);
  });

  it('HSETNX sets only missing fields', () => {
    const { c } = setup();
    expect(c.run('HSETNX', 'h', 'a', '1')).toBe(1);
    expect(c.run('HSETNX', 'h', 'a', '2')).toBe(0);
    expect(c.run('HGET', 'h', 'a')).toBe('1');
  });

  it('answers WRONGTYPE on every command against a string', () => {
    const { c } = setup();
    c.run('SET', 's', 'x');
    const cmds: string[][] = [
      ['HSET', 's', 'a', '1'], ['HMSET', 's', 'a', '1'], ['HSETNX', 's', 'a', '1'], ['HGET', 's', 'a'], ['HMGET', 's', 'a'],
      ['HDEL', 's', 'a'], ['HLEN', 's'], ['HSTRLEN', 's', 'a'], ['HEXISTS', 's', 'a'], ['HKEYS', 's'], ['HVALS', 's'],
      ['HGETALL', 's'], ['HINCRBY', 's', 'a', '1'], ['HINCRBYFLOAT', 's', 'a', '1'], ['HRANDFIELD', 's'],
      ['HRANDFIELD', 's', '2'], ['HSCAN', 's', '0'],
    ];
    for (const cmd of cmds) expect(text(c.run(...cmd)), cmd.join(' ')).toBe(WRONGTYPE);
    expect(c.run('GET', 's')).toBe('x');
  });

  it('binary-safe fields and values', () => {
    const { c } = setup();
    const f = '\x00\xff\r\n';
    c.run('HSET', 'h', f, '\x80\x00');
    expect(c.run('HGET', 'h', f)).toBe('\x80\x00');
    expect(c.run('HSTRLEN', 'h', f)).toBe(2);
  });
});

describe('HDEL HLEN HSTRLEN HEXISTS HKEYS HVALS HGETALL', () => {
  it('deletes fields and the key with its last field', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    expect(c.run('HDEL', 'h', 'a', 'a', 'zz')).toBe(1);
    expect(c.run('HLEN', 'h')).toBe(2);
    expect(c.run('HDEL', 'h', 'b', 'c', 'b')).toBe(2);
    expect(c.run('EXISTS', 'h')).toBe(0);
    expect(c.run('HDEL', 'h', 'a')).toBe(0);
    expect(c.run('HLEN', 'h')).toBe(0);
  });

  it('HSTRLEN and HEXISTS', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a', 'hello', 'n', '-12');
    expect(c.run('HSTRLEN', 'h', 'a')).toBe(5);
    expect(c.run('HSTRLEN', 'h', 'n')).toBe(3);
    expect(c.run('HSTRLEN', 'h', 'zz')).toBe(0);
    expect(c.run('HSTRLEN', 'nokey', 'a')).toBe(0);
    expect(c.run('HEXISTS', 'h', 'a')).toBe(1);
    expect(c.run('HEXISTS', 'h', 'zz')).toBe(0);
    expect(c.run('HEXISTS', 'nokey', 'a')).toBe(0);
  });

  it('HKEYS HVALS HGETALL in insertion order; HGETALL is a map (RESP3 %)', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'b', '2', 'a', '1');
    expect(c.run('HKEYS', 'h')).toEqual(['b', 'a']);
    expect(c.run('HVALS', 'h')).toEqual(['2', '1']);
    expect((c.run('HGETALL', 'h') as MapReply).entries).toEqual(['b', '2', 'a', '1']);
    expect(c.wire('HGETALL', 'h')).toBe('*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(c.wire('HGETALL', 'nokey')).toBe('*0\r\n');
    expect(c.wire('HKEYS', 'nokey')).toBe('*0\r\n');
    c.resp = 3;
    expect(c.wire('HGETALL', 'h')).toBe('%2\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(c.wire('HGETALL', 'nokey')).toBe('%0\r\n');
    expect(c.wire('HVALS', 'nokey')).toBe('*0\r\n');
    expect(c.wire('HGET', 'h', 'zz')).toBe('_\r\n');
  });
});

describe('HINCRBY HINCRBYFLOAT', () => {
  it('HINCRBY creates, adds, and refuses non-integers and overflow', () => {
    const { c } = setup();
    expect(c.run('HINCRBY', 'h', 'n', '5')).toBe(5);
    expect(c.run('HINCRBY', 'h', 'n', '-10')).toBe(-5);
    expect(c.run('HINCRBY', 'h', 'big', '9223372036854775807')).toBe(9223372036854775807n);
    expect(c.wire('HINCRBY', 'h', 'big', '0')).toBe(':9223372036854775807\r\n');
    expect(text(c.run('HINCRBY', 'h', 'big', '1'))).toBe('ERR increment or decrement would overflow');
    c.run('HSET', 'h', 'neg', '-9223372036854775808');
    expect(text(c.run('HINCRBY', 'h', 'neg', '-1'))).toBe('ERR increment or decrement would overflow');
    expect(c.run('HINCRBY', 'h', 'neg', '9223372036854775807')).toBe(-1);
    for (const bad of [' 1', '1 ', '01', 'x', '1.5', '']) {
      c.run('HSET', 'h', 'bad', bad);
      expect(text(c.run('HINCRBY', 'h', 'bad', '1')), JSON.stringify(bad)).toBe('ERR hash value is not an integer');
    }
    expect(text(c.run('HINCRBY', 'h', 'n', 'x'))).toBe('ERR value is not an integer or out of range');
    // The increment is checked before the key's type.
    c.run('SET', 's', 'v');
    expect(text(c.run('HINCRBY', 's', 'n', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('HINCRBY', 's', 'n', '1'))).toBe(WRONGTYPE);
    expect(c.run('HGET', 'h', 'n')).toBe('-5');
  });

  it('HINCRBYFLOAT computes in long double and prints like %.17Lf trimmed', () => {
    const { c } = setup();
    expect(c.run('HINCRBYFLOAT', 'h', 'f', '10.5')).toBe('10.5');
    expect(c.run('HINCRBYFLOAT', 'h', 'f', '0.1')).toBe('10.6');
    c.run('HSET', 'h', 'x', '0.1');
    expect(c.run('HINCRBYFLOAT', 'h', 'x', '0.2')).toBe('0.3');
    expect(c.run('HINCRBYFLOAT', 'h', 'e', '5.0e3')).toBe('5000');
    expect(c.run('HINCRBYFLOAT', 'h', 'e', '-5000')).toBe('0');
    c.run('HSET', 'h', 'i', '17179869184');
    expect(c.run('HINCRBYFLOAT', 'h', 'i', '1.5')).toBe('17179869185.5');
    expect(c.run('HINCRBYFLOAT', 'h', 'z', '1.23456789012345678901')).toBe('1.23456789012345679');
    expect(c.run('HGET', 'h', 'f')).toBe('10.6');
  });

  it('HINCRBYFLOAT errors in Redis order', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'bad', ' 1', 'nul', '1\x002', 'big', '1.1e4932');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'bad', '1'))).toBe('ERR hash value is not a float');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'nul', '1'))).toBe('ERR hash value is not a float');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'f', 'abc'))).toBe('ERR value is not a valid float');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'f', 'nan'))).toBe('ERR value is not a valid float');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'f', 'inf'))).toBe('ERR value is NaN or Infinity');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'f', '-inf'))).toBe('ERR value is NaN or Infinity');
    expect(text(c.run('HINCRBYFLOAT', 'h', 'big', '1.1e4932'))).toBe('ERR increment would produce NaN or Infinity');
    c.run('SET', 's', 'v');
    expect(text(c.run('HINCRBYFLOAT', 's', 'f', 'abc'))).toBe('ERR value is not a valid float');
    expect(text(c.run('HINCRBYFLOAT', 's', 'f', '1'))).toBe(WRONGTYPE);
    expect(c.run('HEXISTS', 'h', 'f')).toBe(0);
  });
});

describe('HRANDFIELD', () => {
  it('without count: one field, nil for a missing key', () => {
    const { c } = setup();
    expect(c.run('HRANDFIELD', 'nokey')).toBe(null);
    c.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    for (let i = 0; i < 20; i++) expect(['a', 'b', 'c']).toContain(c.run('HRANDFIELD', 'h'));
  });

  it('positive count: distinct fields, whole hash when count >= size', () => {
    const { c } = setup();
    for (let i = 0; i < 30; i++) c.run('HSET', 'h', `f${i}`, `v${i}`);
    for (const n of [1, 5, 15, 29]) {
      const r = c.run('HRANDFIELD', 'h', String(n)) as string[];
      expect(r.length).toBe(n);
      expect(new Set(r).size).toBe(n);
    }
    expect((c.run('HRANDFIELD', 'h', '100') as string[]).length).toBe(30);
    const wv = c.run('HRANDFIELD', 'h', '4', 'WITHVALUES') as string[];
    expect(wv.length).toBe(8);
    for (let i = 0; i < 8; i += 2) expect(wv[i + 1]).toBe(`v${wv[i].slice(1)}`);
    expect(c.run('HRANDFIELD', 'h', '0')).toEqual([]);
    expect(c.run('HRANDFIELD', 'nokey', '5')).toEqual([]);
    expect(c.run('HRANDFIELD', 'nokey', '-5', 'withvalues')).toEqual([]);
  });

  it('negative count: exactly |count| picks, repeats allowed', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    const r = c.run('HRANDFIELD', 'h', '-50') as string[];
    expect(r.length).toBe(50);
    expect(new Set(r)).toEqual(new Set(['a', 'b']));
    const wv = c.run('HRANDFIELD', 'h', '-3', 'WITHVALUES') as string[];
    expect(wv.length).toBe(6);
  });

  it('RESP3 WITHVALUES nests pairs; RESP2 is flat', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a', '1');
    expect(c.wire('HRANDFIELD', 'h', '1', 'WITHVALUES')).toBe('*2\r\n$1\r\na\r\n$1\r\n1\r\n');
    c.resp = 3;
    expect(c.wire('HRANDFIELD', 'h', '1', 'WITHVALUES')).toBe('*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(c.wire('HRANDFIELD', 'h', '-2', 'WITHVALUES')).toBe('*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(c.wire('HRANDFIELD', 'nokey')).toBe('_\r\n');
  });

  it('argument errors come before the key lookup', () => {
    const { c } = setup();
    c.run('SET', 's', 'v');
    expect(text(c.run('HRANDFIELD', 's', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('HRANDFIELD', 's', '1', 'bogus'))).toBe('ERR syntax error');
    expect(text(c.run('HRANDFIELD', 's', '1', 'withvalues', 'x'))).toBe('ERR syntax error');
    expect(text(c.run('HRANDFIELD', 's', '-9223372036854770000', 'withvalues'))).toBe('ERR value is out of range');
    expect(text(c.run('HRANDFIELD', 's', '-9223372036854775808', 'withvalues'))).toBe(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    expect(text(c.run('HRANDFIELD', 's', '-9223372036854775808'))).toBe(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    expect(text(c.run('HRANDFIELD', 's', '1'))).toBe(WRONGTYPE);
  });
});

describe('HSCAN', () => {
  it('returns a listpack hash whole with cursor 0, filtering with MATCH', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a1', '1', 'b1', '2', 'a2', '3');
    expect(c.run('HSCAN', 'h', '0')).toEqual(['0', ['a1', '1', 'b1', '2', 'a2', '3']]);
    expect(c.run('HSCAN', 'h', '12345', 'COUNT', '1')).toEqual(['0', ['a1', '1', 'b1', '2', 'a2', '3']]);
    expect(c.run('HSCAN', 'h', '0', 'MATCH', 'a*')).toEqual(['0', ['a1', '1', 'a2', '3']]);
    expect(c.run('HSCAN', 'nokey', '0')).toEqual(['0', []]);
  });

  it('walks a hashtable hash in COUNT-sized pages', () => {
    const { c } = setup();
    for (let i = 0; i < 1000; i++) c.run('HSET', 'h', `f${i}`, `v${i}`);
    const seen = new Map<string, string>();
    let cursor = '0';
    let calls = 0;
    do {
      const [next, items] = c.run('HSCAN', 'h', cursor, 'COUNT', '100') as [string, string[]];
      expect(items.length).toBeLessThanOrEqual(200);
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
      cursor = next;
      calls++;
    } while (cursor !== '0');
    expect(seen.size).toBe(1000);
    expect(seen.get('f7')).toBe('v7');
    expect(calls).toBeGreaterThanOrEqual(10);
  });

  it('errors: cursor first, then the key, then options', () => {
    const { c } = setup();
    c.run('SET', 's', 'v');
    c.run('HSET', 'h', 'a', '1');
    expect(text(c.run('HSCAN', 's', 'x'))).toBe('ERR invalid cursor');
    expect(text(c.run('HSCAN', 's', '0', 'COUNT', 'x'))).toBe(WRONGTYPE);
    expect(c.run('HSCAN', 'nokey', '0', 'BOGUS')).toEqual(['0', []]);
    expect(text(c.run('HSCAN', 'h', '0', 'COUNT', '0'))).toBe('ERR syntax error');
    expect(text(c.run('HSCAN', 'h', '0', 'COUNT', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('HSCAN', 'h', '0', 'TYPE', 'string'))).toBe('ERR syntax error');
    expect(text(c.run('HSCAN', 'h', '0', 'MATCH'))).toBe('ERR syntax error');
    expect(text(c.run('HSCAN', 'h', ' 0'))).toBe('ERR invalid cursor');
  });
});

describe('encoding', () => {
  it('follows hash-max-listpack-entries / -value and stays hashtable', () => {
    const { c } = setup({ 'hash-max-listpack-entries': '4', 'hash-max-listpack-value': '8' });
    c.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('listpack');
    c.run('HSET', 'h', 'e', '5');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
    c.run('HDEL', 'h', 'a', 'b', 'c');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
    c.run('HSET', 'v', 'a', '123456789');
    expect(c.run('OBJECT', 'ENCODING', 'v')).toBe('hashtable');
    c.run('HINCRBYFLOAT', 'w', 'f', '1.25');
    expect(c.run('OBJECT', 'ENCODING', 'w')).toBe('listpack');
    c.run('HINCRBYFLOAT', 'w', 'f', '1000.5');
    expect(c.run('OBJECT', 'ENCODING', 'w')).toBe('listpack');
    c.run('HINCRBYFLOAT', 'w', 'f', '0.0001');
    expect(c.run('HGET', 'w', 'f')).toBe('1001.75009999999999999'); // as redis-server prints it
    expect(c.run('OBJECT', 'ENCODING', 'w')).toBe('hashtable');
  });

  it('reads the thresholds at each write (CONFIG SET takes effect)', () => {
    const { c } = setup();
    c.run('CONFIG', 'SET', 'hash-max-listpack-entries', '1');
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
  });

  it('COPY clones the hash', () => {
    const { c } = setup();
    c.run('HSET', 'h', 'a', '1');
    expect(c.run('COPY', 'h', 'h2')).toBe(1);
    c.run('HSET', 'h2', 'b', '2');
    expect(c.run('HLEN', 'h')).toBe(1);
    expect(c.run('HLEN', 'h2')).toBe(2);
  });
});

describe('keyspace events and WATCH', () => {
  it('fires new/hset/hdel/del/hincrby/hincrbyfloat only on change', () => {
    const { c, events } = listen();
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    c.run('HSET', 'h', 'a', '1');
    c.run('HMSET', 'h', 'c', '3');
    c.run('HSETNX', 'h', 'a', '9');
    c.run('HSETNX', 'h', 'z', '9');
    c.run('HDEL', 'h', 'nope');
    c.run('HDEL', 'h', 'a', 'nope');
    c.run('HINCRBY', 'h', 'n', '1');
    c.run('HINCRBYFLOAT', 'h', 'n', '1.5');
    c.run('HINCRBY', 'h', 'b', 'x');
    c.run('HDEL', 'h', 'b', 'c', 'z', 'n');
    c.run('HGET', 'h', 'a');
    expect(events()).toEqual(['new', 'hset', 'hset', 'hset', 'hset', 'hdel', 'hincrby', 'hincrbyfloat', 'hdel', 'del']);
  });

  it('HINCRBY on a new key fires new before hincrby', () => {
    const { c, events } = listen();
    c.run('HINCRBY', 'n', 'f', '1');
    expect(events()).toEqual(['new', 'hincrby']);
  });

  it('writes dirty a WATCHed key; no-op writes do not', () => {
    const { c, client } = setup();
    const other = client();
    c.run('HSET', 'h', 'a', '1');
    c.run('WATCH', 'h');
    other.run('HSETNX', 'h', 'a', '2');
    other.run('HDEL', 'h', 'zz');
    c.run('MULTI');
    c.run('HGET', 'h', 'a');
    expect(c.run('EXEC')).toEqual(['1']);
    c.run('WATCH', 'h');
    other.run('HINCRBY', 'h', 'a', '1');
    c.run('MULTI');
    c.run('HGET', 'h', 'a');
    expect(c.wire('EXEC')).toBe('*-1\r\n');
  });
});
