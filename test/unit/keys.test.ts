// Generic keyspace commands in memory: replies, errors, events, WATCH interplay.
import { describe, expect, it } from 'vitest';
import { memoryClient as setup } from '../helpers/memory.js';
import { OK, StatusReply } from '../../protocols/reply.js';
import { ClientFlag } from '../../src/commands/types.js';
import { recordEvents } from './keys-helpers.js';
import { text as err } from '../helpers/replies.js';

const status = (r: unknown) => (r instanceof StatusReply ? r.text : r);

describe('DEL / UNLINK / EXISTS / TOUCH', () => {
  it('count keys, duplicates included', () => {
    const { c } = setup();
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '2');
    expect(c.run('EXISTS', 'a', 'a', 'b', 'nope')).toBe(3);
    expect(c.run('TOUCH', 'a', 'nope')).toBe(1);
    expect(c.run('DEL', 'a', 'a', 'nope')).toBe(1);
    expect(c.run('UNLINK', 'b')).toBe(1);
    expect(c.run('DBSIZE')).toBe(0);
  });
  it('treat expired keys as missing and fire expired, not del', () => {
    const s = setup();
    const sub = recordEvents(s);
    s.c.run('SET', 'k', 'v', 'PX', '10');
    s.clock.advance(11);
    expect(s.c.run('DEL', 'k')).toBe(0);
    expect(sub).toEqual(['set k@0', 'expire k@0', 'expired k@0']);
    expect(s.broker.stats.expiredKeys).toBe(1);
  });
  it('count keyspace hits and misses for EXISTS', () => {
    const { c, broker } = setup();
    c.run('SET', 'a', '1');
    c.run('EXISTS', 'a', 'b');
    expect([broker.stats.keyspaceHits, broker.stats.keyspaceMisses]).toEqual([1, 1]);
  });
});

describe('TYPE', () => {
  it('answers none / string as a status', () => {
    const { c } = setup();
    c.run('SET', 'a', '1');
    expect(status(c.run('TYPE', 'a'))).toBe('string');
    expect(status(c.run('TYPE', 'b'))).toBe('none');
    expect(c.wire('TYPE', 'a')).toBe('+string\r\n');
  });
});

describe('RENAME / RENAMENX', () => {
  it('moves the value and the TTL, dropping the target TTL', () => {
    const { c } = setup();
    c.run('SET', 'a', '1', 'EX', '100');
    c.run('SET', 'b', '2', 'EX', '200');
    expect(c.run('RENAME', 'a', 'b')).toBe(OK);
    expect(c.run('GET', 'b')).toBe('1');
    expect(c.run('TTL', 'b')).toBe(100);
    expect(c.run('EXISTS', 'a')).toBe(0);
    c.run('SET', 'c', '3');
    c.run('SET', 'd', '4', 'EX', '50');
    c.run('RENAME', 'c', 'd');
    expect(c.run('TTL', 'd')).toBe(-1);
  });
  it('errors on a missing source, even when source and target are the same', () => {
    const { c } = setup();
    expect(err(c.run('RENAME', 'x', 'y'))).toBe('ERR no such key');
    expect(err(c.run('RENAME', 'x', 'x'))).toBe('ERR no such key');
    expect(err(c.run('RENAMENX', 'x', 'y'))).toBe('ERR no such key');
    c.run('SET', 'x', '1');
    expect(c.run('RENAME', 'x', 'x')).toBe(OK);
    expect(c.run('RENAMENX', 'x', 'x')).toBe(0);
  });
  it('RENAMENX refuses an existing target', () => {
    const { c } = setup();
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '2');
    expect(c.run('RENAMENX', 'a', 'b')).toBe(0);
    expect(c.run('RENAMENX', 'a', 'c')).toBe(1);
    expect(c.run('GET', 'c')).toBe('1');
  });
  it('fires new, rename_from and rename_to', () => {
    const s = setup();
    s.c.run('SET', 'a', '1');
    const sub = recordEvents(s, 'KEAn');
    s.c.run('RENAME', 'a', 'b');
    expect(sub).toEqual(['new b@0', 'rename_from a@0', 'rename_to b@0']);
  });
});

