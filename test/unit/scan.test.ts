// SCAN: cursor scheme guarantees, COUNT/MATCH/TYPE, errors; the generic helper.
import { describe, expect, it } from 'vitest';
import { type MemorySession, memoryClient as setup } from '../helpers/memory.js';
import { SCAN_CURSORS_MAX, parkedScanCursors, parseScanCursor, resetScanCursors, scanStep } from '../../src/core/scan.js';
import { parseScanOptions, scanCollection } from '../../src/commands/scanning.js';
import { text as err } from '../helpers/replies.js';


/** Runs a full SCAN iteration; `between` runs after every call. */
function fullScan(c: MemorySession, args: string[] = [], between?: (step: number) => void): { keys: string[]; calls: number } {
  let cursor = '0';
  const keys: string[] = [];
  let calls = 0;
  do {
    const [next, batch] = c.run('SCAN', cursor, ...args) as [string, string[]];
    keys.push(...batch);
    cursor = next;
    calls++;
    between?.(calls);
    if (calls > 100000) throw new Error('SCAN did not terminate');
  } while (cursor !== '0');
  return { keys, calls };
}

describe('SCAN basics', () => {
  it('returns every key exactly once on a quiet db, COUNT items per call', () => {
    const { c } = setup();
    for (let i = 0; i < 1000; i++) c.run('SET', `key:${i}`, 'v');
    const { keys, calls } = fullScan(c);
    expect(keys.length).toBe(1000);
    expect(new Set(keys).size).toBe(1000);
    expect(calls).toBe(100);
    expect(fullScan(c, ['COUNT', '7']).calls).toBe(143);
    expect(fullScan(c, ['COUNT', '5000']).calls).toBe(1);
  });
  it('returns cursor 0 in the call that exhausts the iteration', () => {
    const { c } = setup();
    for (let i = 0; i < 10; i++) c.run('SET', `k${i}`, 'v');
    const [cursor, keys] = c.run('SCAN', '0') as [string, string[]];
    expect(cursor).toBe('0');
    expect(keys.length).toBe(10);
    expect(c.run('SCAN', '0', 'COUNT', '3')).toEqual([expect.not.stringMatching(/^0$/), ['k0', 'k1', 'k2']]);
  });
  it('filters with MATCH and TYPE after counting', () => {
    const { c } = setup();
    for (let i = 0; i < 1000; i++) c.run('SET', `key:${i}`, 'v');
    expect(new Set(fullScan(c, ['MATCH', 'key:1??']).keys).size).toBe(100);
    expect(fullScan(c, ['MATCH', 'key:1??']).calls).toBe(100);
    expect(fullScan(c, ['TYPE', 'list']).keys.length).toBe(0);
    expect(fullScan(c, ['TYPE', 'STRING', 'MATCH', 'key:*', 'COUNT', '10']).keys.length).toBe(1000);
    expect(fullScan(c, ['MATCH', '*']).keys.length).toBe(1000);
  });
  it('drops expired keys, deleting them as Redis does', () => {
    const { c, clock, broker } = setup();
    for (let i = 0; i < 20; i++) c.run('SET', `k${i}`, 'v', ...(i % 2 === 0 ? ['PX', '10'] : []));
    clock.advance(11);
    expect(fullScan(c).keys.length).toBe(10);
    expect(broker.stats.expiredKeys).toBe(10);
    expect(c.run('DBSIZE')).toBe(10);
  });
  it('is per database', () => {
    const { c } = setup();
    c.run('SET', 'a', '1');
    c.run('SELECT', '1');
    c.run('SET', 'b', '1');
    expect(fullScan(c).keys).toEqual(['b']);
  });
});

describe('SCAN guarantees under writes', () => {
  it('reports every key present from start to end despite inserts, deletes and rehashes', () => {
    const { c } = setup();
    for (let i = 0; i < 100; i++) c.run('SET', `keep:${i}`, 'v');
    for (let i = 0; i < 500; i++) c.run('SET', `gone:${i}`, 'v');
    const { keys } = fullScan(c, ['COUNT', '3'], (step) => {
      // Grow the table a lot, then shrink it, while the iteration is parked.
      for (let j = 0; j < 20; j++) c.run('SET', `added:${step}:${j}`, 'v');
      if (step === 5) for (let i = 0; i < 500; i++) c.run('DEL', `gone:${i}`);
      if (step === 9) c.run('DEL', 'keep:0') && c.run('SET', 'keep:0', 'again');
    });
    const found = new Set(keys);
    for (let i = 1; i < 100; i++) expect(found.has(`keep:${i}`), `keep:${i}`).toBe(true);
  });
  it('terminates however fast writers add keys', () => {
    const { c } = setup();
    for (let i = 0; i < 100; i++) c.run('SET', `k${i}`, 'v');
    let added = 0;
    const { calls } = fullScan(c, ['COUNT', '1'], () => {
      for (let j = 0; j < 10; j++) c.run('SET', `new${added++}`, 'v');
    });
    expect(calls).toBe(100);
  });
  it('survives FLUSHDB and SWAPDB mid-iteration', () => {
    const { c } = setup();
    for (let i = 0; i < 50; i++) c.run('SET', `k${i}`, 'v');
    const [cursor] = c.run('SCAN', '0', 'COUNT', '10') as [string, string[]];
    c.run('FLUSHDB');
    c.run('SET', 'fresh', 'v');
    const rest = c.run('SCAN', cursor, 'COUNT', '1000') as [string, string[]];
    expect(rest).toEqual(['0', ['fresh']]);
    for (let i = 0; i < 50; i++) c.run('SET', `k${i}`, 'v');
    const [cur2] = c.run('SCAN', '0', 'COUNT', '10') as [string, string[]];
    c.run('SWAPDB', '0', '1');
    c.run('SET', 'x', 'v');
    // The parked iterator belongs to the old contents: the cursor restarts on the new ones.
    expect(c.run('SCAN', cur2, 'COUNT', '1000')).toEqual(['0', ['x']]);
  });
  it('restarts (never skips) on an unknown, replayed or foreign cursor', () => {
    const { c } = setup();
    for (let i = 0; i < 30; i++) c.run('SET', `k${i}`, 'v');
    const [c1, first] = c.run('SCAN', '0') as [string, string[]];
    const [, second] = c.run('SCAN', c1) as [string, string[]];
    expect(second).not.toEqual(first);
    // Replaying c1 (say, after a lost reply) starts over rather than skipping a page.
    expect((c.run('SCAN', c1) as [string, string[]])[1]).toEqual(first);
    expect((c.run('SCAN', '123456789') as [string, string[]])[1]).toEqual(first);
    expect((c.run('SCAN', '-1') as [string, string[]])[1]).toEqual(first);
    c.run('SELECT', '1');
    c.run('SET', 'other', 'v');
    const [c2] = c.run('SCAN', '0', 'COUNT', '0' === '0' ? '1' : '1') as [string, string[]];
    c.run('SELECT', '0');
    expect((c.run('SCAN', c2) as [string, string[]])[1]).toEqual(first);
  });
});

