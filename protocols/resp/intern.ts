// Interning of short arguments: the same bytes yield the same JS string.
//
// A fresh string costs an allocation plus, when used as a Map key, a hash
// computation that V8 stores with an atomic compare-and-swap. Command names,
// hot keys, channel names and common values repeat constantly, so short
// arguments seen twice at the same slot are cached; the first sighting only
// records a 32-bit hash (no object is kept, so unique keys do not keep
// garbage alive). Hashing and comparing read 4 bytes at a time through
// DataViews, which V8 compiles to plain loads.

const SLOTS = 4096;
const MAX_LEN = 64;
const cache: Array<string | undefined> = new Array(SLOTS).fill(undefined);
const seen = new Int32Array(SLOTS);
/** The bytes of each cached string, MAX_LEN per slot, for word-wise comparison. */
const arenaBytes = Buffer.alloc(SLOTS * MAX_LEN);
const arena = new DataView(arenaBytes.buffer, arenaBytes.byteOffset, arenaBytes.length);
let lastBuf: Buffer | null = null;
let lastView: DataView = arena;

/** The latin1 string for bytes [start, start+n), shared with earlier identical arguments when cached. */
export function internLatin1(buf: Buffer, start: number, n: number): string {
  if (n > MAX_LEN) return buf.latin1Slice(start, start + n);
  if (buf !== lastBuf) {
    // Callers decode from a few long-lived buffers (the shared read buffer, a pending buffer).
    lastBuf = buf;
    lastView = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }
  const dv = lastView;
  const words = n & ~3;
  let h = 0x811c9dc5 ^ n;
  let i = 0;
  for (; i < words; i += 4) h = Math.imul(h ^ dv.getUint32(start + i, true), 0x01000193);
  for (; i < n; i++) h = Math.imul(h ^ buf[start + i], 0x01000193);
  const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === n) {
    const base = slot * MAX_LEN;
    let j = 0;
    while (j < words && arena.getUint32(base + j, true) === dv.getUint32(start + j, true)) j += 4;
    if (j >= words) {
      j = words;
      while (j < n && arenaBytes[base + j] === buf[start + j]) j++;
      if (j === n) return cached;
    }
  }
  const fresh = buf.latin1Slice(start, start + n);
  if (seen[slot] === h) {
    cache[slot] = fresh;
    buf.copy(arenaBytes, slot * MAX_LEN, start, start + n);
  } else seen[slot] = h;
  return fresh;
}
