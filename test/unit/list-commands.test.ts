// List commands in memory: replies (RESP2 and RESP3 nil forms), errors in
// Redis's order, keyspace events and WATCH.
import { describe, expect, it } from 'vitest';
import { keyspaceListener as listen, memoryClient as setup } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

describe('pushes and LLEN', () => {
  it('LPUSH/RPUSH are variadic and return the length', () => {
    const { c } = setup();
    expect(c.run('RPUSH', 'l', 'a', 'b')).toBe(2);
    expect(c.run('LPUSH', 'l', 'x', 'y')).toBe(4);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['y', 'x', 'a', 'b']);
    expect(c.run('LLEN', 'l')).toBe(4);
    expect(c.run('LLEN', 'nokey')).toBe(0);
  });

  it('LPUSHX/RPUSHX only push onto existing lists', () => {
    const { c } = setup();
    expect(c.run('LPUSHX', 'l', 'a')).toBe(0);
    expect(c.run('RPUSHX', 'l', 'a')).toBe(0);
    expect(c.run('EXISTS', 'l')).toBe(0);
    c.run('RPUSH', 'l', 'm');
    expect(c.run('LPUSHX', 'l', 'a', 'b')).toBe(3);
    expect(c.run('RPUSHX', 'l', 'z')).toBe(4);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['b', 'a', 'm', 'z']);
  });

  it('WRONGTYPE on every list command against a string', () => {
    const { c } = setup();
    c.run('SET', 's', 'x');
    c.run('RPUSH', 'l', 'a');
    const cmds: string[][] = [
      ['LPUSH', 's', 'a'], ['RPUSH', 's', 'a'], ['LPUSHX', 's', 'a'], ['RPUSHX', 's', 'a'], ['LPOP', 's'], ['RPOP', 's', '2'],
      ['LLEN', 's'], ['LRANGE', 's', '0', '-1'], ['LINDEX', 's', '0'], ['LSET', 's', '0', 'x'], ['LINSERT', 's', 'BEFORE', 'a', 'b'],
      ['LREM', 's', '0', 'a'], ['LTRIM', 's', '0', '1'], ['LPOS', 's', 'a'], ['LMOVE', 's', 'l', 'LEFT', 'LEFT'],
      ['LMOVE', 'l', 's', 'LEFT', 'LEFT'], ['RPOPLPUSH', 's', 'l'], ['RPOPLPUSH', 'l', 's'], ['LMPOP', '1', 's', 'LEFT'],
      ['BLPOP', 's', '0'], ['BRPOP', 's', '0'], ['BLMOVE', 's', 'l', 'LEFT', 'LEFT', '0'], ['BRPOPLPUSH', 'l', 's', '0'],
      ['BLMPOP', '0', '1', 's', 'LEFT'],
    ];
    for (const cmd of cmds) expect(text(c.run(...cmd)), cmd.join(' ')).toBe(WRONGTYPE);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['a']);
  });
});

