// LZF (the compression RDB strings use). Stream format:
//   000LLLLL                      literal run of L+1 bytes follows
//   LLLOOOOO OOOOOOOO             back reference: L+2 bytes (L in 1..6) at distance O+1
//   111OOOOO LLLLLLLL OOOOOOOO    back reference: L+9 bytes at distance O+1
// The compressor hashes 3-byte sequences into a 64K-slot table, looking
// only for the most recent occurrence, the same parameters Redis builds
// liblzf with, so short payloads tend to compress to identical bytes.

const HSIZE = 1 << 16;
const MAX_LIT = 32;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

const table = new Int32Array(HSIZE);

function slot(h: number): number {
  return ((h >>> 8) - Math.imul(h, 5)) & (HSIZE - 1);
}

/**
 * Compresses input into at most `maxOut` bytes; null when the result would
 * not fit (the caller then stores the data uncompressed).
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Uint8Array | null {
  const n = input.length;
  if (n === 0 || maxOut <= 0) return null;
  const out = new Uint8Array(maxOut + 1);
  table.fill(-1);
  let ip = 0;
  let op = 1; // room for the first literal run's control byte
  let lit = 0;
  let h = (input[0] << 8) | input[1];
  while (ip < n - 2) {
    h = ((h << 8) | input[ip + 2]) >>> 0;
    const s = slot(h);
    const ref = table[s];
    table[s] = ip;
    const off = ip - ref - 1;
    if (ref > 0 && off < MAX_OFF && input[ref + 2] === input[ip + 2] && input[ref] === input[ip] && input[ref + 1] === input[ip + 1]) {
      // A match of at least 3 bytes at distance off+1.
      let len = 2;
      const maxLen = Math.min(n - ip - len, MAX_REF);
      if (op + 4 >= maxOut && op - (lit === 0 ? 1 : 0) + 4 >= maxOut) return null;
      out[op - lit - 1] = lit - 1; // close the literal run
      if (lit === 0) op--; // (an empty run is dropped)
      do len++;
      while (len < maxLen && input[ref + len] === input[ip + len]);
      len -= 2; // now the match length minus one
      ip++;
      if (len < 7) out[op++] = (off >> 8) + (len << 5);
      else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // the next literal run's control byte
      ip += len + 1;
      if (ip >= n - 2) break;
      // Index the two positions just before ip, skipped by the match.
      ip -= 2;
      h = (input[ip] << 8) | input[ip + 1];
      h = ((h << 8) | input[ip + 2]) >>> 0;
      table[slot(h)] = ip;
      ip++;
      h = ((h << 8) | input[ip + 2]) >>> 0;
      table[slot(h)] = ip;
      ip++;
    } else {
      if (op >= maxOut) return null;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }
  if (op + 3 > maxOut) return null;
  while (ip < n) {
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return out.subarray(0, op);
}

/** Decompresses to exactly `outLen` bytes; null if the data is corrupt or the length differs. */
export function lzfDecompress(input: Uint8Array, outLen: number): Buffer | null {
  const out = Buffer.allocUnsafe(outLen);
  let ip = 0, op = 0;
  const n = input.length;
  while (ip < n) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (op + len > outLen || ip + len > n) return null;
      for (let i = 0; i < len; i++) out[op++] = input[ip++];
    } else {
      let len = ctrl >> 5;
      if (len === 7) {
        if (ip >= n) return null;
        len += input[ip++];
      }
      if (ip >= n) return null;
      const ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      len += 2;
      if (ref < 0 || op + len > outLen) return null;
      // Byte by byte: the source may overlap the bytes being written.
      for (let i = 0; i < len; i++) out[op++] = out[ref + i];
    }
  }
  return op === outLen ? out : null;
}
