// Set commands in memory: replies, errors, encodings, keyspace events, RESP3 shapes.
import { describe, expect, it } from 'vitest';
import { type MemorySession, memoryClient as setup } from '../helpers/memory.js';
import { SetReply, type Reply } from '../../protocols/reply.js';
import { events } from './set-helpers.js';
import { errText } from '../helpers/replies.js';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** The members of a set reply, sorted (hashtable order is arbitrary). */
function sorted(r: Reply | symbol): string[] {
  const items = r instanceof SetReply ? r.items : (r as string[]);
  return [...(items as string[])].sort();
}

describe('SADD / SREM / SCARD / SISMEMBER / SMISMEMBER / SMEMBERS', () => {
  it('adds, counts and removes members', () => {
    const { c } = setup();
    expect(c.run('SADD', 's', 'a', 'b', 'a')).toBe(2);
    expect(c.run('SADD', 's', 'b', 'c')).toBe(1);
    expect(c.run('SCARD', 's')).toBe(3);
    expect(c.run('SISMEMBER', 's', 'a')).toBe(1);
    expect(c.run('SISMEMBER', 's', 'z')).toBe(0);
    expect(c.run('SMISMEMBER', 's', 'a', 'z', 'c')).toEqual([1, 0, 1]);
    expect(sorted(c.run('SMEMBERS', 's'))).toEqual(['a', 'b', 'c']);
    expect(c.run('SREM', 's', 'a', 'z')).toBe(1);
    expect(c.run('SREM', 's', 'b', 'c')).toBe(2);
    expect(c.run('EXISTS', 's')).toBe(0);
  });

  it('treats missing keys as empty sets', () => {
    const { c } = setup();
    expect(c.run('SCARD', 'no')).toBe(0);
    expect(c.run('SISMEMBER', 'no', 'a')).toBe(0);
    expect(c.run('SMISMEMBER', 'no', 'a', 'b')).toEqual([0, 0]);
    expect(c.run('SREM', 'no', 'a')).toBe(0);
    expect(c.wire('SMEMBERS', 'no')).toBe('*0\r\n');
  });

  it('answers WRONGTYPE on every command for a string key', () => {
    const { c } = setup();
    c.run('SET', 'str', 'x');
    for (const argv of [['SADD', 'str', 'a'], ['SREM', 'str', 'a'], ['SCARD', 'str'], ['SISMEMBER', 'str', 'a'],
      ['SMISMEMBER', 'str', 'a'], ['SMEMBERS', 'str'], ['SPOP', 'str'], ['SPOP', 'str', '2'], ['SRANDMEMBER', 'str'],
      ['SRANDMEMBER', 'str', '2'], ['SINTER', 'str'], ['SUNION', 'str'], ['SDIFF', 'str'], ['SINTERCARD', '1', 'str'],
      ['SINTERSTORE', 'd', 'str'], ['SUNIONSTORE', 'd', 'str'], ['SDIFFSTORE', 'd', 'str'], ['SSCAN', 'str', '0'],
      ['SMOVE', 'str', 'd', 'a']]) {
      expect(errText(c.run(...argv)), argv.join(' ')).toBe(WRONGTYPE);
    }
  });

  it('keeps intset order (numeric) and switches to hashtable as Redis 7.0 does', () => {
    const { c } = setup();
    c.run('SADD', 's', '10', '-3', '2', '9223372036854775807', '-9223372036854775808');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('intset');
    expect((c.run('SMEMBERS', 's') as SetReply).items).toEqual(['-9223372036854775808', '-3', '2', '10', '9223372036854775807']);
    c.run('SADD', 's', '9223372036854775808');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('hashtable');
    c.run('SREM', 's', '9223372036854775808');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('hashtable');
    for (const m of ['01', '-0', '+1', ' 1', '1.0']) {
      c.run('DEL', 't');
      c.run('SADD', 't', m);
      expect(c.run('OBJECT', 'ENCODING', 't'), m).toBe('hashtable');
    }
  });

  it('honours set-max-intset-entries', () => {
    const { c } = setup();
    c.run('CONFIG', 'SET', 'set-max-intset-entries', '3');
    c.run('SADD', 's', '1', '2', '3');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('intset');
    c.run('SADD', 's', '4');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('hashtable');
  });

  it('fires sadd/srem/del events only on change', () => {
    const { c, broker } = setup();
    const ev = events(broker, c);
    c.run('SADD', 's', 'a', 'b');
    c.run('SADD', 's', 'a');
    c.run('SREM', 's', 'z');
    c.run('SREM', 's', 'a');
    c.run('SREM', 's', 'b');
    expect(ev).toEqual(['new s', 'sadd s', 'srem s', 'srem s', 'del s']);
  });

  it('replies sets in RESP3 and arrays in RESP2', () => {
    const { c } = setup();
    c.run('SADD', 's', '1', '2');
    expect(c.wire('SMEMBERS', 's')).toBe('*2\r\n$1\r\n1\r\n$1\r\n2\r\n');
    c.resp = 3;
    expect(c.wire('SMEMBERS', 's')).toBe('~2\r\n$1\r\n1\r\n$1\r\n2\r\n');
    expect(c.wire('SMEMBERS', 'no')).toBe('~0\r\n');
    expect(c.wire('SMISMEMBER', 's', '1', '3')).toBe('*2\r\n:1\r\n:0\r\n');
    expect(c.wire('SUNION', 's')).toBe('~2\r\n$1\r\n1\r\n$1\r\n2\r\n');
    expect(c.wire('SRANDMEMBER', 's', '5')).toBe('*2\r\n$1\r\n1\r\n$1\r\n2\r\n');
    expect(c.wire('SPOP', 'no', '2')).toBe('~0\r\n');
    expect(c.wire('SPOP', 'no')).toBe('_\r\n');
  });
});

