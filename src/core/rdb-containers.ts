// The compact containers RDB payloads embed as strings: listpack (Redis 7
// hashes, sorted sets, list nodes), intset (integer sets) and, read-only,
// ziplist (what Redis 6 and older wrote). Layouts as documented in Redis's
// listpack.c / intset.c / ziplist.c headers:
//
//   listpack: u32 total bytes, u16 count (65535 = unknown), entries, 0xFF;
//             entry = encoding + data + backlen (the entry size, 7 bits per
//             byte, read right to left)
//   intset:   u32 width (2, 4 or 8), u32 count, sorted little-endian ints
//   ziplist:  u32 bytes, u32 tail offset, u16 count, entries, 0xFF;
//             entry = prevlen (1 byte, or 0xFE + u32), encoding, data
import { RdbError } from './rdb.js';
import { parseInt64 } from './int64.js';

// ---- listpack ------------------------------------------------------------------

/** Listpack element: a string, or an integer Redis stores as such (scores, etc.). */
export type ListpackItem = string | number | bigint;

/** Encodes items as a listpack, byte-identical to one Redis built by appending them. */
export function encodeListpack(items: readonly ListpackItem[]): Buffer {
  const parts: Buffer[] = [];
  let total = 6 + 1;
  const head = Buffer.alloc(10);
  for (const item of items) {
    const iv = typeof item === 'string' ? parseInt64(item) : item; // what string2ll accepts is stored as an integer
    let enc: Buffer;
    if (iv !== null) enc = encodeListpackInt(BigInt(iv), head);
    else {
      const s = item as string;
      const n = s.length;
      const hdr = n < 64 ? 1 : n < 4096 ? 2 : 5;
      enc = Buffer.allocUnsafe(hdr + n);
      if (hdr === 1) enc[0] = 0x80 | n;
      else if (hdr === 2) {
        enc[0] = 0xe0 | (n >> 8);
        enc[1] = n & 0xff;
      } else {
        enc[0] = 0xf0;
        enc.writeUInt32LE(n, 1);
      }
      enc.latin1Write(s, hdr, n);
    }
    const back = encodeBacklen(enc.length);
    parts.push(enc, back);
    total += enc.length + back.length;
  }
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32LE(total, 0);
  out.writeUInt16LE(items.length < 65535 ? items.length : 65535, 4);
  let p = 6;
  for (const b of parts) p += b.copy(out, p);
  out[p] = 0xff;
  return out;
}

function encodeListpackInt(v: bigint, tmp: Buffer): Buffer {
  const n = Number(v);
  if (n >= 0 && n <= 127) return Buffer.from([n]);
  if (n >= -4096 && n <= 4095) {
    const u = n < 0 ? (1 << 13) + n : n;
    return Buffer.from([0xc0 | (u >> 8), u & 0xff]);
  }
  let width: number, tag: number;
  if (n >= -32768 && n <= 32767) [width, tag] = [2, 0xf1];
  else if (n >= -8388608 && n <= 8388607) [width, tag] = [3, 0xf2];
  else if (n >= -2147483648 && n <= 2147483647) [width, tag] = [4, 0xf3];
  else [width, tag] = [8, 0xf4];
  tmp[0] = tag;
  tmp.writeBigInt64LE(v, 1); // little endian: the low `width` bytes are the value in two's complement
  return Buffer.from(tmp.subarray(0, 1 + width));
}

function encodeBacklen(l: number): Buffer {
  if (l <= 127) return Buffer.from([l]);
  if (l < 16383) return Buffer.from([l >> 7, (l & 127) | 128]);
  if (l < 2097151) return Buffer.from([l >> 14, ((l >> 7) & 127) | 128, (l & 127) | 128]);
  if (l < 268435455) return Buffer.from([l >> 21, ((l >> 14) & 127) | 128, ((l >> 7) & 127) | 128, (l & 127) | 128]);
  return Buffer.from([Math.floor(l / 2 ** 28), ((l >> 21) & 127) | 128, ((l >> 14) & 127) | 128, ((l >> 7) & 127) | 128, (l & 127) | 128]);
}

/** Bytes of the backlen that follows a listpack entry of l bytes. */
export function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}

