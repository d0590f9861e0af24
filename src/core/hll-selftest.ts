// PFSELFTEST: checks the packed 6-bit register access and the estimator's
// error bounds, with dense and sparse HLLs fed the same elements.
import { patIndex, patLenU64 } from './hll-hash.js';
import { HLL_DENSE_SIZE, HLL_REGISTERS, HLL_SPARSE, createHll, denseGet, denseSet, denseSetRaw, hllEncoding, hllSet } from './hll.js';
import { hllCount } from './hll-count.js';

const CYCLES = 1000;
const ELEMENTS = 10_000_000;

/** Runs the self test; null when it passes, else the TESTFAILED error text. */
export function hllSelfTest(maxBytes: number): string | null {
  const dense = { b: new Uint8Array(HLL_DENSE_SIZE + 1), len: HLL_DENSE_SIZE };
  dense.b.set([0x48, 0x59, 0x4c, 0x4c]);
  const expected = new Uint8Array(HLL_REGISTERS);
  // 1: every register keeps its value and leaves its neighbours alone.
  for (let j = 0; j < CYCLES; j++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = (Math.random() * 64) | 0;
      expected[i] = r;
      denseSetRaw(dense.b, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(dense.b, i);
      if (v !== expected[i]) return `TESTFAILED Register ${i} should be ${expected[i]} but is ${v}`;
    }
  }
  // 2: estimates within six standard errors at every power of ten; dense and sparse agree.
  dense.b.fill(0, 16);
  const sparse = createHll();
  const relErr = 1.04 / Math.sqrt(HLL_REGISTERS);
  const seedHi = (Math.random() * 0x100000000) >>> 0;
  const seedLo = (Math.random() * 0x100000000) >>> 0;
  let checkpoint = 1;
  for (let j = 1; j <= ELEMENTS; j++) {
    const count = patLenU64(seedHi, (j ^ seedLo) >>> 0);
    const index = patIndex;
    denseSet(dense.b, index, count);
    hllSet(sparse, index, count, maxBytes);
    if (j !== checkpoint) continue;
    if (j < maxBytes / 2 && hllEncoding(sparse) !== HLL_SPARSE) return 'TESTFAILED sparse encoding not used';
    const card = Number(hllCount(dense));
    if (card !== Number(hllCount(sparse))) return 'TESTFAILED dense/sparse disagree';
    // Cardinality 10 may collide now and then: allow an error of one there.
    const maxErr = j === 10 ? 1 : Math.ceil(relErr * 6 * checkpoint);
    const absErr = Math.abs(checkpoint - card);
    if (absErr > maxErr) return `TESTFAILED Too big error. card:${checkpoint} abserr:${absErr}`;
    checkpoint *= 10;
  }
  return null;
}
