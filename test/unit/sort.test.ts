// SORT and SORT_RO in memory: orders, BY/GET patterns, LIMIT, STORE (events,
// TTL, deletion, blocked clients, WATCH), and every error in Redis's order.
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/core/pubsub.js';
import { NULL_ARRAY } from '../../protocols/reply.js';
import { memoryServer, type MemorySession } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';


function setup() {
  const s = memoryServer({ 'notify-keyspace-events': 'KEAn' });
  const sub = s.client();
  s.broker.pubsub.psubscribe(sub, '__keyevent@*');
  const events = () => sub.sent.filter((m): m is Message => m instanceof Message).map((m) => `${m.channel.slice(m.channel.indexOf(':') + 1)} ${m.data}`);
  return { ...s, c: s.client(), events };
}

const replies = (c: MemorySession) => c.sent.filter((m) => !(m instanceof Message));

describe('orders', () => {
  it('numeric by default, ties broken by the element bytes; DESC reverses', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', '3', '1', '2', '10', '-1', '1.0', '01', '0x10', ' 5');
    expect(c.run('SORT', 'l')).toEqual(['-1', '01', '1', '1.0', '2', '3', ' 5', '10', '0x10']);
    expect(c.run('SORT', 'l', 'DESC')).toEqual(['0x10', '10', ' 5', '3', '2', '1.0', '1', '01', '-1']);
  });

  it('ALPHA compares bytes; the C-string view stops at NUL unless storing', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'b', 'a\x00z', 'a\x00a', '\xff', 'A', '10', '9');
    expect(c.run('SORT', 'l', 'ALPHA')).toEqual(['10', '9', 'A', 'a\x00z', 'a\x00a', 'b', '\xff']);
    expect(c.run('SORT', 'l', 'ALPHA', 'STORE', 'd')).toBe(7);
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['10', '9', 'A', 'a\x00a', 'a\x00z', 'b', '\xff']);
  });

  it('refuses weights that are not doubles', () => {
    const { c } = setup();
    for (const bad of ['x', '1 ', 'nan', '1e400', '1e-310', '  ']) {
      c.run('DEL', 'l');
      c.run('RPUSH', 'l', '1', bad);
      expect(text(c.run('SORT', 'l')), bad).toBe("ERR One or more scores can't be converted into double");
    }
    c.run('DEL', 'l');
    c.run('RPUSH', 'l', '', '1\x00junk', 'inf', '-inf', '0x1p-1074');
    expect(c.run('SORT', 'l')).toEqual(['-inf', '', '0x1p-1074', '1\x00junk', 'inf']);
  });

  it('sets sort like lists; sorted sets keep their order with BY nosort and become skiplists', () => {
    const { c } = setup();
    c.run('SADD', 's', '3', '1', '2');
    expect(c.run('SORT', 's', 'DESC')).toEqual(['3', '2', '1']);
    expect(c.run('SORT', 's', 'BY', 'nosort')).toEqual(['1', '2', '3']);
    c.run('ZADD', 'z', '1', 'a', '5', 'b', '2', 'c');
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('listpack');
    expect(c.run('SORT', 'z', 'BY', 'nosort')).toEqual(['a', 'c', 'b']);
    expect(c.run('SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '5')).toEqual(['c', 'a']);
    expect(c.run('SORT', 'z', 'ALPHA', 'DESC')).toEqual(['c', 'b', 'a']);
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('skiplist');
  });

  it('BY nosort on a set with STORE sorts ALPHA so the stored list is deterministic', () => {
    const { c } = setup();
    c.run('SADD', 's', 'b', 'c', 'a');
    expect(c.run('SORT', 's', 'BY', 'nosort', 'STORE', 'd')).toBe(3);
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['a', 'b', 'c']);
  });
});

describe('LIMIT', () => {
  it('clamps offset and count like Redis', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', '5', '4', '3', '2', '1');
    expect(c.run('SORT', 'l', 'LIMIT', '1', '2')).toEqual(['2', '3']);
    expect(c.run('SORT', 'l', 'LIMIT', '-3', '2')).toEqual(['1', '2']);
    expect(c.run('SORT', 'l', 'LIMIT', '3', '-1')).toEqual(['4', '5']);
    expect(c.run('SORT', 'l', 'LIMIT', '5', '1')).toEqual([]);
    expect(c.run('SORT', 'l', 'LIMIT', '0', '0')).toEqual([]);
    expect(c.run('SORT', 'l', 'LIMIT', '9223372036854775807', '9223372036854775807')).toEqual([]);
    expect(c.run('SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2')).toEqual(['2', '3']);
    expect(text(c.run('SORT', 'l', 'LIMIT', 'x', '1'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('SORT', 'l', 'LIMIT', '1'))).toBe('ERR syntax error');
  });
});