/** Decodes a listpack into its elements (integers as decimal strings); throws RdbError if malformed. */
export function decodeListpack(b: Buffer): string[] {
  if (b.length < 7 || b.readUInt32LE(0) !== b.length || b[b.length - 1] !== 0xff) throw new RdbError('bad listpack header');
  const declared = b.readUInt16LE(4);
  const out: string[] = [];
  let p = 6;
  const end = b.length - 1;
  while (p < end) {
    const start = p;
    const e = b[p];
    let s: string;
    if ((e & 0x80) === 0) {
      s = String(e);
      p += 1;
    } else if ((e & 0xc0) === 0x80) {
      const n = e & 0x3f;
      s = str(b, p + 1, n, end);
      p += 1 + n;
    } else if ((e & 0xe0) === 0xc0) {
      need(b, p, 2, end);
      let v = ((e & 0x1f) << 8) | b[p + 1];
      if (v >= 1 << 12) v -= 1 << 13;
      s = String(v);
      p += 2;
    } else if ((e & 0xf0) === 0xe0) {
      need(b, p, 2, end);
      const n = ((e & 0x0f) << 8) | b[p + 1];
      s = str(b, p + 2, n, end);
      p += 2 + n;
    } else if (e === 0xf0) {
      need(b, p, 5, end);
      const n = b.readUInt32LE(p + 1);
      s = str(b, p + 5, n, end);
      p += 5 + n;
    } else if (e >= 0xf1 && e <= 0xf4) {
      const width = e === 0xf1 ? 2 : e === 0xf2 ? 3 : e === 0xf3 ? 4 : 8;
      need(b, p, 1 + width, end);
      s = width === 8 ? b.readBigInt64LE(p + 1).toString() : String(b.readIntLE(p + 1, width));
      p += 1 + width;
    } else throw new RdbError('bad listpack entry encoding');
    p += backlenSize(p - start);
    if (p > end) throw new RdbError('listpack entry overflows');
    out.push(s);
  }
  if (declared !== 65535 && declared !== out.length) throw new RdbError('listpack count mismatch');
  return out;
}

function need(b: Buffer, p: number, n: number, end: number): void {
  if (p + n > end) throw new RdbError('truncated container entry');
}

function str(b: Buffer, p: number, n: number, end: number): string {
  if (p + n > end) throw new RdbError('truncated container string');
  return b.latin1Slice(p, p + n);
}

// ---- intset --------------------------------------------------------------------

/** Encodes sorted canonical integer strings as an intset (width chosen from the values). */
export function encodeIntset(sortedInts: readonly string[]): Buffer {
  const vals = sortedInts.map((s) => BigInt(s));
  let width = 2;
  for (const v of vals) {
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  const out = Buffer.allocUnsafe(8 + width * vals.length);
  out.writeUInt32LE(width, 0);
  out.writeUInt32LE(vals.length, 4);
  for (let i = 0; i < vals.length; i++) {
    const p = 8 + i * width;
    if (width === 8) out.writeBigInt64LE(vals[i], p);
    else out.writeIntLE(Number(vals[i]), p, width);
  }
  return out;
}

/** Decodes an intset into decimal strings; throws RdbError if malformed or not strictly ascending. */
export function decodeIntset(b: Buffer): string[] {
  if (b.length < 8) throw new RdbError('bad intset');
  const width = b.readUInt32LE(0);
  const n = b.readUInt32LE(4);
  if ((width !== 2 && width !== 4 && width !== 8) || 8 + n * width !== b.length) throw new RdbError('bad intset');
  const out: string[] = [];
  let prev: bigint | null = null;
  for (let i = 0; i < n; i++) {
    const p = 8 + i * width;
    const v = width === 8 ? b.readBigInt64LE(p) : BigInt(b.readIntLE(p, width));
    if (prev !== null && v <= prev) throw new RdbError('intset not sorted');
    prev = v;
    out.push(v.toString());
  }
  return out;
}

// ---- ziplist (read only) ----------------------------------------------------------

/** Decodes a ziplist (Redis <= 6 payloads) into its elements; throws RdbError if malformed. */
export function decodeZiplist(b: Buffer): string[] {
  if (b.length < 11 || b.readUInt32LE(0) !== b.length || b[b.length - 1] !== 0xff) throw new RdbError('bad ziplist header');
  const out: string[] = [];
  let p = 10;
  const end = b.length - 1;
  while (p < end) {
    p += b[p] === 0xfe ? 5 : 1; // previous entry length
    if (p >= end) throw new RdbError('truncated ziplist entry');
    const e = b[p];
    const kind = e >> 6;
    if (kind === 0) {
      const n = e & 0x3f;
      out.push(str(b, p + 1, n, end));
      p += 1 + n;
    } else if (kind === 1) {
      need(b, p, 2, end);
      const n = ((e & 0x3f) << 8) | b[p + 1];
      out.push(str(b, p + 2, n, end));
      p += 2 + n;
    } else if (e === 0x80) {
      need(b, p, 5, end);
      const n = b.readUInt32BE(p + 1);
      out.push(str(b, p + 5, n, end));
      p += 5 + n;
    } else {
      let width: number;
      if (e === 0xc0) width = 2;
      else if (e === 0xd0) width = 4;
      else if (e === 0xe0) width = 8;
      else if (e === 0xf0) width = 3;
      else if (e === 0xfe) width = 1;
      else if (e >= 0xf1 && e <= 0xfd) {
        out.push(String((e & 0x0f) - 1));
        p += 1;
        continue;
      } else throw new RdbError('bad ziplist entry encoding');
      need(b, p, 1 + width, end);
      out.push(width === 8 ? b.readBigInt64LE(p + 1).toString() : String(b.readIntLE(p + 1, width)));
      p += 1 + width;
    }
  }
  if (p !== end) throw new RdbError('ziplist overflows');
  return out;
}
