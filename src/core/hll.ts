// The HyperLogLog string representation, byte for byte as Redis stores it:
// a 16-byte header ("HYLL", encoding, 3 unused bytes, cached cardinality in
// little endian with bit 63 meaning "stale") followed by either 16384 6-bit
// registers packed LSB first (dense, 12288 bytes) or run-length opcodes
// (sparse: ZERO 00xxxxxx, XZERO 01xxxxxx xxxxxxxx, VAL 1vvvvvxx). The value
// lives in the keyspace as a latin1 string; commands decode it into an Hll
// (a growable byte buffer), mutate it and store it back as a string.
import { patIndex, patLen } from './hll-hash.js';

export const HLL_HDR_SIZE = 16;
export const HLL_REGISTERS = 16384;
export const HLL_BITS = 6;
const REGISTER_MAX = 63;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + ((HLL_REGISTERS * HLL_BITS + 7) >> 3);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
const ENCODING_OFFSET = 4;
const CARD_OFFSET = 8;

const VAL_MAX_VALUE = 32;
const VAL_MAX_LEN = 4;
const ZERO_MAX_LEN = 64;
const XZERO_MAX_LEN = 16384;

/** A decoded HLL: `len` bytes of `b` are the value; b[len] is always 0 (Redis reads one byte past the end). */
export interface Hll {
  b: Uint8Array;
  len: number;
}

/**
 * Redis isHLLObjectOrReply on a string value: long enough for a header,
 * "HYLL" magic, a known encoding, and exactly the dense size when dense.
 */
export function isHllString(s: string): boolean {
  if (s.length < HLL_HDR_SIZE) return false;
  if (s.charCodeAt(0) !== 0x48 || s.charCodeAt(1) !== 0x59 || s.charCodeAt(2) !== 0x4c || s.charCodeAt(3) !== 0x4c) return false;
  const enc = s.charCodeAt(ENCODING_OFFSET);
  if (enc > HLL_SPARSE) return false;
  return enc !== HLL_DENSE || s.length === HLL_DENSE_SIZE;
}

/** A new empty HLL: sparse, one XZERO opcode covering every register (Redis createHLLObject). */
export function createHll(): Hll {
  const b = new Uint8Array(32);
  b[0] = 0x48; b[1] = 0x59; b[2] = 0x4c; b[3] = 0x4c;
  b[ENCODING_OFFSET] = HLL_SPARSE;
  let p = HLL_HDR_SIZE;
  for (let left = HLL_REGISTERS; left > 0; ) {
    const run = Math.min(left, XZERO_MAX_LEN);
    setXzero(b, p, run);
    p += 2;
    left -= run;
  }
  return { b, len: p };
}

/** The bytes of a (validated) HLL string, with room to grow a sparse encoding. */
export function decodeHll(s: string): Hll {
  const n = s.length;
  const b = Buffer.alloc(n + 8);
  b.latin1Write(s, 0, n);
  return { b, len: n };
}

/** The HLL back as a latin1 string for the keyspace. */
export function encodeHll(h: Hll): string {
  const b = h.b;
  return (b instanceof Buffer ? b : Buffer.from(b.buffer, b.byteOffset, b.length)).latin1Slice(0, h.len);
}

/** HLL_DENSE or HLL_SPARSE. */
export function hllEncoding(h: Hll): number {
  return h.b[ENCODING_OFFSET];
}

/** Marks the cached cardinality stale (sets bit 63). */
export function invalidateCache(h: Hll): void {
  h.b[CARD_OFFSET + 7] |= 0x80;
}

/** True when the cached cardinality may be used. */
export function cacheValid(h: Hll): boolean {
  return (h.b[CARD_OFFSET + 7] & 0x80) === 0;
}

