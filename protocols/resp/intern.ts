// Interning of short arguments: the same bytes yield the same JS string.
//
// A fresh string costs an allocation plus, when used as a Map key, a hash
// computation that V8 stores with an atomic compare-and-swap. Command names,
// hot keys, channel names and common values repeat constantly, so short
// arguments seen twice at the same slot are cached; the first sighting only
// records a 32-bit hash (no object is kept, so unique keys do not keep
// garbage alive).

const SLOTS = 4096;
const MAX_LEN = 64;
const cache: Array<string | undefined> = new Array(SLOTS).fill(undefined);
const seen = new Int32Array(SLOTS);

/** The latin1 string for bytes [start, start+n), shared with earlier identical arguments when cached. */
export function internLatin1(buf: Buffer, start: number, n: number): string {
  if (n > MAX_LEN) return buf.latin1Slice(start, start + n);
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ buf[start + i], 0x01000193);
  const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === n) {
    let i = 0;
    while (i < n && cached.charCodeAt(i) === buf[start + i]) i++;
    if (i === n) return cached;
  }
  const fresh = buf.latin1Slice(start, start + n);
  if (seen[slot] === h) cache[slot] = fresh;
  else seen[slot] = h;
  return fresh;
}
