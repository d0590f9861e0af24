// HyperLogLog cardinality: register histograms of each representation and
// Otmar Ertl's improved estimator (arXiv:1702.01284), computed in the same
// double-precision steps as Redis so PFCOUNT answers the same integer; and
// the register-wise max that PFMERGE and multi-key PFCOUNT build.
import { HLL_Q } from './hll-hash.js';
import { HLL_DENSE, HLL_HDR_SIZE, HLL_REGISTERS, denseGet, hllEncoding, walkSparse, type Hll } from './hll.js';

const ALPHA_INF = 0.721347520444481703680; // 0.5 / ln(2)
const TWO_63 = 9223372036854775808;

// One histogram reused by every count (64 slots: any 6-bit register value).
const histo = new Float64Array(64);

/** Adds the registers of a dense HLL to histo. */
function denseHisto(b: Uint8Array): void {
  // Four 6-bit registers per three bytes.
  for (let p = HLL_HDR_SIZE, end = HLL_HDR_SIZE + (HLL_REGISTERS * 6) / 8; p < end; p += 3) {
    const b0 = b[p], b1 = b[p + 1], b2 = b[p + 2];
    histo[b0 & 63]++;
    histo[((b0 >> 6) | (b1 << 2)) & 63]++;
    histo[((b1 >> 4) | (b2 << 4)) & 63]++;
    histo[(b2 >> 2) & 63]++;
  }
}

const addZeros = (run: number): void => {
  histo[0] += run;
};
const addVals = (value: number, run: number): void => {
  histo[value] += run;
};

/** Adds the registers of a sparse HLL to histo; false when they do not cover every register. */
function sparseHisto(h: Hll): boolean {
  return walkSparse(h, addZeros, addVals) === HLL_REGISTERS;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let zPrime: number;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let zPrime: number;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (zPrime !== z);
  return z / 3;
}

/**
 * The estimate from histo as Redis's uint64 (number, or bigint from 2^53).
 * Like llroundl, an estimate beyond the long long range becomes 2^63.
 */
function estimate(): number | bigint {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histo[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histo[j];
    z *= 0.5;
  }
  z += m * sigma(histo[0] / m);
  const e = (ALPHA_INF * m * m) / z;
  if (!(e < TWO_63)) return 1n << 63n;
  const r = Math.round(e);
  return r <= Number.MAX_SAFE_INTEGER ? r : BigInt(r);
}

/** Cardinality of a validated HLL (Redis hllCount); null when a sparse encoding is corrupt. */
export function hllCount(h: Hll): number | bigint | null {
  histo.fill(0);
  if (hllEncoding(h) === HLL_DENSE) denseHisto(h.b);
  else if (!sparseHisto(h)) return null;
  return estimate();
}

/** Cardinality of 16384 one-byte registers (the union PFCOUNT builds for several keys). */
export function hllCountRegisters(regs: Uint8Array): number | bigint {
  histo.fill(0);
  for (let i = 0; i < HLL_REGISTERS; i++) histo[regs[i]]++;
  return estimate();
}

/** max[i] = max(max[i], register i of h) (Redis hllMerge); false when a sparse encoding is corrupt. */
export function hllMerge(max: Uint8Array, h: Hll): boolean {
  if (hllEncoding(h) === HLL_DENSE) {
    const b = h.b;
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(b, i);
      if (v > max[i]) max[i] = v;
    }
    return true;
  }
  const covered = walkSparse(h, noop, (value, run, first) => {
    if (first + run > HLL_REGISTERS) return false;
    for (let i = first; i < first + run; i++) if (value > max[i]) max[i] = value;
  });
  return covered === HLL_REGISTERS;
}

function noop(): void {}