/** The cached cardinality (a uint64 with bit 63 clear) as a number or, beyond 2^53, a bigint. */
export function readCache(h: Hll): number | bigint {
  const b = h.b;
  const lo = (b[8] | (b[9] << 8) | (b[10] << 16) | (b[11] << 24)) >>> 0;
  const hi = (b[12] | (b[13] << 8) | (b[14] << 16) | (b[15] << 24)) >>> 0;
  if (hi < 0x200000) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Stores a cardinality (0 <= card < 2^64, as computed by hllCount) in the cache bytes. */
export function writeCache(h: Hll, card: number | bigint): void {
  let v = typeof card === 'bigint' ? BigInt.asUintN(64, card) : BigInt(card);
  for (let i = 0; i < 8; i++) {
    h.b[CARD_OFFSET + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

// ---- dense registers --------------------------------------------------------

/** Register i of a dense HLL (registers start after the header). */
export function denseGet(b: Uint8Array, i: number): number {
  const bit = i * HLL_BITS;
  const byte = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  return ((b[byte] >> fb) | (b[byte + 1] << (8 - fb))) & REGISTER_MAX;
}

/** Sets register i of a dense HLL to v (0..63). */
export function denseSetRaw(b: Uint8Array, i: number, v: number): void {
  const bit = i * HLL_BITS;
  const byte = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  const fb8 = 8 - fb;
  b[byte] = (b[byte] & ~(REGISTER_MAX << fb)) | (v << fb);
  b[byte + 1] = (b[byte + 1] & ~(REGISTER_MAX >> fb8)) | (v >> fb8);
}

/** Raises register i to count if it is lower; 1 if it changed (Redis hllDenseSet). */
export function denseSet(b: Uint8Array, i: number, count: number): number {
  if (count <= denseGet(b, i)) return 0;
  denseSetRaw(b, i, count);
  return 1;
}

// ---- sparse opcodes ---------------------------------------------------------

function setXzero(b: Uint8Array, p: number, len: number): void {
  const l = len - 1;
  b[p] = (l >> 8) | 0x40;
  b[p + 1] = l & 0xff;
}

function valOp(value: number, len: number): number {
  return ((value - 1) << 2) | (len - 1) | 0x80;
}

const isZero = (op: number) => (op & 0xc0) === 0;
const isXzero = (op: number) => (op & 0xc0) === 0x40;
const isVal = (op: number) => (op & 0x80) !== 0;
const zeroLen = (op: number) => (op & 0x3f) + 1;
const xzeroLen = (op: number, next: number) => (((op & 0x3f) << 8) | next) + 1;
const valValue = (op: number) => ((op >> 2) & 0x1f) + 1;
const valLen = (op: number) => (op & 0x3) + 1;

/**
 * Walks the sparse opcodes of h, calling zero(run) and val(value, run, first
 * register) in order; returns the number of registers covered, or -1 when val
 * returned false (a run passing the last register: the redis-server we follow,
 * patched for CVE-2025-32023, treats that as corruption even when the runs
 * before it cover every register).
 */
export function walkSparse(h: Hll, zero: (run: number) => void, val: (value: number, run: number, first: number) => boolean | void): number {
  const b = h.b;
  const end = h.len;
  let idx = 0;
  for (let p = HLL_HDR_SIZE; p < end; ) {
    const op = b[p];
    if (isZero(op)) {
      const run = zeroLen(op);
      zero(run);
      idx += run;
      p++;
    } else if (isXzero(op)) {
      const run = xzeroLen(op, b[p + 1]);
      zero(run);
      idx += run;
      p += 2;
    } else {
      const run = valLen(op);
      if (val(valValue(op), run, idx) === false) return -1;
      idx += run;
      p++;
    }
  }
  return idx;
}

/** PFDEBUG DECODE: the opcodes as "z:run", "Z:run" (XZERO) and "v:value,run", space separated. */
export function describeSparse(h: Hll): string {
  const b = h.b;
  const parts: string[] = [];
  for (let p = HLL_HDR_SIZE; p < h.len; ) {
    const op = b[p];
    if (isZero(op)) {
      parts.push(`z:${zeroLen(op)}`);
      p++;
    } else if (isXzero(op)) {
      parts.push(`Z:${xzeroLen(op, b[p + 1])}`);
      p += 2;
    } else {
      parts.push(`v:${valValue(op)},${valLen(op)}`);
      p++;
    }
  }
  return parts.join(' ');
}

/** Sparse to dense in place (Redis hllSparseToDense); false when the opcodes do not cover exactly every register. */
export function sparseToDense(h: Hll): boolean {
  if (h.b[ENCODING_OFFSET] === HLL_DENSE) return true;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense.set(h.b.subarray(0, HLL_HDR_SIZE));
  dense[ENCODING_OFFSET] = HLL_DENSE;
  const covered = walkSparse(h, noop, (value, run, first) => {
    if (first + run > HLL_REGISTERS) return false;
    for (let i = 0; i < run; i++) denseSetRaw(dense, first + i, value);
  });
  if (covered !== HLL_REGISTERS) return false;
  h.b = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

function noop(): void {}

function ensureRoom(h: Hll, extra: number): void {
  if (h.len + extra + 1 <= h.b.length) return;
  const b = new Uint8Array(Math.max(h.b.length * 2, h.len + extra + 1));
  b.set(h.b.subarray(0, h.len));
  h.b = b;
}

// Scratch for the replacement sequence of a split opcode (at most XZERO VAL XZERO).
const seq = new Uint8Array(5);

/**
 * Raises register `index` of a sparse HLL to `count` (Redis hllSparseSet):
 * 1 if it changed, 0 if not, -1 if the encoding is corrupt. Promotes to
 * dense when the value does not fit a VAL opcode or the string would grow
 * beyond maxBytes (hll-sparse-max-bytes).
 */
export function sparseSet(h: Hll, index: number, count: number, maxBytes: number): number {
  if (count > VAL_MAX_VALUE) return promote(h, index, count);
  ensureRoom(h, 3);
  const b = h.b;
  let end = h.len;
  // Step 1: find the opcode covering index.
  let p = HLL_HDR_SIZE;
  let first = 0;
  let prev = -1;
  let span = 0;
  while (p < end) {
    const op = b[p];
    let oplen = 1;
    if (isZero(op)) span = zeroLen(op);
    else if (isVal(op)) span = valLen(op);
    else {
      span = xzeroLen(op, b[p + 1]);
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;
  const op = b[p];
  let next = isXzero(op) ? p + 2 : p + 1;
  if (next >= end) next = -1;
  const zero = isZero(op);
  const xzero = isXzero(op);
  const runlen = zero ? zeroLen(op) : xzero ? xzeroLen(op, b[p + 1]) : valLen(op);

  updated: {
    // Step 2: the trivial cases, updated in place.
    if (!zero && !xzero) {
      if (valValue(op) >= count) return 0;
      if (runlen === 1) {
        b[p] = valOp(count, 1);
        break updated;
      }
    }
    if (zero && runlen === 1) {
      b[p] = valOp(count, 1);
      break updated;
    }
    // General case: split the opcode into up to three.
    const last = first + span - 1;
    let n = 0;
    if (zero || xzero) {
      if (index !== first) n = putZeroRun(index - first, n);
      seq[n++] = valOp(count, 1);
      if (index !== last) n = putZeroRun(last - index, n);
    } else {
      const cur = valValue(op);
      if (index !== first) seq[n++] = valOp(cur, index - first);
      seq[n++] = valOp(count, 1);
      if (index !== last) seq[n++] = valOp(cur, last - index);
    }
    // Step 3: substitute the sequence for the old opcode.
    const delta = n - (xzero ? 2 : 1);
    if (delta > 0 && h.len + delta > maxBytes) return promote(h, index, count);
    if (delta !== 0 && next >= 0) b.copyWithin(next + delta, next, end);
    h.len += delta;
    b[h.len] = 0;
    b.set(seq.subarray(0, n), p);
    end += delta;
  }

  // Step 4: merge adjacent VAL opcodes of equal value, scanning a few opcodes from prev.
  p = prev >= 0 ? prev : HLL_HDR_SIZE;
  let scan = 5;
  while (p < end && scan-- !== 0) {
    const o = b[p];
    if (isXzero(o)) {
      p += 2;
      continue;
    }
    if (isZero(o)) {
      p++;
      continue;
    }
    if (p + 1 < end && isVal(b[p + 1])) {
      const v = valValue(o);
      if (v === valValue(b[p + 1])) {
        const len = valLen(o) + valLen(b[p + 1]);
        if (len <= VAL_MAX_LEN) {
          b[p + 1] = valOp(v, len);
          b.copyWithin(p, p + 1, end);
          end--;
          h.len--;
          b[h.len] = 0;
          continue;
        }
      }
    }
    p++;
  }
  invalidateCache(h);
  return 1;
}

function putZeroRun(len: number, n: number): number {
  if (len > ZERO_MAX_LEN) {
    setXzero(seq, n, len);
    return n + 2;
  }
  seq[n] = len - 1;
  return n + 1;
}

function promote(h: Hll, index: number, count: number): number {
  if (!sparseToDense(h)) return -1;
  denseSet(h.b, index, count);
  return 1;
}

/** Adds an element (Redis hllAdd): 1 if a register changed, 0 if not, -1 on a corrupt sparse encoding. */
export function hllAdd(h: Hll, element: string, maxBytes: number): number {
  const count = patLen(element);
  const index = patIndex;
  if (h.b[ENCODING_OFFSET] === HLL_DENSE) return denseSet(h.b, index, count);
  if (h.b[ENCODING_OFFSET] === HLL_SPARSE) return sparseSet(h, index, count, maxBytes);
  return -1;
}

/** Raises register index to count, whatever the encoding (PFMERGE's write-back): 1 changed, 0 not, -1 corrupt. */
export function hllSet(h: Hll, index: number, count: number, maxBytes: number): number {
  if (h.b[ENCODING_OFFSET] === HLL_DENSE) return denseSet(h.b, index, count);
  return sparseSet(h, index, count, maxBytes);
}
