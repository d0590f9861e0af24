import { describe, expect, it } from 'vitest';
import { MAX_ID, MIN_ID, StreamId, U64_MAX, compareIds, decrId, incrId, parseStreamId, parseU64 } from '../../src/core/types/stream-id.js';
import { IdMap } from '../../src/core/types/stream-idmap.js';
import { lpIntBytes, lpStringBytes, radixTreeNodes } from '../../src/core/types/stream-size.js';
import { Stream } from '../../src/core/types/stream.js';

const id = (ms: number | bigint, seq: number | bigint) => new StreamId(BigInt(ms), BigInt(seq));

describe('stream IDs', () => {
  it('parse unsigned 64-bit parts with string2ull rules', () => {
    expect(parseU64('0')).toBe(0n);
    expect(parseU64('123')).toBe(123n);
    expect(parseU64('18446744073709551615')).toBe(U64_MAX);
    expect(parseU64('18446744073709551616')).toBeNull();
    expect(parseU64('')).toBeNull();
    expect(parseU64('-1')).toBeNull(); // a canonical negative number is refused
    expect(parseU64('-9223372036854775808')).toBeNull();
    expect(parseU64('-9223372036854775809')).toBe((1n << 64n) - 9223372036854775809n); // strtoull wraps
    expect(parseU64('-05')).toBe(U64_MAX - 4n);
    expect(parseU64('-0')).toBe(0n);
    expect(parseU64('007')).toBe(7n);
    expect(parseU64('+7')).toBe(7n);
    expect(parseU64(' \t7')).toBe(7n);
    expect(parseU64('7 ')).toBeNull();
    expect(parseU64('1e3')).toBeNull();
    expect(parseU64('abc')).toBeNull();
  });

  it('parse IDs in all their forms', () => {
    expect(parseStreamId('5', 0n, true)!.id.toString()).toBe('5-0');
    expect(parseStreamId('5', U64_MAX, true)!.id.toString()).toBe('5-18446744073709551615');
    expect(parseStreamId('5-3', 0n, true)!.id.toString()).toBe('5-3');
    expect(parseStreamId('-', 0n, false)!.id).toBe(MIN_ID);
    expect(parseStreamId('+', 0n, false)!.id).toBe(MAX_ID);
    expect(parseStreamId('-', 0n, true)).toBeNull();
    expect(parseStreamId('+', 0n, true)).toBeNull();
    expect(parseStreamId('5-*', 0n, true)).toBeNull();
    expect(parseStreamId('5-*', 0n, true, true)).toEqual({ id: id(5, 0), seqGiven: false });
    expect(parseStreamId('5-3', 0n, true, true)!.seqGiven).toBe(true);
    expect(parseStreamId('5-', 0n, true)).toBeNull();
    expect(parseStreamId('-5', 0n, true)).toBeNull();
    expect(parseStreamId('5--05', 0n, true)!.id.toString()).toBe('5-18446744073709551611');
    expect(parseStreamId('5\x00junk', 0n, true)!.id.toString()).toBe('5-0');
    expect(parseStreamId('1'.repeat(128), 0n, true)).toBeNull();
  });

  it('compare, increment and decrement across part boundaries', () => {
    expect(compareIds(id(1, 5), id(2, 0))).toBe(-1);
    expect(compareIds(id(2, 0), id(1, 5))).toBe(1);
    expect(compareIds(id(2, 1), id(2, 1))).toBe(0);
    expect(incrId(id(1, U64_MAX))!.toString()).toBe('2-0');
    expect(incrId(MAX_ID)).toBeNull();
    expect(decrId(id(2, 0))!.toString()).toBe('1-18446744073709551615');
    expect(decrId(MIN_ID)).toBeNull();
  });
});

describe('IdMap', () => {
  it('keeps keys sorted across many chunks', () => {
    const m = new IdMap<number>();
    const order = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 2000);
    for (const n of order) expect(m.insertNew(id(n, 0), n)).toBe(true);
    expect(m.insertNew(id(5, 0), -1)).toBe(false);
    expect(m.size).toBe(2000);
    expect(m.firstKey()!.toString()).toBe('0-0');
    expect(m.lastKey()!.toString()).toBe('1999-0');
    for (let n = 0; n < 2000; n += 3) expect(m.delete(id(n, 0))).toBe(n);
    expect(m.delete(id(0, 0))).toBeUndefined();
    const seen: number[] = [];
    m.forEachFrom(id(10, 0), (_k, v) => {
      seen.push(v);
      return seen.length < 4;
    });
    expect(seen).toEqual([10, 11, 13, 14]);
    expect(m.ceilingKey(id(12, 0))!.toString()).toBe('13-0');
    expect(m.ceilingKey(id(13, 0), true)!.toString()).toBe('14-0');
    expect(m.ceilingKey(id(5000, 0))).toBeUndefined();
    expect(m.get(id(13, 0))).toBe(13);
    expect(m.get(id(12, 0))).toBeUndefined();
  });
});

describe('listpack sizes and radix tree shape', () => {
  it('sizes elements as listpacks do', () => {
    expect(lpIntBytes(0)).toBe(2);
    expect(lpIntBytes(127)).toBe(2);
    expect(lpIntBytes(128)).toBe(3);
    expect(lpIntBytes(-1)).toBe(3);
    expect(lpIntBytes(40000)).toBe(5);
    expect(lpIntBytes(1n << 40n)).toBe(10);
    expect(lpStringBytes('12')).toBe(2); // integer-encoded
    expect(lpStringBytes('012')).toBe(5); // not canonical: a string
    expect(lpStringBytes('abc')).toBe(5);
    expect(lpStringBytes('x'.repeat(63))).toBe(65);
    expect(lpStringBytes('x'.repeat(64))).toBe(67);
    expect(lpStringBytes('x'.repeat(200))).toBe(204);
  });

  it('counts radix tree nodes like Redis', () => {
    expect(radixTreeNodes([])).toBe(1);
    expect(radixTreeNodes([id(1, 1)])).toBe(2);
    // Two keys differing in the last byte: compressed prefix, branch, two leaves.
    expect(radixTreeNodes([id(1, 1), id(1, 2)])).toBe(4);
    // Differing in the first byte of seq: prefix, branch, two (compressed tail + leaf).
    expect(radixTreeNodes([id(1, 1), id(1, 1n << 56n)])).toBe(6);
  });

  it('closes nodes at stream-node-max-entries and counts tombstones', () => {
    const s = new Stream();
    const limits = { maxBytes: 4096, maxEntries: 3 };
    for (let i = 1; i <= 7; i++) s.append(['f', String(i)], id(i, 0), true, 0, limits);
    expect(s.radixTreeKeys).toBe(3);
    expect(s.delete(id(7, 0))).toBe(true); // the last live entry of a node takes the node
    expect(s.radixTreeKeys).toBe(2);
    expect(s.delete(id(5, 0))).toBe(true);
    s.append(['f', '8'], id(8, 0), true, 0, limits); // node 4..6 still counts its tombstone: full
    expect(s.radixTreeKeys).toBe(3);
  });
});