describe('SPOP / SRANDMEMBER', () => {
  it('pops single members and deletes the emptied key', () => {
    const { c, broker } = setup();
    c.run('SADD', 's', 'a', 'b');
    const ev = events(broker, c);
    const first = c.run('SPOP', 's') as string;
    const second = c.run('SPOP', 's') as string;
    expect([first, second].sort()).toEqual(['a', 'b']);
    expect(c.run('SPOP', 's')).toBe(null);
    expect(ev).toEqual(['spop s', 'spop s', 'del s']);
  });

  it('pops with a count through all three strategies', () => {
    const { c } = setup();
    const members = Array.from({ length: 100 }, (_, i) => `m${i}`);
    for (const count of [5, 90, 100, 150]) {
      c.run('DEL', 's');
      c.run('SADD', 's', ...members);
      const popped = sorted(c.run('SPOP', 's', String(count)));
      expect(popped.length).toBe(Math.min(count, 100));
      expect(new Set(popped).size).toBe(popped.length);
      const left = sorted(c.run('SMEMBERS', 's'));
      expect([...popped, ...left].sort()).toEqual([...members].sort());
    }
    expect(c.run('EXISTS', 's')).toBe(0);
  });

  it('fires spop then del when a count empties the set', () => {
    const { c, broker } = setup();
    c.run('SADD', 's', '1', '2');
    const ev = events(broker, c);
    expect((c.run('SPOP', 's', '5') as SetReply).items).toEqual(['1', '2']);
    c.run('SPOP', 's', '0');
    expect(ev).toEqual(['spop s', 'del s']);
  });

  it('validates counts as Redis does', () => {
    const { c } = setup();
    c.run('SADD', 's', 'a');
    expect(errText(c.run('SPOP', 's', '-1'))).toBe('ERR value is out of range, must be positive');
    expect(errText(c.run('SPOP', 's', 'x'))).toBe('ERR value is out of range, must be positive');
    expect(errText(c.run('SPOP', 's', '1', '2'))).toBe('ERR syntax error');
    expect(errText(c.run('SRANDMEMBER', 's', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(errText(c.run('SRANDMEMBER', 's', '-9223372036854775808')))
      .toBe('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    expect(errText(c.run('SRANDMEMBER', 's', '1', '2'))).toBe('ERR syntax error');
  });

  it('returns distinct members for positive counts and repeats for negative ones', () => {
    const { c } = setup();
    const members = Array.from({ length: 50 }, (_, i) => String(i));
    c.run('SADD', 's', ...members);
    for (const n of [1, 5, 20, 49, 50, 80]) {
      const r = c.run('SRANDMEMBER', 's', String(n)) as string[];
      expect(r.length).toBe(Math.min(n, 50));
      expect(new Set(r).size).toBe(r.length);
      for (const m of r) expect(members).toContain(m);
    }
    const rep = c.run('SRANDMEMBER', 's', '-200') as string[];
    expect(rep.length).toBe(200);
    expect(c.run('SRANDMEMBER', 's', '0')).toEqual([]);
    expect(c.run('SCARD', 's')).toBe(50);
  });

  it('picks roughly uniformly', () => {
    const { c } = setup();
    c.run('SADD', 's', 'a', 'b', 'c', 'd');
    const counts = new Map<string, number>();
    for (const m of c.run('SRANDMEMBER', 's', '-4000') as string[]) counts.set(m, (counts.get(m) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });
});

describe('SMOVE', () => {
  it('moves members and fires srem/del/new/sadd in Redis order', () => {
    const { c, broker } = setup();
    c.run('SADD', 'src', 'a');
    const ev = events(broker, c);
    expect(c.run('SMOVE', 'src', 'dst', 'a')).toBe(1);
    expect(ev).toEqual(['srem src', 'del src', 'new dst', 'sadd dst']);
    expect(c.run('OBJECT', 'ENCODING', 'dst')).toBe('hashtable');
    c.run('SADD', 'src', 'a');
    ev.length = 0;
    expect(c.run('SMOVE', 'src', 'dst', 'a')).toBe(1);
    expect(ev).toEqual(['srem src', 'del src']);
  });

  it('handles missing keys, same keys and wrong types', () => {
    const { c } = setup();
    c.run('SADD', 's', 'a');
    c.run('SET', 'str', 'x');
    expect(c.run('SMOVE', 'no', 's', 'a')).toBe(0);
    expect(c.run('SMOVE', 'no', 'str', 'a')).toBe(0);
    expect(errText(c.run('SMOVE', 's', 'str', 'a'))).toBe(WRONGTYPE);
    expect(c.run('SMOVE', 's', 's', 'a')).toBe(1);
    expect(c.run('SMOVE', 's', 's', 'z')).toBe(0);
    expect(c.run('SMOVE', 's', 'd', 'z')).toBe(0);
    expect(c.run('SCARD', 's')).toBe(1);
  });
});

describe('SINTER / SUNION / SDIFF and their STORE and CARD forms', () => {
  function sets(c: MemorySession) {
    c.run('SADD', 'a', '1', '2', '3', '4');
    c.run('SADD', 'b', '3', '4', '5');
    c.run('SADD', 'x', 'p', 'q', '3');
  }

  it('computes intersections, unions and differences', () => {
    const { c } = setup();
    sets(c);
    expect((c.run('SINTER', 'a', 'b') as SetReply).items).toEqual(['3', '4']);
    expect((c.run('SUNION', 'a', 'b') as SetReply).items).toEqual(['1', '2', '3', '4', '5']);
    expect((c.run('SDIFF', 'a', 'b') as SetReply).items).toEqual(['1', '2']);
    expect(sorted(c.run('SINTER', 'a', 'x'))).toEqual(['3']);
    expect(sorted(c.run('SUNION', 'b', 'x'))).toEqual(['3', '4', '5', 'p', 'q']);
    expect(sorted(c.run('SDIFF', 'x', 'a', 'b'))).toEqual(['p', 'q']);
    expect(sorted(c.run('SDIFF', 'a', 'a'))).toEqual([]);
    expect(sorted(c.run('SINTER', 'a', 'no'))).toEqual([]);
    expect(sorted(c.run('SUNION', 'no', 'a'))).toEqual(['1', '2', '3', '4']);
    expect(sorted(c.run('SDIFF', 'no', 'a'))).toEqual([]);
  });

  it('stores results, deletes the destination for empty results, and fires events', () => {
    const { c, broker } = setup();
    sets(c);
    c.run('SET', 'd', 'old');
    c.run('EXPIRE', 'd', '100');
    const ev = events(broker, c);
    expect(c.run('SINTERSTORE', 'd', 'a', 'b')).toBe(2);
    expect(c.run('TTL', 'd')).toBe(-1);
    expect(c.run('OBJECT', 'ENCODING', 'd')).toBe('intset');
    expect(c.run('SUNIONSTORE', 'e', 'a', 'x')).toBe(6);
    expect(c.run('OBJECT', 'ENCODING', 'e')).toBe('hashtable');
    expect(c.run('SDIFFSTORE', 'e', 'a', 'a')).toBe(0);
    expect(c.run('SINTERSTORE', 'd', 'a', 'no')).toBe(0);
    expect(c.run('SINTERSTORE', 'd', 'a', 'no')).toBe(0);
    expect(ev).toEqual(['sinterstore d', 'new e', 'sunionstore e', 'del e', 'del d']);
  });

  it('SINTERCARD counts with LIMIT and validates its arguments', () => {
    const { c } = setup();
    sets(c);
    expect(c.run('SINTERCARD', '2', 'a', 'b')).toBe(2);
    expect(c.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '1')).toBe(1);
    expect(c.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '0')).toBe(2);
    expect(c.run('SINTERCARD', '2', 'a', 'no')).toBe(0);
    expect(errText(c.run('SINTERCARD', '0', 'a'))).toBe('ERR numkeys should be greater than 0');
    expect(errText(c.run('SINTERCARD', 'x', 'a'))).toBe('ERR numkeys should be greater than 0');
    expect(errText(c.run('SINTERCARD', '3', 'a', 'b'))).toBe("ERR Number of keys can't be greater than number of args");
    expect(errText(c.run('SINTERCARD', '1', 'a', 'LIMIT', '-1'))).toBe("ERR LIMIT can't be negative");
    expect(errText(c.run('SINTERCARD', '1', 'a', 'LIMIT'))).toBe('ERR syntax error');
    expect(errText(c.run('SINTERCARD', '1', 'a', 'FOO', '1'))).toBe('ERR syntax error');
  });

  it('checks every key type before anything else', () => {
    const { c } = setup();
    c.run('SET', 'str', 'x');
    expect(errText(c.run('SINTER', 'no', 'str'))).toBe(WRONGTYPE);
    expect(errText(c.run('SDIFF', 'no', 'str'))).toBe(WRONGTYPE);
    expect(errText(c.run('SINTERSTORE', 'd', 'no', 'str'))).toBe(WRONGTYPE);
  });
});

describe('SSCAN', () => {
  it('returns an intset whole with cursor 0', () => {
    const { c } = setup();
    c.run('SADD', 's', '3', '1', '2');
    expect(c.run('SSCAN', 's', '0', 'COUNT', '1')).toEqual(['0', ['1', '2', '3']]);
    expect(c.run('SSCAN', 's', '0', 'MATCH', '[12]')).toEqual(['0', ['1', '2']]);
    expect(c.run('SSCAN', 'no', '0')).toEqual(['0', []]);
  });

  it('validates cursor and options', () => {
    const { c } = setup();
    c.run('SADD', 's', 'a');
    expect(errText(c.run('SSCAN', 's', 'x'))).toBe('ERR invalid cursor');
    expect(errText(c.run('SSCAN', 's', ' 1'))).toBe('ERR invalid cursor');
    expect(errText(c.run('SSCAN', 's', '0', 'COUNT', '0'))).toBe('ERR syntax error');
    expect(errText(c.run('SSCAN', 's', '0', 'COUNT', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(errText(c.run('SSCAN', 's', '0', 'FOO'))).toBe('ERR syntax error');
    expect(c.run('SSCAN', 'no', '0', 'FOO')).toEqual(['0', []]);
  });

  it('returns every member present for the whole iteration, under concurrent writes', () => {
    const { c } = setup();
    const keep = Array.from({ length: 500 }, (_, i) => `k${i}`);
    c.run('SADD', 's', ...keep);
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, items] = c.run('SSCAN', 's', cursor, 'COUNT', '7') as [string, string[]];
      for (const m of items) seen.add(m);
      cursor = next;
      c.run('SADD', 's', `tmp${round}`, `tmp${round + 1000}`);
      c.run('SREM', 's', `tmp${round - 1}`);
      round++;
    } while (cursor !== '0' && round < 10000);
    for (const m of keep) expect(seen.has(m)).toBe(true);
  });
});
