// The data structures under sets and sorted sets: skiplist ranks and ranges
// against a sorted-array model, strtod acceptance, intset ordering.
import { describe, expect, it } from 'vitest';
import { SkipList, compareEntry, LEX_MAX, LEX_MIN } from '../../src/core/types/skiplist.js';
import { ZSetValue } from '../../src/core/types/zset.js';
import { strictDouble, lenientDouble, strtod } from '../../src/core/types/strtod.js';
import { SetValue, compareIntStrings, isInt64String } from '../../src/core/types/set.js';
import { lcg as rng } from '../helpers/codec.js';

describe('SkipList', () => {
  it('matches a sorted-array model under random inserts, updates and deletes', () => {
    const rand = rng(42);
    const z = new ZSetValue(false);
    const limits = { maxEntries: 128, maxValue: 64 };
    const model = new Map<string, number>();
    for (let step = 0; step < 4000; step++) {
      const member = `m${Math.floor(rand() * 300)}`;
      const op = rand();
      if (op < 0.6) {
        const score = Math.floor(rand() * 50) - 25;
        z.add(score, member, 0, limits);
        model.set(member, score);
      } else if (op < 0.8) {
        expect(z.delete(member)).toBe(model.delete(member));
      } else {
        const lo = Math.floor(rand() * 50) - 25;
        const hi = lo + Math.floor(rand() * 10);
        const first = z.zsl.firstInRange({ min: lo, max: hi, minEx: false, maxEx: true });
        const last = z.zsl.lastInRange({ min: lo, max: hi, minEx: false, maxEx: true });
        const sortedModel = [...model].sort((a, b) => compareEntry(a[1], a[0], b[1], b[0]));
        const inRange = sortedModel.filter(([, s]) => s >= lo && s < hi);
        expect(first?.member).toBe(inRange[0]?.[0]);
        expect(last?.member).toBe(inRange.at(-1)?.[0]);
      }
      if (step % 200 === 0) {
        const sortedModel = [...model].sort((a, b) => compareEntry(a[1], a[0], b[1], b[0]));
        const walked: string[] = [];
        for (let n = z.zsl.first(); n !== null; n = n.next[0]) walked.push(n.member);
        expect(walked).toEqual(sortedModel.map(([m]) => m));
        const back: string[] = [];
        for (let n = z.zsl.tail; n !== null; n = n.backward) back.push(n.member);
        expect(back.reverse()).toEqual(walked);
        sortedModel.forEach(([m], i) => {
          expect(z.rank(m, false)).toBe(i);
          expect(z.at(i)?.member).toBe(m);
        });
        expect(z.zsl.length).toBe(model.size);
      }
    }
  });

  it('deletes rank ranges and keeps spans right', () => {
    const zsl = new SkipList();
    for (let i = 0; i < 100; i++) zsl.insert(i, `m${i}`);
    const removed: string[] = [];
    expect(zsl.deleteRankRange(11, 20, (n) => removed.push(n.member))).toBe(10);
    expect(removed).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 10}`));
    expect(zsl.byRank(11)?.member).toBe('m20');
    expect(zsl.rankOf(99, 'm99')).toBe(90);
    expect(zsl.length).toBe(90);
  });

  it('compares lex bounds with - and + sentinels', () => {
    const zsl = new SkipList();
    for (const m of ['a', 'b', 'c']) zsl.insert(0, m);
    expect(zsl.firstInLexRange({ min: LEX_MIN, max: LEX_MAX, minEx: true, maxEx: true })?.member).toBe('a');
    expect(zsl.lastInLexRange({ min: 'a', max: 'c', minEx: true, maxEx: true })?.member).toBe('b');
    expect(zsl.firstInLexRange({ min: LEX_MAX, max: LEX_MIN, minEx: true, maxEx: true })).toBe(null);
    expect(zsl.firstInLexRange({ min: 'b', max: 'b', minEx: false, maxEx: false })?.member).toBe('b');
  });
});

describe('strtod emulation', () => {
  it('accepts what string2d accepts', () => {
    expect(strictDouble('1.5e3')).toBe(1500);
    expect(strictDouble('-INF')).toBe(-Infinity);
    expect(strictDouble('infinity')).toBe(Infinity);
    expect(strictDouble('0X1.8P1')).toBe(3);
    expect(strictDouble('0x.8')).toBe(0.5);
    expect(Object.is(strictDouble('-0'), -0)).toBe(true);
    expect(strictDouble('4.9e-324')).toBe(5e-324);
    for (const bad of ['', ' 1', '1 ', 'nan', 'NaN(1)', '1e999', '-1e999', '1e-999', '1\x002', '+', '.', 'e1', '0x', 'infx']) {
      expect(strictDouble(bad), JSON.stringify(bad)).toBe(null);
    }
  });

  it('reads range bounds with plain strtod rules', () => {
    expect(lenientDouble('', 0)).toBe(0);
    expect(lenientDouble('(', 1)).toBe(0);
    expect(lenientDouble(' \t5', 0)).toBe(5);
    expect(lenientDouble('1e999', 0)).toBe(Infinity);
    expect(lenientDouble('5\x00junk', 0)).toBe(5);
    expect(lenientDouble('5 ', 0)).toBe(null);
    expect(lenientDouble(' ', 0)).toBe(null);
    expect(lenientDouble('nan', 0)).toBe(null);
    expect(strtod('12abc').end).toBe(2);
    expect(strtod('1e+').end).toBe(1);
    expect(strtod('0x').end).toBe(1);
  });
});

describe('SetValue', () => {
  it('recognizes canonical int64 strings', () => {
    for (const s of ['0', '-1', '9223372036854775807', '-9223372036854775808', '123']) expect(isInt64String(s), s).toBe(true);
    for (const s of ['', '-', '-0', '01', '+1', '1.0', ' 1', '9223372036854775808', '-9223372036854775809', '1a'])
      expect(isInt64String(s), s).toBe(false);
  });

  it('orders intset members numerically and keeps random picks uniform', () => {
    const vals = ['5', '-10', '0', '100', '-9223372036854775808', '9223372036854775807', '-2'];
    expect([...vals].sort(compareIntStrings)).toEqual(['-9223372036854775808', '-10', '-2', '0', '5', '100', '9223372036854775807']);
    const s = new SetValue(true);
    for (const v of vals) s.add(v, 512);
    expect(s.members()).toEqual([...vals].sort(compareIntStrings));
    s.delete('0');
    expect(s.members()).not.toContain('0');
    expect(s.size).toBe(6);
    const copy = s.clone();
    copy.pop();
    expect(s.size).toBe(6);
    expect(copy.encoding()).toBe('intset');
  });
});
