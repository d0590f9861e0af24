// Blocking list commands in memory: immediate service, parking and waking,
// FIFO order, the ready-key rule of Redis 7.0, MULTI/EXEC, timeouts (fake
// timers), timeout parsing and disconnects.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Message } from '../../src/core/pubsub.js';
import { NULL_ARRAY, PONG } from '../../protocols/reply.js';
import { BLOCKED, keyspaceListener, type MemorySession } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';

const replies = (c: MemorySession) => c.sent.filter((m) => !(m instanceof Message));

function setup() {
  const s = keyspaceListener({ 'notify-keyspace-events': 'KEAn' });
  return { ...s, p: s.client() };
}

/** Sends argv through the session path (replies land in c.sent; pipelined commands queue behind a block). */
function send(c: MemorySession, ...cmds: string[][]): void {
  c.runBatch(cmds);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('served at once when data is there', () => {
  it('BLPOP/BRPOP pop from the first non-empty key', () => {
    const { c } = setup();
    c.run('RPUSH', 'b', '1', '2');
    expect(c.run('BLPOP', 'a', 'b', '0')).toEqual(['b', '1']);
    expect(c.run('BRPOP', 'a', 'b', '0')).toEqual(['b', '2']);
    expect(c.run('EXISTS', 'b')).toBe(0);
  });

  it('BLMOVE/BRPOPLPUSH/BLMPOP behave like their non-blocking forms', () => {
    const { c } = setup();
    c.run('RPUSH', 's', 'a', 'b', 'c');
    expect(c.run('BLMOVE', 's', 'd', 'RIGHT', 'LEFT', '0')).toBe('c');
    expect(c.run('BRPOPLPUSH', 's', 'd', '0')).toBe('b');
    expect(c.run('LRANGE', 'd', '0', '-1')).toEqual(['b', 'c']);
    expect(c.run('BLMPOP', '0', '2', 'x', 'd', 'LEFT', 'COUNT', '5')).toEqual(['d', ['b', 'c']]);
  });
});

describe('parking and waking', () => {
  it('a push wakes a BLPOP client; events are those of LPUSH then LPOP', () => {
    const { c, p, events, broker } = setup();
    send(c, ['BLPOP', 'l', '0']);
    expect(replies(c)).toEqual([]);
    expect(broker.blocking.blockedCount).toBe(1);
    expect(p.run('RPUSH', 'l', 'x')).toBe(1);
    expect(replies(c)).toEqual([['l', 'x']]);
    expect(p.run('EXISTS', 'l')).toBe(0);
    expect(events()).toEqual(['new', 'rpush', 'lpop', 'del']);
    expect(broker.blocking.blockedCount).toBe(0);
  });

  it('serves waiters FIFO, one element each, the rest keep waiting', () => {
    const { c, p, client } = setup();
    const d = client();
    const e = client();
    send(c, ['BLPOP', 'l', '0']);
    send(d, ['BRPOP', 'l', '0']);
    send(e, ['BLPOP', 'l', '0']);
    p.run('RPUSH', 'l', 'a', 'b');
    expect(replies(c)).toEqual([['l', 'a']]);
    expect(replies(d)).toEqual([['l', 'b']]);
    expect(replies(e)).toEqual([]);
    p.run('RPUSH', 'l', 'c');
    expect(replies(e)).toEqual([['l', 'c']]);
  });

  it('pipelined commands after a blocked command wait for it', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'l', '0'], ['PING'], ['LLEN', 'l']);
    expect(replies(c)).toEqual([]);
    send(c, ['ECHO', 'later']);
    expect(replies(c)).toEqual([]);
    p.run('RPUSH', 'l', 'a', 'b');
    expect(replies(c)).toEqual([['l', 'a'], PONG, 1, 'later']);
  });

  it('a client woken from the ready key: pushes to b then a in MULTI serve it from b (Redis 7.0)', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'a', 'b', '0']);
    p.run('MULTI');
    p.run('RPUSH', 'b', 'fromb');
    p.run('RPUSH', 'a', 'froma');
    p.run('EXEC');
    expect(replies(c)).toEqual([['b', 'fromb']]);
  });

  it('MULTI/EXEC is isolated: the waiter sees the final state', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'l', '0']);
    p.run('MULTI');
    p.run('LPUSH', 'l', 'a');
    p.run('LPUSH', 'l', 'b');
    p.run('LPUSH', 'l', 'c');
    p.run('EXEC');
    expect(replies(c)).toEqual([['l', 'c']]);
  });

  it('LPUSH + DEL, or a SET, in one transaction does not wake the client', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'l', '0']);
    p.run('MULTI');
    p.run('LPUSH', 'l', 'a');
    p.run('DEL', 'l');
    p.run('EXEC');
    p.run('MULTI');
    p.run('LPUSH', 'l', 'a');
    p.run('DEL', 'l');
    p.run('SET', 'l', 'str');
    p.run('EXEC');
    expect(replies(c)).toEqual([]);
    p.run('DEL', 'l');
    p.run('LPUSH', 'l', 'b');
    expect(replies(c)).toEqual([['l', 'b']]);
  });

  it('the same key twice blocks once and is served once', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'l', 'l', 'l', '0']);
    p.run('RPUSH', 'l', 'a', 'b');
    expect(replies(c)).toEqual([['l', 'a']]);
    expect(p.run('LRANGE', 'l', '0', '-1')).toEqual(['b']);
  });

  it('BLMOVE chains: a move wakes the next waiter on the destination', () => {
    const { c, p, client } = setup();
    const d = client();
    send(c, ['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', '0']);
    send(d, ['BRPOPLPUSH', 'b', 'c', '0']);
    p.run('RPUSH', 'a', 'x');
    expect(replies(c)).toEqual(['x']);
    expect(replies(d)).toEqual(['x']);
    expect(p.run('LRANGE', 'c', '0', '-1')).toEqual(['x']);
    expect(p.run('EXISTS', 'a', 'b')).toBe(0);
  });

  it('BRPOPLPUSH onto a destination of another type answers WRONGTYPE and keeps the element', () => {
    const { c, p } = setup();
    p.run('SET', 'target', 'str');
    send(c, ['BRPOPLPUSH', 'src', 'target', '0']);
    p.run('RPUSH', 'src', 'foo');
    expect(text(replies(c)[0])).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(p.run('LRANGE', 'src', '0', '-1')).toEqual(['foo']);
  });

  it('BLMPOP waits on several keys and pops COUNT from the ready one', () => {
    const { c, p } = setup();
    send(c, ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2']);
    p.run('RPUSH', 'b', '1', '2', '3');
    expect(replies(c)).toEqual([['b', ['3', '2']]]);
  });

  it('a key created by RENAME wakes the waiter', () => {
    const { c, p } = setup();
    send(c, ['BLPOP', 'foo', '0']);
    p.run('LPUSH', 'bob', 'abc', 'def', 'hij');
    p.run('RENAME', 'bob', 'foo');
    expect(replies(c)).toEqual([['foo', 'hij']]);
  });

  it('a disconnected waiter leaves no trace', () => {
    const { c, p, broker } = setup();
    send(c, ['BLPOP', 'l', '0']);
    c.detach();
    expect(broker.blocking.blockedCount).toBe(0);
    expect(p.run('RPUSH', 'l', 'a')).toBe(1);
    expect(p.run('LLEN', 'l')).toBe(1);
    expect(broker.dbs[0].watched.has('l')).toBe(false);
  });
});

