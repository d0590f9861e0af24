// ListValue: the ring-buffer deque checked against a plain array model,
// including wrap-around, growth and shrinking.
import { describe, expect, it } from 'vitest';
import { ListValue } from '../../src/core/types/list.js';
import { lcg as rng } from '../helpers/codec.js';

describe('ListValue', () => {
  it('pushes and pops at both ends', () => {
    const l = new ListValue();
    l.pushTail('b');
    l.pushHead('a');
    l.pushTail('c');
    expect(l.toArray()).toEqual(['a', 'b', 'c']);
    expect(l.popHead()).toBe('a');
    expect(l.popTail()).toBe('c');
    expect(l.popTail()).toBe('b');
    expect(l.popTail()).toBeUndefined();
    expect(l.popHead()).toBeUndefined();
    expect(l.length).toBe(0);
  });

  it('indexes, sets, ranges and reverses across the wrap point', () => {
    const l = new ListValue();
    for (let i = 0; i < 6; i++) l.pushTail(String(i));
    for (let i = 0; i < 4; i++) l.popHead();
    for (let i = 6; i < 12; i++) l.pushTail(String(i)); // wraps in a capacity-8 buffer
    expect(l.toArray()).toEqual(['4', '5', '6', '7', '8', '9', '10', '11']);
    expect(l.at(0)).toBe('4');
    expect(l.at(7)).toBe('11');
    l.setAt(3, 'x');
    expect(l.range(2, 4)).toEqual(['6', 'x', '8']);
    expect(l.range(2, 4, true)).toEqual(['8', 'x', '6']);
    expect(l.indexOf('x')).toBe(3);
    expect(l.indexOf('nope')).toBe(-1);
  });

  it('matches an array model under random operations', () => {
    const rand = rng(42);
    const l = new ListValue();
    const model: string[] = [];
    for (let step = 0; step < 20000; step++) {
      const op = Math.floor(rand() * 9);
      const v = String(Math.floor(rand() * 20));
      switch (op) {
        case 0: l.pushHead(v); model.unshift(v); break;
        case 1: l.pushTail(v); model.push(v); break;
        case 2: expect(l.popHead()).toBe(model.shift()); break;
        case 3: expect(l.popTail()).toBe(model.pop()); break;
        case 4: {
          const i = Math.floor(rand() * (model.length + 1));
          l.insertAt(i, v);
          model.splice(i, 0, v);
          break;
        }
        case 5: {
          const limit = Math.floor(rand() * 3);
          const fromTail = rand() < 0.5;
          let removed = 0;
          const idx = model.map((_x, i) => i);
          if (fromTail) idx.reverse();
          const drop = new Set<number>();
          for (const i of idx) if (model[i] === v && (limit === 0 || removed < limit)) { drop.add(i); removed++; }
          expect(l.remove(v, limit, fromTail)).toBe(removed);
          const next = model.filter((_x, i) => !drop.has(i));
          model.length = 0;
          model.push(...next);
          break;
        }
        case 6: {
          if (rand() < 0.9) break; // trims are rare so the list gets long
          const left = Math.floor(rand() * 4);
          const right = Math.floor(rand() * 4);
          l.trim(left, right);
          model.splice(0, left);
          model.splice(Math.max(0, model.length - right), right);
          break;
        }
        case 7: if (model.length > 0) { const i = Math.floor(rand() * model.length); l.setAt(i, v); model[i] = v; } break;
        case 8: if (rand() < 0.01) { while (model.length > 0) { model.pop(); l.popTail(); } } break;
      }
      expect(l.length).toBe(model.length);
      if (step % 97 === 0) expect(l.toArray()).toEqual(model);
    }
    expect(l.toArray()).toEqual(model);
  });

  it('grows to large sizes and shrinks back', () => {
    const l = new ListValue();
    for (let i = 0; i < 10000; i++) l.pushHead(String(i));
    expect(l.at(0)).toBe('9999');
    expect(l.at(9999)).toBe('0');
    for (let i = 0; i < 9990; i++) l.popTail();
    expect(l.toArray()).toEqual(['9999', '9998', '9997', '9996', '9995', '9994', '9993', '9992', '9991', '9990']);
  });

  it('is always a quicklist in Redis 7.0 and clones deeply', () => {
    const l = ListValue.from(['a', 'b']);
    expect(l.encoding()).toBe('quicklist');
    const c = l.clone();
    c.pushTail('c');
    expect(l.toArray()).toEqual(['a', 'b']);
    expect(c.toArray()).toEqual(['a', 'b', 'c']);
  });
});