describe('LPOP RPOP', () => {
  it('pops one element as a bulk, or count elements as an array', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
    expect(c.run('LPOP', 'l')).toBe('a');
    expect(c.run('RPOP', 'l')).toBe('e');
    expect(c.run('LPOP', 'l', '2')).toEqual(['b', 'c']);
    expect(c.run('RPOP', 'l', '0')).toEqual([]);
    expect(c.run('RPOP', 'l', '10')).toEqual(['d']);
    expect(c.run('EXISTS', 'l')).toBe(0);
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(c.run('RPOP', 'l', '2')).toEqual(['c', 'b']);
  });

  it('nil forms: bulk nil without count, null array with count (RESP2 and RESP3)', () => {
    const { c } = setup();
    expect(c.wire('LPOP', 'nokey')).toBe('$-1\r\n');
    expect(c.wire('RPOP', 'nokey', '1')).toBe('*-1\r\n');
    expect(c.wire('LPOP', 'nokey', '0')).toBe('*-1\r\n');
    c.resp = 3;
    expect(c.wire('LPOP', 'nokey')).toBe('_\r\n');
    expect(c.wire('RPOP', 'nokey', '1')).toBe('_\r\n');
    c.run('RPUSH', 'l', 'a');
    expect(c.wire('LPOP', 'l', '0')).toBe('*0\r\n');
  });

  it('count errors and arity', () => {
    const { c } = setup();
    c.run('SET', 's', 'x');
    expect(text(c.run('LPOP', 's', '-1'))).toBe('ERR value is out of range, must be positive');
    expect(text(c.run('LPOP', 's', 'x'))).toBe('ERR value is out of range, must be positive');
    expect(text(c.run('LPOP', 'l', '1', '2'))).toBe("ERR wrong number of arguments for 'lpop' command");
    expect(text(c.run('RPOP', 'l', '1', '2'))).toBe("ERR wrong number of arguments for 'rpop' command");
    expect(text(c.run('LPOP', 's', '0'))).toBe(WRONGTYPE);
  });
});

describe('LRANGE LINDEX LSET', () => {
  it('LRANGE clamps like Redis', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', '0', '1', '2', '3', '4', '5');
    const r = (a: string, b: string) => c.run('LRANGE', 'l', a, b);
    expect(r('1', '-2')).toEqual(['1', '2', '3', '4']);
    expect(r('-3', '-1')).toEqual(['3', '4', '5']);
    expect(r('-100', '100')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(r('5', '1')).toEqual([]);
    expect(r('6', '10')).toEqual([]);
    expect(r('0', '-7')).toEqual([]);
    expect(r('-9223372036854775808', '9223372036854775807')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(c.run('LRANGE', 'nokey', '0', '-1')).toEqual([]);
    expect(text(c.run('LRANGE', 'l', 'x', '1'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('LRANGE', 'l', '0', '9223372036854775808'))).toBe('ERR value is not an integer or out of range');
  });

  it('LINDEX with negative and out-of-range indexes; the key is looked up first', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(c.run('LINDEX', 'l', '0')).toBe('a');
    expect(c.run('LINDEX', 'l', '-1')).toBe('c');
    expect(c.run('LINDEX', 'l', '3')).toBe(null);
    expect(c.run('LINDEX', 'l', '-4')).toBe(null);
    expect(c.run('LINDEX', 'nokey', 'x')).toBe(null);
    expect(text(c.run('LINDEX', 'l', 'x'))).toBe('ERR value is not an integer or out of range');
  });

  it('LSET replaces, errors on missing keys and bad indexes', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(c.wire('LSET', 'l', '-1', 'z')).toBe('+OK\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['a', 'b', 'z']);
    expect(text(c.run('LSET', 'l', '3', 'x'))).toBe('ERR index out of range');
    expect(text(c.run('LSET', 'nokey', '0', 'x'))).toBe('ERR no such key');
    expect(text(c.run('LSET', 'nokey', 'x', 'x'))).toBe('ERR no such key');
    expect(text(c.run('LSET', 'l', 'x', 'x'))).toBe('ERR value is not an integer or out of range');
  });
});

describe('LINSERT LREM LTRIM', () => {
  it('LINSERT before/after the first pivot; -1 without pivot, 0 without key', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'a');
    expect(c.run('LINSERT', 'l', 'before', 'a', 'x')).toBe(4);
    expect(c.run('LINSERT', 'l', 'AFTER', 'a', 'y')).toBe(5);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['x', 'a', 'y', 'b', 'a']);
    expect(c.run('LINSERT', 'l', 'AFTER', 'zz', 'y')).toBe(-1);
    expect(c.run('LINSERT', 'nokey', 'AFTER', 'a', 'y')).toBe(0);
    expect(text(c.run('LINSERT', 'nokey', 'middle', 'a', 'y'))).toBe('ERR syntax error');
  });

  it('LREM from the head, from the tail, or all; deletes the emptied key', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'a', 'c', 'a');
    expect(c.run('LREM', 'l', '1', 'a')).toBe(1);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['b', 'a', 'c', 'a']);
    expect(c.run('LREM', 'l', '-1', 'a')).toBe(1);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['b', 'a', 'c']);
    expect(c.run('LREM', 'l', '0', 'zz')).toBe(0);
    c.run('RPUSH', 'm', 'x', 'x');
    expect(c.run('LREM', 'm', '0', 'x')).toBe(2);
    expect(c.run('EXISTS', 'm')).toBe(0);
    expect(c.run('LREM', 'nokey', '0', 'x')).toBe(0);
    expect(text(c.run('LREM', 'nokey', 'x', 'x'))).toBe('ERR value is not an integer or out of range');
  });

  it('LTRIM keeps a range and deletes an emptied list', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', '0', '1', '2', '3', '4');
    expect(c.wire('LTRIM', 'l', '1', '-2')).toBe('+OK\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['1', '2', '3']);
    c.run('LTRIM', 'l', '0', '100');
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['1', '2', '3']);
    c.run('LTRIM', 'l', '-1', '-1');
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['3']);
    c.run('LTRIM', 'l', '1', '0');
    expect(c.run('EXISTS', 'l')).toBe(0);
    expect(c.wire('LTRIM', 'nokey', '0', '1')).toBe('+OK\r\n');
    expect(text(c.run('LTRIM', 'nokey', 'a', '1'))).toBe('ERR value is not an integer or out of range');
  });
});

