// The HyperLogLog representation (sparse opcodes, dense registers, cache
// bytes, promotion) and the PF* commands in memory: replies, errors, TTL,
// WATCH, encodings and the hll-sparse-max-bytes parameter.
import { describe, expect, it } from 'vitest';
import { MapReply, NULL_ARRAY, StatusReply } from '../../protocols/reply.js';
import {
  HLL_DENSE, HLL_DENSE_SIZE, HLL_SPARSE, cacheValid, createHll, decodeHll, denseGet, denseSet, denseSetRaw, describeSparse, encodeHll,
  hllAdd, hllEncoding, invalidateCache, isHllString, readCache, sparseSet, sparseToDense, writeCache,
} from '../../src/core/hll.js';
import { hllCount, hllCountRegisters, hllMerge } from '../../src/core/hll-count.js';
import { hllSelfTest } from '../../src/core/hll-selftest.js';
import { memoryServer } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';

const HEADER = 'HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00';

describe('representation', () => {
  it('a new HLL is sparse: one XZERO opcode over 16384 registers, cardinality 0', () => {
    const h = createHll();
    expect(encodeHll(h)).toBe(`${HEADER}\x7f\xff`);
    expect(describeSparse(h)).toBe('Z:16384');
    expect(hllCount(h)).toBe(0);
    expect(cacheValid(h)).toBe(true);
  });

  it('setting registers splits and merges opcodes like Redis', () => {
    const h = createHll();
    expect(sparseSet(h, 100, 3, 3000)).toBe(1);
    expect(describeSparse(h)).toBe('Z:100 v:3,1 Z:16283');
    expect(sparseSet(h, 100, 2, 3000)).toBe(0);
    expect(sparseSet(h, 101, 3, 3000)).toBe(1);
    expect(describeSparse(h)).toBe('Z:100 v:3,2 Z:16282');
    expect(sparseSet(h, 0, 1, 3000)).toBe(1);
    expect(sparseSet(h, 5, 1, 3000)).toBe(1);
    expect(describeSparse(h)).toBe('v:1,1 z:4 v:1,1 Z:94 v:3,2 Z:16282');
    expect(sparseSet(h, 100, 4, 3000)).toBe(1);
    expect(describeSparse(h)).toBe('v:1,1 z:4 v:1,1 Z:94 v:4,1 v:3,1 Z:16282');
    expect(sparseSet(h, 101, 4, 3000)).toBe(1);
    expect(describeSparse(h)).toBe('v:1,1 z:4 v:1,1 Z:94 v:4,2 Z:16282');
    expect(cacheValid(h)).toBe(false);
    expect(hllCount(h)).toBe(4);
  });

  it('promotes to dense for a value above 32 or beyond hll-sparse-max-bytes', () => {
    const h = createHll();
    expect(sparseSet(h, 7, 33, 3000)).toBe(1);
    expect(hllEncoding(h)).toBe(HLL_DENSE);
    expect(h.len).toBe(HLL_DENSE_SIZE);
    expect(denseGet(h.b, 7)).toBe(33);
    const g = createHll();
    expect(sparseSet(g, 1000, 2, 18)).toBe(1);
    expect(hllEncoding(g)).toBe(HLL_DENSE);
    expect(denseGet(g.b, 1000)).toBe(2);
  });

  it('dense registers are 6-bit fields packed LSB first, including the last one', () => {
    const h = createHll();
    expect(sparseToDense(h)).toBe(true);
    const values: Array<[number, number]> = [[0, 63], [1, 1], [2, 62], [3, 5], [4, 33], [16382, 1], [16383, 63]];
    for (const [i, v] of values) denseSetRaw(h.b, i, v);
    for (const [i, v] of values) expect(denseGet(h.b, i)).toBe(v);
    // Registers 0..3 share bytes 0..2: 63 | 1<<6, 1>>2 | 62<<4, 62>>4 | 5<<2.
    expect([...h.b.subarray(16, 19)]).toEqual([63 | 64, (62 << 4) & 255, (62 >> 4) | (5 << 2)]);
    expect(h.b[HLL_DENSE_SIZE]).toBe(0);
    expect(denseSet(h.b, 1, 1)).toBe(0);
    expect(denseSet(h.b, 1, 2)).toBe(1);
    expect(denseGet(h.b, 0)).toBe(63);
    expect(denseGet(h.b, 2)).toBe(62);
    expect(decodeHll(encodeHll(h)).len).toBe(HLL_DENSE_SIZE);
  });

  it('validates strings as Redis does: length, magic, encoding, dense size', () => {
    expect(isHllString(`${HEADER}\x7f\xff`)).toBe(true);
    expect(isHllString(HEADER.slice(0, 15))).toBe(false);
    expect(isHllString(`HYLX${HEADER.slice(4)}`)).toBe(false);
    expect(isHllString(`HYLL\x02${HEADER.slice(5)}`)).toBe(false);
    expect(isHllString(`HYLL\x00${HEADER.slice(5)}`)).toBe(false);
    expect(isHllString(`HYLL\x00${HEADER.slice(5)}${'\x00'.repeat(12288)}`)).toBe(true);
  });

  it('the cached cardinality is 8 little-endian bytes, bit 63 meaning stale', () => {
    const h = createHll();
    writeCache(h, 0x0102030405);
    expect(encodeHll(h).slice(8, 16)).toBe('\x05\x04\x03\x02\x01\x00\x00\x00');
    expect(readCache(h)).toBe(0x0102030405);
    invalidateCache(h);
    expect(cacheValid(h)).toBe(false);
    writeCache(h, 2n ** 62n);
    expect(readCache(h)).toBe(2n ** 62n);
  });

  it('corrupt sparse encodings: runs short of or beyond 16384 registers', () => {
    const short = decodeHll(`${HEADER}\x7f\xfe`);
    expect(hllCount(short)).toBeNull();
    expect(sparseToDense(short)).toBe(false);
    expect(hllMerge(new Uint8Array(16384), short)).toBe(false);
    const over = decodeHll(`${HEADER}\x7f\xff\x80`);
    expect(hllCount(over)).toBeNull();
    expect(sparseToDense(over)).toBe(false);
    expect(hllEncoding(over)).toBe(HLL_SPARSE);
  });

  it('counts within the expected error and agrees between encodings; merge is register-wise max', () => {
    const sparse = createHll();
    const dense = createHll();
    sparseToDense(dense);
    for (let i = 0; i < 1000; i++) {
      hllAdd(sparse, `e${i}`, 100000);
      hllAdd(dense, `e${i}`, 3000);
    }
    expect(hllEncoding(sparse)).toBe(HLL_SPARSE);
    const n = Number(hllCount(sparse));
    expect(Number(hllCount(dense))).toBe(n);
    expect(Math.abs(n - 1000)).toBeLessThan(50);
    const max = new Uint8Array(16384);
    expect(hllMerge(max, sparse)).toBe(true);
    expect(hllCountRegisters(max)).toBe(n);
  });

  it('PFSELFTEST passes', () => {
    expect(hllSelfTest(3000)).toBeNull();
  }, 20_000);
});

