// Seeded randomness and chunkings for codec tests: every case runs whole,
// byte by byte and in random splits, reproducibly (a failing seed is printed
// in the test name, so it can be replayed alone).

/** A deterministic PRNG (mulberry32): same seed, same sequence; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic linear congruential PRNG (Numerical Recipes constants); returns floats in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** An integer in [lo, hi] drawn from `rnd`. */
export function randInt(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/** `n` pseudo-random bytes (all 256 values likely) from `rnd`. */
export function randomBytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (rnd() * 256) | 0;
  return b;
}

/** The input as one chunk. */
export function whole(buf: Buffer): Buffer[] {
  return [buf];
}

/** The input one byte per chunk. */
export function byteByByte(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i++) out.push(buf.subarray(i, i + 1));
  return out;
}

/**
 * The input cut at random points. Chunk sizes mix tiny cuts (1-3 bytes, to
 * land inside headers and CRLFs) with larger ones up to `maxChunk`.
 */
export function randomSplit(buf: Buffer, rnd: () => number, maxChunk = 64): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  while (p < buf.length) {
    const n = rnd() < 0.4 ? randInt(rnd, 1, 3) : randInt(rnd, 1, maxChunk);
    out.push(buf.subarray(p, Math.min(buf.length, p + n)));
    p += n;
  }
  return out;
}

/** Latin1 (one byte per char) encoding of a test string. */
export function bytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

/** A printable form of bytes for test names and failure messages. */
export function show(b: Buffer | string, max = 80): string {
  const s = typeof b === 'string' ? b : b.toString('latin1');
  const j = JSON.stringify(s.length > max ? `${s.slice(0, max)}…(${s.length} bytes)` : s);
  return j.replace(/[\u0080-\u00ff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** What a decoder produced from a sequence of chunks. */
export interface Decoded {
  commands: string[][];
  error: string | null;
  /** decoder.pendingBytes() after the last chunk fed. */
  pending: number;
  /** Index of the chunk that produced the error (-1 if none). */
  errorChunk: number;
}

/** The decoder surface the tests drive (protocols/resp/decoder.ts RequestDecoder). */
export interface ChunkDecoder {
  decode(chunk: Buffer, out: string[][]): string | null;
  pendingBytes(): number;
}

/**
 * Feeds chunks to `decoder` until the end or the first protocol error. Each
 * chunk is a fresh copy that is scribbled over after decode() returns, so a
 * decoder that keeps a view into a caller's buffer produces wrong arguments.
 */
export function feed(decoder: ChunkDecoder, chunks: Buffer[]): Decoded {
  const commands: string[][] = [];
  for (let i = 0; i < chunks.length; i++) {
    const copy = Buffer.from(chunks[i]);
    const error = decoder.decode(copy, commands);
    copy.fill(0xee);
    if (error !== null) return { commands, error, pending: decoder.pendingBytes(), errorChunk: i };
  }
  return { commands, error: null, pending: decoder.pendingBytes(), errorChunk: -1 };
}

/** A named way of cutting an input. */
export interface Chunking {
  name: string;
  chunks: (buf: Buffer) => Buffer[];
}

/** Whole, byte by byte (unless the input is larger than `byteLimit`), and `seeds` random splits. */
export function chunkings(seeds: number, opts: { byteLimit?: number; maxChunk?: number; firstSeed?: number } = {}): Chunking[] {
  const byteLimit = opts.byteLimit ?? 1 << 16;
  const first = opts.firstSeed ?? 1;
  const list: Chunking[] = [
    { name: 'whole', chunks: whole },
    { name: 'byte by byte', chunks: (b) => (b.length <= byteLimit ? byteByByte(b) : whole(b)) },
  ];
  for (let s = first; s < first + seeds; s++) {
    list.push({ name: `split seed ${s}`, chunks: (b) => randomSplit(b, prng(s), opts.maxChunk ?? 64) });
  }
  return list;
}