describe('LPOS', () => {
  it('RANK, COUNT and MAXLEN as Redis', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b', 'c', '1', '2', '3', 'c', 'c');
    expect(c.run('LPOS', 'l', 'c')).toBe(2);
    expect(c.run('LPOS', 'l', 'c', 'RANK', '2')).toBe(6);
    expect(c.run('LPOS', 'l', 'c', 'RANK', '-1')).toBe(7);
    expect(c.run('LPOS', 'l', 'c', 'RANK', '-3')).toBe(2);
    expect(c.run('LPOS', 'l', 'c', 'RANK', '4')).toBe(null);
    expect(c.run('LPOS', 'l', 'c', 'COUNT', '0')).toEqual([2, 6, 7]);
    expect(c.run('LPOS', 'l', 'c', 'COUNT', '2')).toEqual([2, 6]);
    expect(c.run('LPOS', 'l', 'c', 'COUNT', '2', 'RANK', '-1')).toEqual([7, 6]);
    expect(c.run('LPOS', 'l', 'c', 'COUNT', '0', 'MAXLEN', '7')).toEqual([2, 6]);
    expect(c.run('LPOS', 'l', 'c', 'COUNT', '0', 'RANK', '-1', 'MAXLEN', '2')).toEqual([7, 6]);
    expect(c.run('LPOS', 'l', 'c', 'MAXLEN', '1')).toBe(null);
    expect(c.run('LPOS', 'l', 'zz')).toBe(null);
    expect(c.run('LPOS', 'l', 'zz', 'COUNT', '0')).toEqual([]);
    expect(c.run('LPOS', 'nokey', 'a')).toBe(null);
    expect(c.run('LPOS', 'nokey', 'a', 'COUNT', '1')).toEqual([]);
    // -LONG_MIN wraps to itself in Redis: the first match from the tail.
    expect(c.run('LPOS', 'l', 'c', 'RANK', '-9223372036854775808')).toBe(7);
    expect(c.run('LPOS', 'l', 'c', 'RANK', '-9223372036854775807')).toBe(null);
  });

  it('errors, checked before the key', () => {
    const { c } = setup();
    c.run('SET', 's', 'x');
    expect(text(c.run('LPOS', 's', 'a', 'RANK', '0'))).toMatch(/^ERR RANK can't be zero: use 1 to start from the first match/);
    expect(text(c.run('LPOS', 's', 'a', 'RANK', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(text(c.run('LPOS', 's', 'a', 'COUNT', '-1'))).toBe("ERR COUNT can't be negative");
    expect(text(c.run('LPOS', 's', 'a', 'COUNT', 'x'))).toBe("ERR COUNT can't be negative");
    expect(text(c.run('LPOS', 's', 'a', 'MAXLEN', '-1'))).toBe("ERR MAXLEN can't be negative");
    expect(text(c.run('LPOS', 's', 'a', 'RANK'))).toBe('ERR syntax error');
    expect(text(c.run('LPOS', 's', 'a', 'BOGUS', '1'))).toBe('ERR syntax error');
    expect(text(c.run('LPOS', 's', 'a'))).toBe(WRONGTYPE);
    expect(c.wire('LPOS', 'nokey', 'a')).toBe('$-1\r\n');
    c.resp = 3;
    expect(c.wire('LPOS', 'nokey', 'a')).toBe('_\r\n');
  });
});

describe('LMOVE RPOPLPUSH LMPOP', () => {
  it('moves between ends and lists, rotates in place, deletes an emptied source', () => {
    const { c } = setup();
    c.run('RPUSH', 'src', 'a', 'b', 'c');
    expect(c.run('LMOVE', 'src', 'dst', 'LEFT', 'RIGHT')).toBe('a');
    expect(c.run('LMOVE', 'src', 'dst', 'right', 'left')).toBe('c');
    expect(c.run('LRANGE', 'dst', '0', '-1')).toEqual(['c', 'a']);
    expect(c.run('RPOPLPUSH', 'dst', 'dst')).toBe('a');
    expect(c.run('LRANGE', 'dst', '0', '-1')).toEqual(['a', 'c']);
    expect(c.run('RPOPLPUSH', 'src', 'dst')).toBe('b');
    expect(c.run('EXISTS', 'src')).toBe(0);
    expect(c.run('LMOVE', 'nokey', 'dst', 'LEFT', 'LEFT')).toBe(null);
    expect(c.run('RPOPLPUSH', 'nokey', 'dst')).toBe(null);
    c.run('RPUSH', 'one', 'x');
    expect(c.run('LMOVE', 'one', 'one', 'LEFT', 'RIGHT')).toBe('x');
    expect(c.run('LRANGE', 'one', '0', '-1')).toEqual(['x']);
  });

  it('a destination of another type fails without popping; direction errors first', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a');
    c.run('SET', 's', 'x');
    expect(text(c.run('LMOVE', 'l', 's', 'LEFT', 'LEFT'))).toBe(WRONGTYPE);
    expect(c.run('LRANGE', 'l', '0', '-1')).toEqual(['a']);
    expect(text(c.run('LMOVE', 's', 'l', 'UP', 'LEFT'))).toBe('ERR syntax error');
    expect(text(c.run('LMOVE', 's', 'l', 'LEFT', 'DOWN'))).toBe('ERR syntax error');
    expect(c.run('LMOVE', 'nokey', 's', 'LEFT', 'LEFT')).toBe(null);
  });

  it('LMPOP pops from the first non-empty list', () => {
    const { c } = setup();
    c.run('RPUSH', 'b', '1', '2', '3');
    expect(c.run('LMPOP', '2', 'a', 'b', 'LEFT')).toEqual(['b', ['1']]);
    expect(c.run('LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '5')).toEqual(['b', ['3', '2']]);
    expect(c.wire('LMPOP', '2', 'a', 'b', 'LEFT')).toBe('*-1\r\n');
    c.resp = 3;
    expect(c.wire('LMPOP', '1', 'a', 'LEFT')).toBe('_\r\n');
  });

  it('LMPOP argument errors as Redis words them', () => {
    const { c } = setup();
    const e = (...a: string[]) => text(c.run('LMPOP', ...a));
    expect(e('0', 'a', 'LEFT')).toBe('ERR numkeys should be greater than 0');
    expect(e('x', 'a', 'LEFT')).toBe('ERR numkeys should be greater than 0');
    expect(e('-1', 'a', 'LEFT')).toBe('ERR numkeys should be greater than 0');
    expect(e('3', 'a', 'LEFT')).toBe('ERR syntax error');
    expect(e('1', 'a', 'UP')).toBe('ERR syntax error');
    expect(e('1', 'a', 'LEFT', 'COUNT')).toBe('ERR syntax error');
    expect(e('1', 'a', 'LEFT', 'COUNT', '0')).toBe('ERR count should be greater than 0');
    expect(e('1', 'a', 'LEFT', 'COUNT', 'x')).toBe('ERR count should be greater than 0');
    expect(e('1', 'a', 'LEFT', 'COUNT', '1', 'COUNT', '1')).toBe('ERR syntax error');
    expect(e('9223372036854775807', 'a', 'LEFT')).toBe('ERR syntax error');
  });
});

describe('keyspace events and WATCH', () => {
  it('fires Redis 7.0 events in order', () => {
    const { c, events } = listen();
    c.run('LPUSH', 'l', 'a', 'b');
    c.run('RPUSH', 'l', 'c');
    c.run('LPUSHX', 'nokey', 'a');
    c.run('LINSERT', 'l', 'BEFORE', 'a', 'z');
    c.run('LINSERT', 'l', 'BEFORE', 'nope', 'z');
    c.run('LSET', 'l', '0', 'y');
    c.run('LREM', 'l', '0', 'nope');
    c.run('LREM', 'l', '1', 'z');
    c.run('LTRIM', 'l', '0', '-1');
    c.run('LPOP', 'l');
    c.run('RPOP', 'l', '0');
    c.run('RPOP', 'l', '5');
    expect(events()).toEqual(['new', 'lpush', 'rpush', 'linsert', 'lset', 'lrem', 'ltrim', 'lpop', 'rpop', 'del']);
  });

  it('LMOVE: destination new + push, then source pop + del', () => {
    const { c, events } = listen();
    c.run('RPUSH', 's', 'a');
    c.run('LMOVE', 's', 'd', 'LEFT', 'RIGHT');
    expect(events()).toEqual(['new', 'rpush', 'new', 'rpush', 'lpop', 'del']);
  });

  it('LTRIM fires ltrim and del; LMPOP fires a pop per call', () => {
    const { c, events } = listen();
    c.run('RPUSH', 'l', 'a', 'b');
    c.run('LTRIM', 'l', '5', '10');
    c.run('RPUSH', 'm', 'a', 'b', 'c');
    c.run('LMPOP', '1', 'm', 'RIGHT', 'COUNT', '2');
    expect(events()).toEqual(['new', 'rpush', 'ltrim', 'del', 'new', 'rpush', 'rpop']);
  });

  it('writes dirty a WATCHed list; failed writes do not', () => {
    const { c, client } = setup();
    const other = client();
    c.run('RPUSH', 'l', 'a');
    c.run('WATCH', 'l');
    other.run('LPUSHX', 'nokey', 'x');
    other.run('LINSERT', 'l', 'BEFORE', 'nope', 'x');
    other.run('LREM', 'l', '0', 'nope');
    other.run('LPOP', 'l', '0');
    c.run('MULTI');
    c.run('LLEN', 'l');
    expect(c.run('EXEC')).toEqual([1]);
    c.run('WATCH', 'l');
    other.run('LTRIM', 'l', '0', '-1'); // Redis signals LTRIM even when nothing is removed
    c.run('MULTI');
    c.run('LLEN', 'l');
    expect(c.wire('EXEC')).toBe('*-1\r\n');
  });
});