describe('inside MULTI/EXEC nothing blocks', () => {
  it('empty keys reply null array (BLPOP/BLMPOP) or null bulk (BLMOVE/BRPOPLPUSH)', () => {
    const { c } = setup();
    c.run('MULTI');
    for (const cmd of [['BLPOP', 'l', '0'], ['BRPOP', 'l', '0'], ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0'], ['BRPOPLPUSH', 'l', 'd', '0'], ['BLMPOP', '0', '1', 'l', 'LEFT']]) {
      c.run(...cmd);
    }
    expect(c.wire('EXEC')).toBe('*5\r\n*-1\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n');
  });

  it('with data they pop as usual', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'foo', 'bar');
    c.run('MULTI');
    c.run('BLPOP', 'l', '0');
    c.run('BLPOP', 'l', '0');
    c.run('BLPOP', 'l', '0');
    expect(c.wire('EXEC')).toBe('*3\r\n*2\r\n$1\r\nl\r\n$3\r\nfoo\r\n*2\r\n$1\r\nl\r\n$3\r\nbar\r\n*-1\r\n');
  });
});

describe('timeouts', () => {
  it('times out with a null array (RESP2 *-1, RESP3 _) for every blocking command', () => {
    vi.useFakeTimers();
    const { c, client } = setup();
    const r3 = client();
    r3.resp = 3;
    send(c, ['BLPOP', 'l', '1']);
    send(r3, ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0.5']);
    vi.advanceTimersByTime(499);
    expect(replies(r3)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(replies(r3)).toEqual([NULL_ARRAY]);
    vi.advanceTimersByTime(500);
    expect(replies(c)).toEqual([NULL_ARRAY]);
    for (const cmd of [['BRPOP', 'l', '0.01'], ['BRPOPLPUSH', 'l', 'd', '0.01'], ['BLMPOP', '0.01', '1', 'l', 'LEFT']]) {
      const x = client();
      send(x, cmd);
      vi.advanceTimersByTime(10);
      expect(replies(x), cmd[0]).toEqual([NULL_ARRAY]);
    }
  });

  it('a timeout of 0 waits forever; timeouts far beyond setTimeout range still wait', () => {
    vi.useFakeTimers();
    const { c, p, client } = setup();
    const far = client();
    send(c, ['BLPOP', 'l', '0']);
    send(far, ['BLPOP', 'm', '100000000']); // about 3 years: longer than setTimeout's 2^31-1 ms
    vi.advanceTimersByTime(3_000_000_000);
    expect(replies(c)).toEqual([]);
    expect(replies(far)).toEqual([]);
    p.run('RPUSH', 'l', 'a');
    p.run('RPUSH', 'm', 'b');
    expect(replies(c)).toEqual([['l', 'a']]);
    expect(replies(far)).toEqual([['m', 'b']]);
  });

  it('the timed-out client runs what was pipelined behind it', () => {
    vi.useFakeTimers();
    const { c } = setup();
    send(c, ['BRPOP', 'l', '0.1'], ['PING']);
    vi.advanceTimersByTime(100);
    expect(replies(c)).toEqual([NULL_ARRAY, PONG]);
  });

  it('parses timeouts like Redis (string2ld, ceil to ms, x86 overflow to negative)', () => {
    const { c, p } = setup();
    const e = (t: string) => c.run('BLPOP', 'l', t);
    for (const bad of ['abc', '', ' 1', '1 ', 'nan', '1e', '0x', '1e5000']) {
      expect(text(e(bad)), JSON.stringify(bad)).toBe('ERR timeout is not a float or out of range');
    }
    for (const neg of ['-1', '-0.002', 'inf', '-inf', 'infinity', '1e300', '1e20']) {
      expect(text(e(neg)), neg).toBe('ERR timeout is negative');
    }
    // Accepted: each blocks (then is woken and served).
    for (const ok of ['+1', '0x10', '.5', '5.', '0x1p3', '1E3', '-0.0001', '1e-400', '9e15', '0']) {
      expect(e(ok), ok).toBe(BLOCKED);
      p.run('RPUSH', 'l', ok);
      expect(replies(c).pop()).toEqual(['l', ok]);
    }
    // Argument checks come in Redis's order.
    c.run('SET', 's', 'x');
    expect(text(c.run('BLPOP', 's', 'x'))).toBe('ERR timeout is not a float or out of range');
    expect(text(c.run('BLMOVE', 's', 'd', 'UP', 'LEFT', 'x'))).toBe('ERR syntax error');
    expect(text(c.run('BLMOVE', 's', 'd', 'LEFT', 'LEFT', 'x'))).toBe('ERR timeout is not a float or out of range');
    expect(text(c.run('BLMPOP', 'x', '0', 's', 'LEFT'))).toBe('ERR numkeys should be greater than 0');
    expect(text(c.run('BLMPOP', 'x', '1', 's', 'UP'))).toBe('ERR syntax error');
    expect(text(c.run('BLMPOP', 'x', '1', 's', 'LEFT'))).toBe('ERR timeout is not a float or out of range');
    expect(text(c.run('BLMPOP', '-1', '1', 's', 'LEFT'))).toBe('ERR timeout is negative');
  });
});