describe('SCAN arguments', () => {
  it('parses cursors as strtoul does', () => {
    expect(parseScanCursor('0')).toBe('0');
    expect(parseScanCursor('')).toBe('0');
    expect(parseScanCursor('+7')).toBe('7');
    expect(parseScanCursor('007')).toBe('7');
    expect(parseScanCursor('-1')).toBe('18446744073709551615');
    expect(parseScanCursor('-0')).toBe('0');
    expect(parseScanCursor('18446744073709551615')).toBe('18446744073709551615');
    for (const bad of ['18446744073709551616', ' 1', '1 ', 'x', '1x', '+', '-', '0x10', '1.0']) expect(parseScanCursor(bad), bad).toBe(null);
  });
  it('replies Redis errors', () => {
    const { c } = setup();
    expect(err(c.run('SCAN', 'abc'))).toBe('ERR invalid cursor');
    expect(err(c.run('SCAN', '0', 'COUNT', '0'))).toBe('ERR syntax error');
    expect(err(c.run('SCAN', '0', 'COUNT', 'x'))).toBe('ERR value is not an integer or out of range');
    expect(err(c.run('SCAN', '0', 'COUNT'))).toBe('ERR syntax error');
    expect(err(c.run('SCAN', '0', 'FOO', 'bar'))).toBe('ERR syntax error');
    expect(err(c.run('SCAN', 'x', 'FOO', 'bar'))).toBe('ERR invalid cursor');
    expect(c.wire('SCAN', '0')).toBe('*2\r\n$1\r\n0\r\n*0\r\n');
  });
  it('TYPE is for SCAN only', () => {
    expect(err(parseScanOptions(['HSCAN', 'k', '0', 'TYPE', 'x'], 3, false))).toBe('ERR syntax error');
    expect(parseScanOptions(['SCAN', '0', 'TYPE', 'x', 'MATCH', '*'], 2, true)).toEqual({ count: 10, pattern: null, type: 'x' });
  });
});

describe('cursor registry (core/scan.ts)', () => {
  it('keeps at most SCAN_CURSORS_MAX parked iterations, dropping the least recently used', () => {
    resetScanCursors();
    const source = new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, i] as const));
    const cursors: string[] = [];
    for (let i = 0; i < SCAN_CURSORS_MAX + 5; i++) cursors.push(scanStep(source, '0', () => source.keys(), 1, () => {}));
    expect(parkedScanCursors()).toBe(SCAN_CURSORS_MAX);
    const seen: string[] = [];
    // The oldest was evicted: it restarts from the first element.
    scanStep(source, cursors[0], () => source.keys(), 1, (k) => seen.push(k));
    // A recent one continues with the second element.
    scanStep(source, cursors[cursors.length - 1], () => source.keys(), 1, (k) => seen.push(k));
    expect(seen).toEqual(['k0', 'k1']);
    resetScanCursors();
  });
  it('serves any live iterable through scanCollection', () => {
    const set = new Set(['a', 'b', 'c', 'd', 'e']);
    const opts = { count: 2, pattern: null, type: null };
    const got: unknown[] = [];
    let cursor = '0';
    do {
      const [next, items] = scanCollection(set, cursor, opts, () => set.values(), (m, out) => out.push(m)) as [string, string[]];
      got.push(...items);
      cursor = next;
      set.add(`x${got.length}`); // growth while parked
    } while (cursor !== '0');
    for (const m of ['a', 'b', 'c', 'd', 'e']) expect(got).toContain(m);
    const all = scanCollection(set, '0', { ...opts, count: Infinity }, () => set.values(), (m, out) => out.push(m));
    expect((all as [string, unknown[]])[0]).toBe('0');
  });
});