describe('BY and GET patterns', () => {
  it('weights from keys and hash fields; missing weights count as 0 (numeric) or first (ALPHA)', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    c.run('MSET', 'w_a', '3', 'w_b', '1');
    expect(c.run('SORT', 'l', 'BY', 'w_*')).toEqual(['c', 'b', 'a']);
    expect(c.run('SORT', 'l', 'BY', 'w_*', 'ALPHA', 'DESC')).toEqual(['a', 'b', 'c']);
    c.run('HSET', 'h_a', 'f', '1');
    c.run('HSET', 'h_b', 'f', '2');
    c.run('HSET', 'h_c', 'f', '0');
    expect(c.run('SORT', 'l', 'BY', 'h_*->f')).toEqual(['c', 'a', 'b']);
    expect(c.run('SORT', 'l', 'BY', 'h_*->f', 'GET', '#', 'GET', 'w_*', 'GET', 'h_*->f')).toEqual(['c', null, '0', 'a', '3', '1', 'b', '1', '2']);
  });

  it('GET of a constant is nil, "->" at the end is part of the key name, a wrong type is nil', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a');
    c.run('SET', 'x:a->', '100');
    c.run('SET', 'const', 'v');
    c.run('RPUSH', 'w_a', 'list');
    expect(c.run('SORT', 'l', 'BY', 'nosort', 'GET', 'const', 'GET', 'x:*->', 'GET', 'w_*', 'GET', 'x:*->f')).toEqual([null, '100', null, null]);
  });

  it('STORE writes "" for missing GET values', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b');
    c.run('SET', 'v_b', 'B');
    expect(c.run('SORT', 'l', 'ALPHA', 'GET', 'v_*', 'STORE', 'd')).toBe(2);
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['', 'B']);
  });
});

describe('STORE', () => {
  it('stores a list (dropping the TTL), fires new + sortstore, deletes on an empty result', () => {
    const { c, events } = setup();
    c.run('RPUSH', 'l', '2', '1');
    expect(c.run('SORT', 'l', 'STORE', 'd')).toBe(2);
    c.run('EXPIRE', 'd', '100');
    expect(c.run('SORT', 'l', 'DESC', 'STORE', 'd')).toBe(2);
    expect(c.run('TTL', 'd')).toBe(-1);
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['2', '1']);
    expect(c.run('SORT', 'nokey', 'STORE', 'd')).toBe(0);
    expect(c.run('EXISTS', 'd')).toBe(0);
    expect(events()).toEqual(['new l', 'rpush l', 'new d', 'sortstore d', 'expire d', 'sortstore d', 'del d']);
  });

  it('wakes a client blocked on the destination', () => {
    const { c, client, broker } = setup();
    const waiter = client();
    waiter.runBatch([['BLPOP', 'd', '0']]);
    expect(broker.blocking.blockedCount).toBe(1);
    c.run('RPUSH', 'l', 'b', 'a');
    expect(c.run('SORT', 'l', 'ALPHA', 'STORE', 'd')).toBe(2);
    expect(replies(waiter)).toEqual([['d', 'a']]);
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['b']);
    expect(broker.blocking.blockedCount).toBe(0);
  });

  it('invalidates WATCH on the destination', () => {
    const { c, client } = setup();
    const w = client();
    c.run('RPUSH', 'l', '1');
    w.run('WATCH', 'd');
    c.run('SORT', 'l', 'STORE', 'd');
    w.run('MULTI');
    w.run('PING');
    expect(w.run('EXEC')).toBe(NULL_ARRAY);
  });
});

describe('errors', () => {
  it('syntax errors come before the type check; SORT_RO has no STORE', () => {
    const { c } = setup();
    c.run('SET', 's', 'x');
    expect(text(c.run('SORT', 's', 'FOO'))).toBe('ERR syntax error');
    expect(text(c.run('SORT', 's', 'BY'))).toBe('ERR syntax error');
    expect(text(c.run('SORT', 's'))).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    c.run('HSET', 'h', 'a', 'b');
    expect(text(c.run('SORT', 'h'))).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(text(c.run('SORT_RO', 'l', 'STORE', 'd'))).toBe('ERR syntax error');
    expect(c.run('SORT_RO', 'nokey')).toEqual([]);
    expect(text(c.run('SORT'))).toBe("ERR wrong number of arguments for 'sort' command");
  });

  it('COMMAND metadata: SORT writes, SORT_RO reads, keys found by scanning for STORE', () => {
    const { c } = setup();
    expect(c.run('COMMAND', 'GETKEYS', 'SORT', 'a', 'STORE', 'b')).toEqual(['a', 'b']);
    expect(c.run('COMMAND', 'GETKEYS', 'SORT_RO', 'a')).toEqual(['a']);
    expect(JSON.stringify(c.run('COMMAND', 'INFO', 'sort_ro'))).toContain('"readonly"');
    expect(JSON.stringify(c.run('COMMAND', 'INFO', 'sort'))).toContain('"movablekeys"');
  });
});

