// DUMP / RESTORE of every collection type through the commands (in memory).
import { describe, expect, it } from 'vitest';
import { memoryClient as setup } from '../helpers/memory.js';
import { quicklistNodes } from '../../src/core/rdb-hash-list.js';
import { text as err } from '../helpers/replies.js';

/** DUMPs src and RESTOREs it as dst (REPLACE); returns the payload. */
function copyVia(c: ReturnType<typeof setup>['c'], src: string, dst: string): string {
  const payload = c.run('DUMP', src) as string;
  expect(c.run('RESTORE', dst, '0', payload, 'REPLACE')).toMatchObject({ text: 'OK' });
  return payload;
}

describe('collections round-trip through DUMP / RESTORE', () => {
  it('hashes, listpack and hashtable', () => {
    const { c } = setup();
    c.run('HSET', 'small', 'a', '1', 'b', '-2', 'c', 'x'.repeat(60));
    c.run('HSET', 'long', 'a', 'y'.repeat(100));
    c.run('HSET', 'many', ...Array.from({ length: 1000 }, (_, i) => [`f${i}`, `${i}`]).flat());
    for (const k of ['small', 'long', 'many']) {
      copyVia(c, k, `${k}2`);
      expect(c.run('HGETALL', `${k}2`)).toEqual(c.run('HGETALL', k));
      expect(c.run('OBJECT', 'ENCODING', `${k}2`)).toBe(c.run('OBJECT', 'ENCODING', k));
    }
  });
  it('lists of every size, under any list-max-listpack-size', () => {
    for (const fill of ['-2', '-1', '-5', '3', '128']) {
      const { c } = setup({ 'list-max-listpack-size': fill });
      c.run('RPUSH', 'l', ...Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? String(i - 1500) : `item-${i}-${'z'.repeat(i % 50)}`)));
      c.run('RPUSH', 'one', 'x');
      for (const k of ['l', 'one']) {
        copyVia(c, k, `${k}2`);
        expect(c.run('LRANGE', `${k}2`, '0', '-1')).toEqual(c.run('LRANGE', k, '0', '-1'));
      }
    }
  });
  it('sets and sorted sets, keeping their encodings', () => {
    const { c } = setup();
    c.run('SADD', 'ints', '5', '-1', '99999999999');
    c.run('SADD', 'strs', 'a', 'b', 'c');
    c.run('ZADD', 'z', '1.5', 'a', '-inf', 'b', '3', 'c');
    c.run('ZADD', 'bigz', ...Array.from({ length: 500 }, (_, i) => [String(i * 0.25), `m${i}`]).flat());
    for (const k of ['ints', 'strs']) {
      copyVia(c, k, `${k}2`);
      const members = (key: string) => [...((c.run('SMEMBERS', key) as unknown as { items: string[] }).items ?? (c.run('SMEMBERS', key) as string[]))].sort();
      expect(members(`${k}2`)).toEqual(members(k));
      expect(c.run('OBJECT', 'ENCODING', `${k}2`)).toBe(c.run('OBJECT', 'ENCODING', k));
    }
    for (const k of ['z', 'bigz']) {
      copyVia(c, k, `${k}2`);
      expect(c.run('ZRANGE', `${k}2`, '0', '-1', 'WITHSCORES')).toEqual(c.run('ZRANGE', k, '0', '-1', 'WITHSCORES'));
      expect(c.run('OBJECT', 'ENCODING', `${k}2`)).toBe(c.run('OBJECT', 'ENCODING', k));
    }
  });
  it('streams with consumer groups', () => {
    const { c } = setup();
    c.run('XADD', 's', '1-1', 'a', '1');
    c.run('XADD', 's', '2-1', 'a', '2', 'b', '3');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
    copyVia(c, 's', 's2');
    expect(c.run('XRANGE', 's2', '-', '+')).toEqual(c.run('XRANGE', 's', '-', '+'));
    expect(c.run('XPENDING', 's2', 'g')).toEqual(c.run('XPENDING', 's', 'g'));
    expect(c.run('DUMP', 's2')).toBe(c.run('DUMP', 's'));
  });
  it('a collection payload restored over a string with REPLACE takes its type', () => {
    const { c } = setup();
    c.run('RPUSH', 'l', 'a', 'b');
    c.run('SET', 'x', 'string');
    copyVia(c, 'l', 'x');
    expect(err(c.run('GET', 'x'))).toMatch(/^WRONGTYPE/);
    expect(c.run('LLEN', 'x')).toBe(2);
  });
});

describe('quicklist node split', () => {
  it('packs up to 8 KB per node by default, as RPUSH would', () => {
    const nodes = quicklistNodes(Array.from({ length: 100 }, () => 'x'.repeat(200)), -2);
    // 7-byte listpack + 204 bytes per entry; another fits while size + 200 + 8 <= 8192.
    expect(nodes.map((n) => n.length)).toEqual([40, 40, 20]);
  });
  it('counts entries for a positive fill, still capped at 8 KB', () => {
    expect(quicklistNodes(['a', 'b', 'c', 'd', 'e'], 2).map((n) => n.length)).toEqual([2, 2, 1]);
    expect(quicklistNodes(Array.from({ length: 10 }, () => 'y'.repeat(3000)), 100).map((n) => n.length)).toEqual([2, 2, 2, 2, 2]);
  });
});
