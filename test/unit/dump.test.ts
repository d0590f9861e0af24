// DUMP / RESTORE commands in memory (the RDB codec itself: dump-rdb.test.ts).
import { describe, expect, it } from 'vitest';
import { memoryClient as setup } from '../helpers/memory.js';
import { OK } from '../../protocols/reply.js';
import { recordEvents } from './keys-helpers.js';
import { text as err } from '../helpers/replies.js';

// redis-server 7.0.15: SET k hello; DUMP k
const HELLO = Buffer.from('000568656c6c6f0a006372df766534200a', 'hex').toString('latin1');

describe('DUMP', () => {
  it('serializes as redis-server does; nil for a missing key', () => {
    const { c } = setup();
    c.run('SET', 'k', 'hello');
    expect(c.run('DUMP', 'k')).toBe(HELLO);
    expect(c.run('DUMP', 'nope')).toBe(null);
  });
});

describe('RESTORE', () => {
  it('creates the key, with a relative or absolute TTL', () => {
    const { c, clock } = setup();
    expect(c.run('RESTORE', 'a', '0', HELLO)).toBe(OK);
    expect(c.run('GET', 'a')).toBe('hello');
    expect(c.run('TTL', 'a')).toBe(-1);
    c.run('RESTORE', 'b', '5000', HELLO);
    expect(c.run('PTTL', 'b')).toBe(5000);
    c.run('RESTORE', 'c', String(clock.now() + 7000), HELLO, 'ABSTTL');
    expect(c.run('PTTL', 'c')).toBe(7000);
  });
  it('refuses an existing key unless REPLACE', () => {
    const { c } = setup();
    c.run('SET', 'a', 'old', 'EX', '100');
    expect(err(c.run('RESTORE', 'a', '0', HELLO))).toBe('BUSYKEY Target key name already exists.');
    expect(c.run('RESTORE', 'a', '0', HELLO, 'REPLACE')).toBe(OK);
    expect(c.run('GET', 'a')).toBe('hello');
    expect(c.run('TTL', 'a')).toBe(-1);
  });
  it('stores nothing for a TTL already past, reporting a replaced key as deleted', () => {
    const s = setup();
    const ev = recordEvents(s, 'KEAn');
    s.c.run('RESTORE', 'x', String(s.clock.now() - 3000), HELLO, 'ABSTTL');
    expect(s.c.run('EXISTS', 'x')).toBe(0);
    s.c.run('SET', 'y', 'v');
    expect(s.c.run('RESTORE', 'y', String(s.clock.now() - 3000), HELLO, 'ABSTTL', 'REPLACE')).toBe(OK);
    expect(s.c.run('EXISTS', 'y')).toBe(0);
    s.c.run('RESTORE', 'z', '0', HELLO);
    expect(ev).toEqual(['new y@0', 'set y@0', 'del y@0', 'new z@0', 'restore z@0']);
  });
  it('checks arguments in Redis order with Redis errors', () => {
    const { c } = setup();
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'FOO'))).toBe('ERR syntax error');
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'IDLETIME', '-1'))).toBe('ERR Invalid IDLETIME value, must be >= 0');
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'FREQ', '256'))).toBe('ERR Invalid FREQ value, must be >= 0 and <= 255');
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'FREQ', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'IDLETIME', '1', 'FREQ', '1'))).toBe('ERR syntax error');
    expect(err(c.run('RESTORE', 'a', '0', HELLO, 'IDLETIME'))).toBe('ERR syntax error');
    expect(err(c.run('RESTORE', 'a', '-1', HELLO))).toBe('ERR Invalid TTL value, must be >= 0');
    expect(err(c.run('RESTORE', 'a', 'x', HELLO))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('RESTORE', 'a', '0', 'garbage'))).toBe('ERR DUMP payload version or checksum are wrong');
    expect(err(c.run('RESTORE', 'a', '0', HELLO.slice(0, -1) + 'x'))).toBe('ERR DUMP payload version or checksum are wrong');
    c.run('SET', 'a', '1');
    expect(err(c.run('RESTORE', 'a', '-1', 'garbage'))).toBe('BUSYKEY Target key name already exists.');
  });
  it('seeds LRU idle time and LFU frequency under those policies', () => {
    const lru = setup({ 'maxmemory-policy': 'allkeys-lru' });
    lru.c.run('RESTORE', 'k', '0', HELLO, 'IDLETIME', '1000');
    expect(lru.c.run('OBJECT', 'IDLETIME', 'k')).toBe(1000);
    const lfu = setup({ 'maxmemory-policy': 'allkeys-lfu' });
    lfu.c.run('RESTORE', 'k', '0', HELLO, 'FREQ', '100');
    expect(lfu.c.run('OBJECT', 'FREQ', 'k')).toBe(100);
  });
  it('round-trips DUMP output of any string', () => {
    const { c } = setup();
    for (const v of ['', '0', '-1', '4294967296', 'x'.repeat(1000), '\x00\x01\xff', 'ab'.repeat(40)]) {
      c.run('SET', 'src', v);
      c.run('RESTORE', 'dst', '0', c.run('DUMP', 'src') as string, 'REPLACE');
      expect(c.run('GET', 'dst')).toBe(v);
    }
  });
});
