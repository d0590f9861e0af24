// MurmurHash64A (Austin Appleby's 64-bit MurmurHash2, read little endian as
// Redis does on every platform) over latin1 strings, and the HyperLogLog
// "register index + run length" derived from it. 64-bit words are kept as
// two uint32 halves so nothing here allocates or touches BigInt.

/** Seed Redis uses for HyperLogLog element hashes. */
export const HLL_SEED = 0xadc83b19;
/** log2 of the register count (Redis's HLL_P). */
export const HLL_P = 14;
/** Bits of the hash left for the run of zeroes (Redis's HLL_Q). */
export const HLL_Q = 64 - HLL_P;

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;

/** High 32 bits of the 64-bit product of two uint32 values. */
function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16;
  const b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
}

// Result registers of the last multiply / hash (module state instead of allocated pairs).
let rHi = 0;
let rLo = 0;

/** (hi, lo) * m mod 2^64 into rHi/rLo. */
function mulM(hi: number, lo: number): void {
  rLo = Math.imul(lo, M_LO) >>> 0;
  rHi = (mulHi32(lo, M_LO) + Math.imul(hi, M_LO) + Math.imul(lo, M_HI)) >>> 0;
}

/** High half of the last hash64() result. */
export let hashHi = 0;
/** Low half of the last hash64() result. */
export let hashLo = 0;

/** MurmurHash64A of the latin1 bytes of s with a 32-bit seed; the result is left in hashHi/hashLo. */
export function hash64(s: string, seed: number): void {
  const len = s.length;
  // h = seed ^ (len * m)
  mulM(0, len >>> 0);
  let hHi = rHi;
  let hLo = (rLo ^ seed) >>> 0;
  const whole = len - (len & 7);
  for (let i = 0; i < whole; i += 8) {
    const kLo = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)) >>> 0;
    const kHi = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24)) >>> 0;
    mulM(kHi, kLo);
    // k ^= k >> 47; k *= m
    mulM(rHi, (rLo ^ (rHi >>> 15)) >>> 0);
    hHi = (hHi ^ rHi) >>> 0;
    hLo = (hLo ^ rLo) >>> 0;
    mulM(hHi, hLo);
    hHi = rHi;
    hLo = rLo;
  }
  const rest = len & 7;
  if (rest !== 0) {
    for (let j = rest - 1; j >= 0; j--) {
      const byte = s.charCodeAt(whole + j);
      if (j >= 4) hHi = (hHi ^ (byte << ((j - 4) * 8))) >>> 0;
      else hLo = (hLo ^ (byte << (j * 8))) >>> 0;
    }
    mulM(hHi, hLo);
    hHi = rHi;
    hLo = rLo;
  }
  // h ^= h >> 47; h *= m; h ^= h >> 47
  mulM(hHi, (hLo ^ (hHi >>> 15)) >>> 0);
  hashHi = rHi;
  hashLo = (rLo ^ (rHi >>> 15)) >>> 0;
}

/** Register index of the last patLen() call. */
export let patIndex = 0;

/**
 * Redis hllPatLen: hashes s, leaves its register index (low 14 bits) in
 * patIndex and returns the length of the "000..1" run in the remaining
 * bits, counting the final 1 (1..51).
 */
export function patLen(s: string): number {
  hash64(s, HLL_SEED);
  patIndex = hashLo & ((1 << HLL_P) - 1);
  const low = hashLo >>> HLL_P; // 18 bits
  if (low !== 0) return 1 + ctz32(low);
  if (hashHi !== 0) return 1 + (32 - HLL_P) + ctz32(hashHi);
  return HLL_Q + 1;
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** patLen() of the 8 little-endian bytes of the uint64 (hi, lo), without building a string (PFSELFTEST). */
export function patLenU64(hi: number, lo: number): number {
  // One 8-byte block: h = seed ^ (8 * m); mix k; h *= m; finalize.
  mulM(0, 8);
  let hHi = rHi;
  let hLo = (rLo ^ HLL_SEED) >>> 0;
  mulM(hi >>> 0, lo >>> 0);
  mulM(rHi, (rLo ^ (rHi >>> 15)) >>> 0);
  hHi = (hHi ^ rHi) >>> 0;
  hLo = (hLo ^ rLo) >>> 0;
  mulM(hHi, hLo);
  mulM(rHi, (rLo ^ (rHi >>> 15)) >>> 0);
  hashHi = rHi;
  hashLo = (rLo ^ (rHi >>> 15)) >>> 0;
  patIndex = hashLo & ((1 << HLL_P) - 1);
  const low = hashLo >>> HLL_P;
  if (low !== 0) return 1 + ctz32(low);
  if (hashHi !== 0) return 1 + (32 - HLL_P) + ctz32(hashHi);
  return HLL_Q + 1;
}