describe('MOVE', () => {
  it('moves a key with its TTL to another database', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v', 'EX', '100');
    expect(c.run('MOVE', 'k', '1')).toBe(1);
    expect(c.run('EXISTS', 'k')).toBe(0);
    c.run('SELECT', '1');
    expect(c.run('GET', 'k')).toBe('v');
    expect(c.run('TTL', 'k')).toBe(100);
  });
  it('refuses an existing target, a missing key, the same db and bad indexes', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v');
    expect(c.run('MOVE', 'nope', '1')).toBe(0);
    expect(err(c.run('MOVE', 'k', '0'))).toBe('ERR source and destination objects are the same');
    expect(err(c.run('MOVE', 'k', '16'))).toBe('ERR DB index is out of range');
    expect(err(c.run('MOVE', 'k', '-1'))).toBe('ERR DB index is out of range');
    expect(err(c.run('MOVE', 'k', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('MOVE', 'k', '4294967296'))).toBe('ERR value is out of range, value must between -2147483648 and 2147483647');
    c.run('SELECT', '1');
    c.run('SET', 'k', 'other');
    c.run('SELECT', '0');
    expect(c.run('MOVE', 'k', '1')).toBe(0);
  });
  it('fires move_from in the source db and move_to in the target db', () => {
    const s = setup();
    s.c.run('SET', 'k', 'v');
    const sub = recordEvents(s);
    s.c.run('MOVE', 'k', '3');
    expect(sub).toEqual(['move_from k@0', 'move_to k@3']);
  });
});

