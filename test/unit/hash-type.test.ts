// HashValue: insertion order, holes and compaction, encoding conversion,
// random slots and the HSCAN cursor guarantee.
import { describe, expect, it } from 'vitest';
import { HashValue } from '../../src/core/types/hash.js';

const LIM = { entries: 128, value: 64 };

function entries(h: HashValue): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  h.forEach((f, v) => void out.push([f, v]));
  return out;
}

describe('HashValue', () => {
  it('keeps insertion order, updates in place and reports created fields', () => {
    const h = new HashValue();
    expect(h.set('a', '1', LIM)).toBe(true);
    expect(h.set('b', '2', LIM)).toBe(true);
    expect(h.set('a', '3', LIM)).toBe(false);
    expect(entries(h)).toEqual([['a', '3'], ['b', '2']]);
    expect(h.get('a')).toBe('3');
    expect(h.get('zz')).toBeUndefined();
    expect(h.has('b')).toBe(true);
    expect(h.size).toBe(2);
  });

  it('deletes keep the order of the others, through compaction', () => {
    const h = new HashValue();
    for (let i = 0; i < 100; i++) h.set(`f${i}`, `v${i}`, LIM);
    for (let i = 0; i < 100; i += 3) expect(h.delete(`f${i}`)).toBe(true);
    expect(h.delete('f0')).toBe(false);
    const expected: Array<[string, string]> = [];
    for (let i = 0; i < 100; i++) if (i % 3 !== 0) expected.push([`f${i}`, `v${i}`]);
    expect(entries(h)).toEqual(expected);
    for (const [f, v] of expected) expect(h.get(f)).toBe(v);
    expect(h.size).toBe(expected.length);
  });

  it('becomes empty and reusable', () => {
    const h = new HashValue();
    h.set('a', '1', LIM);
    h.set('b', '2', LIM);
    h.delete('a');
    h.delete('b');
    expect(h.size).toBe(0);
    h.set('c', '3', LIM);
    expect(entries(h)).toEqual([['c', '3']]);
  });

  it('converts to hashtable past the entry count or value size, and never back', () => {
    const h = new HashValue();
    const small = { entries: 3, value: 5 };
    h.set('a', '1', small);
    h.set('b', '1', small);
    h.set('c', '1', small);
    expect(h.encoding()).toBe('listpack');
    h.set('d', '1', small);
    expect(h.encoding()).toBe('hashtable');
    h.delete('d');
    h.delete('c');
    expect(h.encoding()).toBe('hashtable');
    const v = new HashValue();
    v.set('x', '12345', small);
    expect(v.encoding()).toBe('listpack');
    v.set('x', '123456', small);
    expect(v.encoding()).toBe('hashtable');
    const f = new HashValue();
    f.set('123456', 'x', small);
    expect(f.encoding()).toBe('hashtable');
    const zero = new HashValue();
    zero.set('a', 'b', { entries: 0, value: 64 });
    expect(zero.encoding()).toBe('hashtable');
  });

  it('clones deeply, keeping the encoding', () => {
    const h = new HashValue();
    h.set('a', '1', LIM);
    h.convertToHashtable();
    const copy = h.clone();
    copy.set('b', '2', LIM);
    expect(h.size).toBe(1);
    expect(copy.encoding()).toBe('hashtable');
    expect(entries(copy)).toEqual([['a', '1'], ['b', '2']]);
  });

  it('random slots only land on live fields and cover them all', () => {
    const h = new HashValue();
    for (let i = 0; i < 40; i++) h.set(`f${i}`, `v${i}`, LIM);
    for (let i = 0; i < 40; i += 2) h.delete(`f${i}`);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = h.randomSlot();
      const f = h.fieldAt(s);
      expect(h.get(f)).toBe(h.valueAt(s));
      seen.add(f);
    }
    expect(seen.size).toBe(20);
  });

  it('scan visits every field present for the whole walk, even across deletes, inserts and compaction', () => {
    const h = new HashValue();
    for (let i = 0; i < 500; i++) h.set(`k${i}`, 'v', LIM);
    const seen = new Set<string>();
    let cursor = 0;
    let step = 0;
    do {
      cursor = h.scan(cursor, 7, (f) => void seen.add(f));
      // Churn: delete some not-yet-seen and seen fields (odd ones stay), insert new ones.
      for (let j = 0; j < 5; j++) h.delete(`k${(step * 10 + j * 2) % 500}`);
      h.set(`new${step}`, 'v', LIM);
      step++;
    } while (cursor !== 0);
    for (let i = 1; i < 500; i += 2) expect(seen.has(`k${i}`)).toBe(true);
  });

  it('scan returns exactly count fields per step and 0 at the end', () => {
    const h = new HashValue();
    for (let i = 0; i < 25; i++) h.set(`k${i}`, 'v', LIM);
    const pages: string[][] = [];
    let cursor = 0;
    do {
      const page: string[] = [];
      cursor = h.scan(cursor, 10, (f) => void page.push(f));
      pages.push(page);
    } while (cursor !== 0);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(h.scan(Number.MAX_SAFE_INTEGER, 10, () => {})).toBe(0);
  });
});
