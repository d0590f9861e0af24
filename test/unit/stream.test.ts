// XADD XLEN XRANGE XREVRANGE XDEL XTRIM XSETID XREAD (non-blocking) in memory.
import { describe, expect, it } from 'vitest';
import { MapReply, NULL_ARRAY, OK } from '../../protocols/reply.js';
import { memoryClient as setup } from '../helpers/memory.js';
import { errText } from '../helpers/replies.js';

const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';

describe('XADD', () => {
  it('generates IDs from the clock and never goes back', () => {
    const { c, clock } = setup();
    const t = clock.now();
    expect(c.run('XADD', 's', '*', 'a', '1')).toBe(`${t}-0`);
    expect(c.run('XADD', 's', '*', 'a', '2')).toBe(`${t}-1`);
    clock.advance(-50); // the clock jumps back: IDs keep increasing
    expect(c.run('XADD', 's', '*', 'a', '3')).toBe(`${t}-2`);
    clock.advance(100);
    expect(c.run('XADD', 's', '*', 'a', '4')).toBe(`${t + 50}-0`);
    expect(c.run('XLEN', 's')).toBe(4);
  });

  it('accepts explicit and partial IDs', () => {
    const { c } = setup();
    expect(c.run('XADD', 's', '0-*', 'a', '1')).toBe('0-1');
    expect(c.run('XADD', 's', '5', 'a', '1')).toBe('5-0');
    expect(c.run('XADD', 's', '5-*', 'a', '1')).toBe('5-1');
    expect(c.run('XADD', 's', '7-*', 'a', '1')).toBe('7-0');
    expect(errText(c.run('XADD', 's', '6-*', 'a', '1'))).toBe('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    expect(errText(c.run('XADD', 's', '7-0', 'a', '1'))).toBe('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    expect(errText(c.run('XADD', 's', '0-0', 'a', '1'))).toBe('ERR The ID specified in XADD must be greater than 0-0');
    expect(errText(c.run('XADD', 's', 'nope', 'a', '1'))).toBe(INVALID_ID);
    expect(errText(c.run('XADD', 's', '-', 'a', '1'))).toBe(INVALID_ID);
  });

  it('reports the overflow cases as Redis does', () => {
    const { c } = setup();
    c.run('XADD', 's', '1-18446744073709551615', 'a', 'b');
    expect(errText(c.run('XADD', 's', '1-*', 'c', 'd'))).toBe('ERR Elements are too large to be stored');
    expect(c.run('XADD', 's', '*', 'c', 'd')).toMatch(/^\d+-0$/);
    c.run('XADD', 'm', '18446744073709551615-18446744073709551615', 'a', 'b');
    expect(errText(c.run('XADD', 'm', '*', 'c', 'd'))).toBe('ERR The stream has exhausted the last possible ID, unable to add more items');
  });

  it('checks arity, options and types', () => {
    const { c } = setup();
    expect(errText(c.run('XADD', 's', '*'))).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(errText(c.run('XADD', 's', '*', 'a'))).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(errText(c.run('XADD', 's', '*', 'a', 'b', 'c'))).toBe("ERR wrong number of arguments for 'xadd' command");
    expect(errText(c.run('XADD', 's', 'MAXLEN', '-1', '*', 'a', 'b'))).toBe('ERR The MAXLEN argument must be >= 0.');
    expect(errText(c.run('XADD', 's', 'MAXLEN', '1', 'MINID', '1', '*', 'a', 'b'))).toBe(
      'ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
    expect(errText(c.run('XADD', 's', 'LIMIT', '5', '*', 'a', 'b'))).toBe(
      'ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
    expect(errText(c.run('XADD', 's', 'MAXLEN', '5', 'LIMIT', '5', '*', 'a', 'b'))).toBe(
      'ERR syntax error, LIMIT cannot be used without the special ~ option');
    expect(errText(c.run('XADD', 's', 'MAXLEN', '~', '5', 'LIMIT', '-1', '*', 'a', 'b'))).toBe('ERR The LIMIT argument must be >= 0.');
    expect(errText(c.run('XADD', 's', 'MAXLEN', 'x', '*', 'a', 'b'))).toBe('ERR value is not an integer or out of range');
    c.run('SET', 'str', 'v');
    expect(errText(c.run('XADD', 'str', '*', 'a', 'b'))).toMatch(/^WRONGTYPE/);
  });

  it('NOMKSTREAM does not create the key', () => {
    const { c } = setup();
    expect(c.run('XADD', 's', 'NOMKSTREAM', '*', 'a', 'b')).toBe(null);
    expect(c.run('EXISTS', 's')).toBe(0);
    expect(c.wire('XADD', 's', 'NOMKSTREAM', '*', 'a', 'b')).toBe('$-1\r\n');
    c.run('XADD', 's', '1', 'a', 'b');
    expect(c.run('XADD', 's', 'nomkstream', '2', 'a', 'b')).toBe('2-0');
  });

  it('trims exactly with MAXLEN/MINID and by whole nodes with ~', () => {
    const { c } = setup();
    for (let i = 1; i <= 1000; i++) c.run('XADD', 's', 'MAXLEN', '5', String(i), 'i', String(i));
    expect(c.run('XLEN', 's')).toBe(5);
    expect((c.run('XRANGE', 's', '-', '+', 'COUNT', '1') as string[][])[0][0]).toBe('996-0');
    c.run('DEL', 's');
    for (let i = 1; i <= 1000; i++) c.run('XADD', 's', 'MAXLEN', '~', '555', String(i), 'i', String(i));
    expect(c.run('XLEN', 's')).toBe(600);
    c.run('DEL', 's');
    for (let i = 1; i <= 10; i++) c.run('XADD', 's', 'MINID', String(Math.max(1, i - 3)), String(i), 'i', String(i));
    expect(c.run('XLEN', 's')).toBe(4);
  });

  it('LIMIT bounds approximate trimming', () => {
    const { c } = setup({ 'stream-node-max-entries': '10' });
    for (let i = 0; i < 100; i++) c.run('XADD', 's', '*', 'x', 'v');
    c.run('XADD', 's', 'MAXLEN', '~', '55', 'LIMIT', '30', '*', 'x', 'v');
    expect(c.run('XLEN', 's')).toBe(71);
    c.run('XADD', 's', 'MAXLEN', '~', '55', 'LIMIT', '30', '*', 'x', 'v');
    expect(c.run('XLEN', 's')).toBe(62);
  });

  it('opens a new node when the listpack would reach stream-node-max-bytes', () => {
    const { c } = setup({ 'stream-node-max-bytes': '100' });
    for (let i = 1; i <= 4; i++) c.run('XADD', 's', String(i), 'field', 'v'.repeat(40));
    const info = (c.run('XINFO', 'STREAM', 's') as MapReply).entries;
    expect(info[3]).toBe(4); // radix-tree-keys: one entry per node
  });
});

describe('XRANGE / XREVRANGE', () => {
  const ids = ['0-1', '0-18446744073709551615', '1-0', '42-0', '42-42', '18446744073709551615-18446744073709551614',
    '18446744073709551615-18446744073709551615'];
  function filled() {
    const s = setup();
    for (const id of ids) s.c.run('XADD', 'r', id, 'foo', 'bar');
    return s;
  }
  const idsOf = (r: unknown) => (r as string[][]).map((e) => e[0]);

  it('returns inclusive and exclusive ranges', () => {
    const { c } = filled();
    expect(idsOf(c.run('XRANGE', 'r', '-', '+'))).toEqual(ids);
    expect(idsOf(c.run('XRANGE', 'r', '(0-1', '+'))).toEqual(ids.slice(1));
    expect(idsOf(c.run('XRANGE', 'r', '-', '(18446744073709551615-18446744073709551615'))).toEqual(ids.slice(0, -1));
    expect(idsOf(c.run('XRANGE', 'r', '(0-1', '(1-0'))).toEqual(['0-18446744073709551615']);
    expect(idsOf(c.run('XRANGE', 'r', '42', '42'))).toEqual(['42-0', '42-42']);
    expect(idsOf(c.run('XREVRANGE', 'r', '+', '-', 'COUNT', '2'))).toEqual(ids.slice(-2).reverse());
    expect(idsOf(c.run('XREVRANGE', 'r', '42-10', '-'))).toEqual(['42-0', '1-0', '0-18446744073709551615', '0-1']);
    expect(c.run('XRANGE', 'r', '5', '1')).toEqual([]);
    expect(c.run('XRANGE', 'r', '-', '+')).toEqual(ids.map((id) => [id, ['foo', 'bar']]));
  });

  it('COUNT 0 gives a null array, missing keys an empty one', () => {
    const { c } = filled();
    expect(c.run('XRANGE', 'r', '-', '+', 'COUNT', '0')).toBe(NULL_ARRAY);
    expect(c.wire('XRANGE', 'r', '-', '+', 'COUNT', '-1')).toBe('*-1\r\n');
    expect(c.run('XRANGE', 'nokey', '-', '+')).toEqual([]);
  });

  it('rejects bad bounds and options', () => {
    const { c } = filled();
    expect(errText(c.run('XRANGE', 'r', '(-', '+'))).toBe(INVALID_ID);
    expect(errText(c.run('XRANGE', 'r', '-', '(+'))).toBe(INVALID_ID);
    expect(errText(c.run('XRANGE', 'r', '(18446744073709551615-18446744073709551615', '+'))).toBe('ERR invalid start ID for the interval');
    expect(errText(c.run('XRANGE', 'r', '-', '(0-0'))).toBe('ERR invalid end ID for the interval');
    expect(errText(c.run('XRANGE', 'r', '-', '+', 'COUNT'))).toBe('ERR syntax error');
    expect(errText(c.run('XRANGE', 'r', '-', '+', 'COUNT', 'x'))).toBe('ERR value is not an integer or out of range');
  });
});

describe('XDEL / XTRIM / XSETID', () => {
  it('XDEL deletes, tracks the largest deleted ID and the first entry', () => {
    const { c } = setup();
    for (let i = 1; i <= 5; i++) c.run('XADD', 'x', `${i}-0`, 'data', String(i));
    expect(c.run('XDEL', 'x', '2-0', '2-0', '9-0')).toBe(1);
    expect(c.run('XDEL', 'x', '1-0')).toBe(1);
    const info = (c.run('XINFO', 'STREAM', 'x') as MapReply).entries;
    expect(info[9]).toBe('2-0'); // max-deleted-entry-id
    expect(info[13]).toBe('3-0'); // recorded-first-entry-id
    expect(errText(c.run('XDEL', 'x', '3-0', 'bad'))).toBe(INVALID_ID);
    expect(c.run('XLEN', 'x')).toBe(3);
    expect(c.run('XDEL', 'nokey', 'bad')).toBe(0);
  });

  it('XTRIM needs a strategy and is exact unless ~', () => {
    const { c } = setup({ 'stream-node-max-entries': '1' });
    for (let i = 0; i < 102; i++) c.run('XADD', 's', '*', 'x', 'v');
    expect(c.run('XTRIM', 's', 'MAXLEN', '~', '1')).toBe(100); // limited to 100 nodes
    expect(c.run('XLEN', 's')).toBe(2);
    expect(c.run('XTRIM', 's', 'MAXLEN', '1')).toBe(1);
    expect(errText(c.run('XTRIM', 's', 'MAXLEN', '1', 'LIMIT', '30'))).toBe('ERR syntax error, LIMIT cannot be used without the special ~ option');
    expect(errText(c.run('XTRIM', 's', 'FOO', '1'))).toBe('ERR syntax error');
    expect(errText(c.run('XTRIM', 's', 'LIMIT', '0'))).toBe('ERR syntax error, XTRIM must be called with a trimming strategy');
    expect(c.run('XTRIM', 'nokey', 'MAXLEN', '1')).toBe(0);
  });

  it('XSETID validates against the stream', () => {
    const { c } = setup();
    expect(errText(c.run('XSETID', 's', '1-1'))).toBe('ERR no such key');
    c.run('XADD', 's', '5-0', 'a', 'b');
    expect(errText(c.run('XSETID', 's', '1-1'))).toBe('ERR The ID specified in XSETID is smaller than the target stream top item');
    expect(errText(c.run('XSETID', 's', '9-0', 'ENTRIESADDED', '0'))).toBe(
      'ERR The entries_added specified in XSETID is smaller than the target stream length');
    expect(errText(c.run('XSETID', 's', '9-0', 'ENTRIESADDED', '-1'))).toBe('ERR entries_added must be positive');
    expect(errText(c.run('XSETID', 's', '9-0', 'MAXDELETEDID', '10-0'))).toBe(
      'ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
    expect(errText(c.run('XSETID', 's', '9-0', '0'))).toBe('ERR syntax error');
    expect(c.run('XSETID', 's', '9-0', 'ENTRIESADDED', '7', 'MAXDELETEDID', '3-0')).toBe(OK);
    const info = (c.run('XINFO', 'STREAM', 's') as MapReply).entries;
    expect([info[7], info[9], info[11]]).toEqual(['9-0', '3-0', 7]);
    expect(c.run('XADD', 's', '*', 'a', 'b')).toMatch(/^\d+-0$/);
  });
});

describe('XREAD without BLOCK', () => {
  it('reads after the given IDs, per key', () => {
    const { c } = setup();
    c.run('XADD', 'a', '1-0', 'f', '1');
    c.run('XADD', 'a', '2-0', 'f', '2');
    c.run('XADD', 'b', '3-0', 'f', '3');
    expect(c.run('XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', 'nokey', '0', '0', '0')).toEqual([
      ['a', [['1-0', ['f', '1']]]],
      ['b', [['3-0', ['f', '3']]]],
    ]);
    expect(c.run('XREAD', 'STREAMS', 'a', '$')).toBe(NULL_ARRAY);
    expect(c.run('XREAD', 'STREAMS', 'a', '1')).toEqual([['a', [['2-0', ['f', '2']]]]]);
    c.run('HELLO', '3');
    const r = c.run('XREAD', 'STREAMS', 'a', '1') as MapReply;
    expect(r).toBeInstanceOf(MapReply);
    expect(r.entries).toEqual(['a', [['2-0', ['f', '2']]]]);
    expect(c.wire('XREAD', 'STREAMS', 'a', '$')).toBe('_\r\n');
  });

  it('reports Redis errors', () => {
    const { c } = setup();
    expect(errText(c.run('XREAD', 'STREAMS', 'a', 'b', '0'))).toBe(
      "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
    expect(errText(c.run('XREAD', 'GROUP', 'g', 'c', 'STREAMS', 'a', '0'))).toBe(
      'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
    expect(errText(c.run('XREAD', 'STREAMS', 'a', '>'))).toBe(
      'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
    expect(errText(c.run('XREAD', 'BLOCK', '-1', 'STREAMS', 'a', '0'))).toBe('ERR timeout is negative');
    expect(errText(c.run('XREAD', 'BLOCK', 'x', 'STREAMS', 'a', '0'))).toBe('ERR timeout is not an integer or out of range');
    expect(errText(c.run('XREAD', 'COUNT', '1', 'a', '0'))).toBe('ERR syntax error');
  });
});