describe('COPY', () => {
  it('copies value and TTL, within and across databases', () => {
    const { c } = setup();
    c.run('SET', 'a', 'v', 'EX', '100');
    expect(c.run('COPY', 'a', 'b')).toBe(1);
    expect(c.run('GET', 'b')).toBe('v');
    expect(c.run('TTL', 'b')).toBe(100);
    expect(c.run('COPY', 'a', 'b')).toBe(0);
    c.run('SET', 'a', 'w');
    expect(c.run('COPY', 'a', 'b', 'REPLACE')).toBe(1);
    expect(c.run('GET', 'b')).toBe('w');
    expect(c.run('TTL', 'b')).toBe(-1);
    expect(c.run('COPY', 'a', 'a', 'DB', '2')).toBe(1);
    c.run('SELECT', '2');
    expect(c.run('GET', 'a')).toBe('w');
  });
  it('errors as Redis', () => {
    const { c } = setup();
    c.run('SET', 'a', 'v');
    expect(err(c.run('COPY', 'a', 'a'))).toBe('ERR source and destination objects are the same');
    expect(err(c.run('COPY', 'a', 'a', 'DB', '0'))).toBe('ERR source and destination objects are the same');
    expect(err(c.run('COPY', 'a', 'b', 'DB', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('COPY', 'a', 'b', 'DB', '99'))).toBe('ERR DB index is out of range');
    expect(err(c.run('COPY', 'a', 'b', 'DB'))).toBe('ERR syntax error');
    expect(err(c.run('COPY', 'a', 'b', 'FOO'))).toBe('ERR syntax error');
    expect(c.run('COPY', 'nope', 'b')).toBe(0);
  });
  it('fires copy_to in the target db', () => {
    const s = setup();
    s.c.run('SET', 'a', 'v');
    const sub = recordEvents(s);
    s.c.run('COPY', 'a', 'b', 'DB', '1');
    expect(sub).toEqual(['copy_to b@1']);
  });
});

describe('KEYS', () => {
  it('matches globs and skips logically expired keys without deleting them', () => {
    const { c, clock, broker } = setup();
    for (const k of ['foo', 'foobar', 'bar', 'f[o]']) c.run('SET', k, '1');
    c.run('SET', 'fox', '1', 'PX', '5');
    clock.advance(6);
    expect((c.run('KEYS', 'f*') as string[]).sort()).toEqual(['f[o]', 'foo', 'foobar']);
    expect(c.run('KEYS', 'f\\[o\\]')).toEqual(['f[o]']);
    expect((c.run('KEYS', '*') as string[]).length).toBe(4);
    expect(c.run('KEYS', 'foo')).toEqual(['foo']);
    expect(c.run('KEYS', 'fox')).toEqual([]); // expired
    expect(c.run('KEYS', 'nope')).toEqual([]);
    expect(c.run('KEYS', '')).toEqual([]);
    expect(c.run('DBSIZE')).toBe(5);
    expect(broker.stats.expiredKeys).toBe(0);
  });
});

describe('RANDOMKEY', () => {
  it('returns nil on an empty db and eventually every key', () => {
    const { c } = setup();
    expect(c.run('RANDOMKEY')).toBe(null);
    for (let i = 0; i < 5; i++) c.run('SET', `k${i}`, '1');
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(c.run('RANDOMKEY') as string);
    expect(seen.size).toBe(5);
  });
  it('skips and expires keys whose TTL passed', () => {
    const { c, clock } = setup();
    c.run('SET', 'live', '1');
    for (let i = 0; i < 50; i++) c.run('SET', `t${i}`, '1', 'PX', '5');
    clock.advance(10);
    for (let i = 0; i < 20; i++) expect(c.run('RANDOMKEY')).toBe('live');
    const only = setup();
    only.c.run('SET', 'x', '1', 'PX', '5');
    only.clock.advance(10);
    expect(only.c.run('RANDOMKEY')).toBe(null);
    expect(only.c.run('DBSIZE')).toBe(0);
  });
});

describe('FLUSHDB / FLUSHALL / SWAPDB / DBSIZE', () => {
  it('flush one or all databases and check their options', () => {
    const { c } = setup();
    c.run('SET', 'a', '1');
    c.run('SELECT', '1');
    c.run('SET', 'b', '1');
    expect(c.run('FLUSHDB', 'async')).toBe(OK);
    expect(c.run('DBSIZE')).toBe(0);
    c.run('SELECT', '0');
    expect(c.run('DBSIZE')).toBe(1);
    expect(err(c.run('FLUSHDB', 'now'))).toBe('ERR syntax error');
    expect(err(c.run('FLUSHALL', 'sync', 'async'))).toBe('ERR syntax error');
    expect(c.run('FLUSHALL', 'SYNC')).toBe(OK);
    expect(c.run('DBSIZE')).toBe(0);
  });
  it('swaps contents while clients keep their db index', () => {
    const { c, client } = setup();
    const other = client();
    other.run('SELECT', '1');
    c.run('SET', 'a', 'zero', 'EX', '100');
    other.run('SET', 'b', 'one');
    expect(c.run('SWAPDB', '0', '1')).toBe(OK);
    expect(c.run('GET', 'b')).toBe('one');
    expect(other.run('GET', 'a')).toBe('zero');
    expect(other.run('TTL', 'a')).toBe(100);
    expect(c.run('SWAPDB', '1', '1')).toBe(OK);
    expect(err(c.run('SWAPDB', 'x', '1'))).toBe('ERR invalid first DB index');
    expect(err(c.run('SWAPDB', '0', 'y'))).toBe('ERR invalid second DB index');
    expect(err(c.run('SWAPDB', '99', 'y'))).toBe('ERR invalid second DB index');
    expect(err(c.run('SWAPDB', '0', '99'))).toBe('ERR DB index is out of range');
  });
  it('SWAPDB and FLUSHDB dirty WATCHers of keys that exist on either side', () => {
    const { c, client, broker } = setup();
    c.run('SET', 'w', '1');
    const w = client();
    const w2 = client();
    broker.blocking.watch(w, broker.dbs[0], 'w');
    broker.blocking.watch(w2, broker.dbs[0], 'absent');
    c.run('SWAPDB', '0', '1');
    expect(w.flags & ClientFlag.DIRTY_CAS).not.toBe(0);
    expect(w2.flags & ClientFlag.DIRTY_CAS).toBe(0);
    const f = client();
    c.run('SELECT', '1');
    broker.blocking.watch(f, broker.dbs[1], 'w');
    c.run('FLUSHDB');
    expect(f.flags & ClientFlag.DIRTY_CAS).not.toBe(0);
  });
});

describe('OBJECT', () => {
  it('reports string encodings', () => {
    const { c } = setup();
    const cases: Array<[string, string]> = [
      ['12345', 'int'], ['-9223372036854775808', 'int'], ['9223372036854775808', 'embstr'], ['012', 'embstr'],
      ['-0', 'embstr'], ['x'.repeat(44), 'embstr'], ['x'.repeat(45), 'raw'], ['', 'embstr'],
    ];
    for (const [v, enc] of cases) {
      c.run('SET', 'k', v);
      expect(c.run('OBJECT', 'ENCODING', 'k'), v).toBe(enc);
    }
    expect(c.run('OBJECT', 'ENCODING', 'nope')).toBe(null);
  });
  it('reports "raw" for strings marked as modified in place until they get a new value', () => {
    const { c, broker } = setup();
    c.run('SET', 's', '123');
    broker.dbs[0].markRaw('s'); // what APPEND / SETRANGE do after storing
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('raw');
    expect(c.run('OBJECT', 'REFCOUNT', 's')).toBe(1);
    c.run('RENAME', 's', 't');
    expect(c.run('OBJECT', 'ENCODING', 't')).toBe('raw');
    c.run('COPY', 't', 'u');
    expect(c.run('OBJECT', 'ENCODING', 'u')).toBe('raw');
    c.run('MOVE', 'u', '1');
    c.run('SELECT', '1');
    expect(c.run('OBJECT', 'ENCODING', 'u')).toBe('raw');
    c.run('SELECT', '0');
    c.run('SET', 't', '123');
    expect(c.run('OBJECT', 'ENCODING', 't')).toBe('int');
    broker.dbs[0].markRaw('t');
    c.run('DEL', 't');
    c.run('SET', 't', 'x');
    expect(c.run('OBJECT', 'ENCODING', 't')).toBe('embstr');
  });
  it('reports shared integers as Redis does', () => {
    const { c } = setup();
    c.run('SET', 'k', '9999');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(2147483647);
    c.run('SET', 'k', '10000');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(1);
    c.run('SET', 'k', 'abc');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(1);
  });
  it('IDLETIME / FREQ follow the maxmemory-policy', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
    expect(err(c.run('OBJECT', 'FREQ', 'k'))).toMatch(/^ERR An LFU maxmemory policy is not selected/);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(err(c.run('OBJECT', 'IDLETIME', 'k'))).toMatch(/^ERR An LFU maxmemory policy is selected/);
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(0);
  });
  it('tracks idle time under an LRU policy; TTL/TYPE/EXISTS/OBJECT do not touch, TOUCH and GET do', () => {
    const { c, clock } = setup({ 'maxmemory-policy': 'allkeys-lru' });
    c.run('SET', 'k', 'v');
    clock.advance(3000);
    for (const cmd of ['TTL', 'TYPE', 'EXISTS', 'PTTL']) c.run(cmd, 'k');
    c.run('OBJECT', 'ENCODING', 'k');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(3);
    c.run('TOUCH', 'k');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
    clock.advance(5000);
    c.run('GET', 'k');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
    clock.advance(2000);
    c.run('SET', 'k', 'w');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(0);
  });
  it('switches tracking with CONFIG SET maxmemory-policy', () => {
    const { c, clock, broker } = setup();
    expect(broker.dbs[0].access).toBe(null);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
    expect(broker.dbs[0].access?.lfu).toBe(false);
    c.run('SET', 'k', 'v');
    clock.advance(10_000);
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(10);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(broker.dbs[0].access?.lfu).toBe(true);
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(0); // stored before LFU tracking: fully decayed, as in Redis
    c.run('SET', 'n', 'v');
    expect(c.run('OBJECT', 'FREQ', 'n')).toBe(5);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    expect(broker.dbs[0].access).toBe(null);
  });
  it('counts and decays LFU frequency', () => {
    const { c, clock } = setup({ 'maxmemory-policy': 'allkeys-lfu' });
    c.run('SET', 'k', 'v');
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(5);
    for (let i = 0; i < 200; i++) c.run('GET', 'k');
    const hot = c.run('OBJECT', 'FREQ', 'k') as number;
    expect(hot).toBeGreaterThan(5);
    expect(hot).toBeLessThan(30); // logarithmic growth
    clock.advance(3 * 60_000);
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(hot - 3); // one per minute (lfu-decay-time 1)
    c.run('SET', 'k', 'w'); // an overwrite keeps the counter, as Redis's dbOverwrite does
    expect(c.run('OBJECT', 'FREQ', 'k')).toBeGreaterThanOrEqual(hot - 3);
  });
  it('has HELP and Redis errors', () => {
    const { c } = setup();
    const help = c.run('OBJECT', 'HELP') as StatusReply[];
    expect(help[0].text).toBe('OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(help.length).toBe(15);
    expect(err(c.run('OBJECT', 'foo', 'k'))).toBe("ERR unknown subcommand 'foo'. Try OBJECT HELP.");
    expect(err(c.run('OBJECT', 'encoding'))).toBe("ERR wrong number of arguments for 'object|encoding' command");
  });
});