describe('commands', () => {
  it('PFADD creates, reports register changes, keeps the TTL; PFCOUNT caches', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('PFADD', 'h')).toBe(1);
    expect(c.run('PFADD', 'h')).toBe(0);
    expect(c.run('PFCOUNT', 'h')).toBe(0);
    expect(c.run('PFADD', 'h', 'a', 'b', 'c')).toBe(1);
    expect(c.run('PFADD', 'h', 'a')).toBe(0);
    c.run('EXPIRE', 'h', '100');
    expect(c.run('PFADD', 'h', 'd')).toBe(1);
    expect(c.run('TTL', 'h')).toBe(100);
    expect((c.run('GET', 'h') as string).charCodeAt(15) & 0x80).toBe(0x80);
    expect(c.run('PFCOUNT', 'h')).toBe(4);
    expect((c.run('GET', 'h') as string).slice(8, 16)).toBe('\x04\x00\x00\x00\x00\x00\x00\x00');
    expect(c.run('TYPE', 'h')).toEqual(new StatusReply('string'));
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('raw');
    expect(c.run('PFCOUNT', 'nokey')).toBe(0);
  });

  it('a PFCOUNT that writes the cache counts as a modification for WATCH', () => {
    const { client } = memoryServer();
    const c = client();
    const w = client();
    c.run('PFADD', 'h', 'a');
    w.run('WATCH', 'h');
    c.run('PFCOUNT', 'h');
    w.run('MULTI');
    expect(w.run('EXEC')).toBe(NULL_ARRAY);
    w.run('WATCH', 'h');
    c.run('PFCOUNT', 'h'); // cache valid now: nothing written
    w.run('MULTI');
    expect(w.run('EXEC')).toEqual([]);
  });

  it('PFMERGE unions into the destination (created if missing), dense if any source is', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('PFADD', 'a', '1', '2', '3');
    c.run('PFADD', 'b', '3', '4');
    expect(text(c.run('PFMERGE', 'd', 'a', 'b', 'nokey'))).toBe('OK');
    expect(c.run('PFCOUNT', 'd')).toBe(4);
    expect(c.run('PFCOUNT', 'a', 'b')).toBe(4);
    expect(text(c.run('PFDEBUG', 'ENCODING', 'd'))).toBe('sparse');
    expect(c.run('PFDEBUG', 'TODENSE', 'b')).toBe(1);
    expect(text(c.run('PFMERGE', 'e', 'a', 'b'))).toBe('OK');
    expect(text(c.run('PFDEBUG', 'ENCODING', 'e'))).toBe('dense');
    expect(text(c.run('PFMERGE', 'empty'))).toBe('OK');
    expect(c.run('PFCOUNT', 'empty')).toBe(0);
  });

  it('PFDEBUG subcommands and their errors', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('PFADD', 'h', 'a');
    expect(c.run('PFDEBUG', 'DECODE', 'h')).toMatch(/^(Z|z):\d+ v:\d+,1 (Z|z):\d+$/);
    const regs = c.run('PFDEBUG', 'GETREG', 'h') as number[];
    expect(regs.length).toBe(16384);
    expect(regs.filter((r) => r !== 0).length).toBe(1);
    expect(text(c.run('PFDEBUG', 'ENCODING', 'h'))).toBe('dense');
    expect(text(c.run('PFDEBUG', 'DECODE', 'h'))).toBe('ERR HLL encoding is not sparse');
    expect(c.run('PFDEBUG', 'TODENSE', 'h')).toBe(0);
    expect(text(c.run('PFDEBUG', 'nope', 'h'))).toBe("ERR Unknown PFDEBUG subcommand 'nope'");
    expect(text(c.run('PFDEBUG', 'GETREG', 'nokey'))).toBe('ERR The specified key does not exist');
    expect(text(c.run('PFSELFTEST', 'x'))).toBe("ERR wrong number of arguments for 'pfselftest' command");
  });

  it('type errors: other types, non-HLL strings, corrupted HLLs', () => {
    const { client } = memoryServer();
    const c = client();
    c.run('LPUSH', 'l', 'a');
    c.run('SET', 's', 'not an hll value');
    const wrong = 'WRONGTYPE Operation against a key holding the wrong kind of value';
    const notHll = 'WRONGTYPE Key is not a valid HyperLogLog string value.';
    expect(text(c.run('PFADD', 'l', 'a'))).toBe(wrong);
    expect(text(c.run('PFCOUNT', 'nokey', 'l'))).toBe(wrong);
    expect(text(c.run('PFADD', 's', 'a'))).toBe(notHll);
    expect(text(c.run('PFCOUNT', 's'))).toBe(notHll);
    expect(text(c.run('PFMERGE', 'd', 's'))).toBe(notHll);
    expect(c.run('EXISTS', 'd')).toBe(0);
    c.run('SET', 'bad', `${HEADER.slice(0, 15)}\x80\x7f\xfe`);
    expect(text(c.run('PFCOUNT', 'bad'))).toBe('INVALIDOBJ Corrupted HLL object detected');
    expect(text(c.run('PFMERGE', 'd', 'bad'))).toBe('INVALIDOBJ Corrupted HLL object detected');
    expect(text(c.run('PFDEBUG', 'TODENSE', 'bad'))).toBe('INVALIDOBJ Corrupted HLL object detected');
  });

  it('hll-sparse-max-bytes is a config parameter (default 3000) deciding promotion', () => {
    const { client } = memoryServer();
    const c = client();
    expect(c.run('CONFIG', 'GET', 'hll-sparse-max-bytes')).toEqual(new MapReply(['hll-sparse-max-bytes', '3000']));
    expect(text(c.run('CONFIG', 'SET', 'hll-sparse-max-bytes', '30'))).toBe('OK');
    c.run('PFADD', 'h', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(text(c.run('PFDEBUG', 'ENCODING', 'h'))).toBe('dense');
  });
});
