// RDB serialization primitives, as Redis 7.0 writes them in DUMP payloads
// and RDB files: length encoding, string encoding (integer and LZF forms),
// binary doubles, CRC64 (Jones) and the DUMP footer.
//
// Format (public, documented in Redis's rdb.h and by its users):
//   length:  00LLLLLL | 01LLLLLL LLLLLLLL | 0x80 + u32 BE | 0x81 + u64 BE
//   special: 11EEEEEE where E = 0 int8, 1 int16 LE, 2 int32 LE, 3 LZF
//            (LZF: compressed length, original length, compressed bytes)
//   DUMP payload: type byte, value, RDB version (u16 LE), CRC64 (u64 LE)
//            of everything before it.
import { lzfCompress, lzfDecompress } from './lzf.js';
import { parseInt64 } from './int64.js';

/** The RDB version Redis 7.0 writes (and the newest it reads). */
export const RDB_VERSION = 10;

/** RDB object type bytes (the first byte of a DUMP payload). */
export const RdbType = {
  STRING: 0,
  LIST: 1,
  SET: 2,
  ZSET: 3,
  HASH: 4,
  ZSET_2: 5,
  MODULE: 6,
  MODULE_2: 7,
  HASH_ZIPMAP: 9,
  LIST_ZIPLIST: 10,
  SET_INTSET: 11,
  ZSET_ZIPLIST: 12,
  HASH_ZIPLIST: 13,
  LIST_QUICKLIST: 14,
  STREAM_LISTPACKS: 15,
  HASH_LISTPACK: 16,
  ZSET_LISTPACK: 17,
  LIST_QUICKLIST_2: 18,
  STREAM_LISTPACKS_2: 19,
} as const;

/** Raised by RdbReader on malformed input; RESTORE turns it into "Bad data format". */
export class RdbError extends Error {}

/** Loaders refuse empty collections, as Redis does. */
export function emptyCollection(): never {
  throw new RdbError('empty collection');
}

// ---- CRC64 (Jones polynomial, reflected, init 0), as Redis's crc64() ----------

const CRC_LO = new Uint32Array(256);
const CRC_HI = new Uint32Array(256);
{
  // Reflected form of 0xad93d23594c935a9.
  const POLY_LO = 0xac4bc9b5, POLY_HI = 0x95ac9329;
  for (let n = 0; n < 256; n++) {
    let lo = n, hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi >>>= 1;
      if (bit) {
        lo = (lo ^ POLY_LO) >>> 0;
        hi = (hi ^ POLY_HI) >>> 0;
      }
    }
    CRC_LO[n] = lo;
    CRC_HI[n] = hi;
  }
}

/** CRC64-Jones of buf[start, end) as [low 32 bits, high 32 bits]. */
export function crc64(buf: Uint8Array, start = 0, end = buf.length): [number, number] {
  let lo = 0, hi = 0;
  for (let i = start; i < end; i++) {
    const idx = (lo ^ buf[i]) & 0xff;
    const nlo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    const nhi = hi >>> 8;
    lo = (nlo ^ CRC_LO[idx]) >>> 0;
    hi = (nhi ^ CRC_HI[idx]) >>> 0;
  }
  return [lo, hi];
}

// ---- writer -----------------------------------------------------------------

/** Append-only byte builder for RDB data. */
export class RdbWriter {
  private buf = Buffer.allocUnsafe(64);
  len = 0;

  private reserve(n: number): Buffer {
    if (this.len + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    return this.buf;
  }

  byte(b: number): void {
    this.reserve(1)[this.len++] = b;
  }

  bytes(src: Uint8Array): void {
    this.reserve(src.length).set(src, this.len);
    this.len += src.length;
  }

  /** A latin1 string's bytes, unprefixed. */
  latin1(s: string): void {
    this.len += this.reserve(s.length).latin1Write(s, this.len, s.length);
  }

  u16le(v: number): void {
    const b = this.reserve(2);
    b.writeUInt16LE(v, this.len);
    this.len += 2;
  }

  u32le(v: number): void {
    const b = this.reserve(4);
    b.writeUInt32LE(v >>> 0, this.len);
    this.len += 4;
  }

  /** Binary double, little endian (ZSET_2 scores). */
  doubleLE(v: number): void {
    const b = this.reserve(8);
    b.writeDoubleLE(v, this.len);
    this.len += 8;
  }

  /** An RDB length. */
  length(n: number): void {
    if (n < 64) this.byte(n);
    else if (n < 16384) {
      this.byte(0x40 | (n >> 8));
      this.byte(n & 0xff);
    } else if (n <= 0xffffffff) {
      this.byte(0x80);
      const b = this.reserve(4);
      b.writeUInt32BE(n, this.len);
      this.len += 4;
    } else {
      this.byte(0x81);
      const b = this.reserve(8);
      b.writeBigUInt64BE(BigInt(n), this.len);
      this.len += 8;
    }
  }

  /** An RDB length from a uint64 (stream IDs and counters). */
  lengthBig(v: bigint): void {
    if (v <= 0xffffffffn) this.length(Number(v));
    else {
      this.byte(0x81);
      const b = this.reserve(8);
      b.writeBigUInt64BE(BigInt.asUintN(64, v), this.len);
      this.len += 8;
    }
  }

  /** A signed 64-bit integer, little endian (rdbSaveMillisecondTime). */
  int64LE(v: number | bigint): void {
    const b = this.reserve(8);
    b.writeBigInt64LE(BigInt(v), this.len);
    this.len += 8;
  }

  /**
   * A string as Redis's rdbSaveRawString writes it: integer form for
   * canonical integers that fit 32 bits (up to 11 chars), LZF for strings
   * over 20 bytes when that saves at least 4 bytes, else length + bytes.
   */
  string(s: string): void {
    const n = s.length;
    if (n <= 11 && n > 0 && this.intString(s)) return;
    if (n > 20) {
      const raw = Buffer.from(s, 'latin1');
      if (this.lzf(raw)) return;
      this.length(n);
      this.bytes(raw);
      return;
    }
    this.length(n);
    this.latin1(s);
  }

  /** A binary blob (listpack, intset, ziplist) as a string: LZF when it pays, else verbatim. */
  blob(raw: Uint8Array): void {
    if (raw.length > 20 && this.lzf(raw)) return;
    this.length(raw.length);
    this.bytes(raw);
  }

  private lzf(raw: Uint8Array): boolean {
    const packed = lzfCompress(raw, raw.length - 4);
    if (packed === null) return false;
    this.byte(0xc3);
    this.length(packed.length);
    this.length(raw.length);
    this.bytes(packed);
    return true;
  }

  private intString(s: string): boolean {
    const v = canonicalInt32(s);
    if (v === null) return false;
    if (v >= -128 && v <= 127) {
      this.byte(0xc0);
      this.byte(v & 0xff);
    } else if (v >= -32768 && v <= 32767) {
      this.byte(0xc1);
      this.u16le(v & 0xffff);
    } else {
      this.byte(0xc2);
      this.u32le(v);
    }
    return true;
  }

  /** The bytes written so far (a view). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** The int32 value of s if s is its canonical decimal form, else null. */
function canonicalInt32(s: string): number | null {
  const v = parseInt64(s);
  return typeof v === 'number' && v >= -2147483648 && v <= 2147483647 ? v : null;
}

// ---- reader -----------------------------------------------------------------

/** Sequential reader over RDB bytes; throws RdbError on truncated or invalid input. */
export class RdbReader {
  pos: number;

  constructor(readonly buf: Buffer, start = 0, readonly end = buf.length) {
    this.pos = start;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new RdbError('truncated');
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  take(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  doubleLE(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length, or an encoding tag: returns [value, isEncoded]. */
  lengthOrEncoding(): [number, boolean] {
    const b = this.byte();
    const kind = b >> 6;
    if (kind === 0) return [b & 0x3f, false];
    if (kind === 1) return [((b & 0x3f) << 8) | this.byte(), false];
    if (kind === 3) return [b & 0x3f, true];
    if (b === 0x80) {
      this.need(4);
      const v = this.buf.readUInt32BE(this.pos);
      this.pos += 4;
      return [v, false];
    }
    if (b === 0x81) {
      this.need(8);
      const v = this.buf.readBigUInt64BE(this.pos);
      this.pos += 8;
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RdbError('length too large');
      return [Number(v), false];
    }
    throw new RdbError('unknown length encoding');
  }

  /** A length as a uint64 bigint (stream IDs and counters). */
  lengthBig(): bigint {
    const b = this.buf[this.pos];
    if (b === 0x81) {
      this.pos++;
      this.need(8);
      const v = this.buf.readBigUInt64BE(this.pos);
      this.pos += 8;
      return v;
    }
    return BigInt(this.length());
  }

  /** A signed 64-bit little-endian integer (rdbLoadMillisecondTime). */
  int64LE(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A plain length (an encoding tag here is an error). */
  length(): number {
    const [v, enc] = this.lengthOrEncoding();
    if (enc) throw new RdbError('unexpected encoded length');
    return v;
  }

  /** A string in any of its encodings, as raw bytes. */
  stringBytes(): Buffer {
    const [v, enc] = this.lengthOrEncoding();
    if (!enc) return this.take(v);
    switch (v) {
      case 0: return Buffer.from(String((this.byte() << 24) >> 24), 'latin1');
      case 1: {
        const b = this.take(2);
        return Buffer.from(String(b.readInt16LE(0)), 'latin1');
      }
      case 2: {
        const b = this.take(4);
        return Buffer.from(String(b.readInt32LE(0)), 'latin1');
      }
      case 3: {
        const clen = this.length();
        const len = this.length();
        const out = lzfDecompress(this.take(clen), len);
        if (out === null) throw new RdbError('bad LZF data');
        return out;
      }
      default:
        throw new RdbError('unknown string encoding');
    }
  }

  /** A string as a latin1 JS string. */
  string(): string {
    const b = this.stringBytes();
    return b.latin1Slice(0, b.length);
  }

  /** n strings in a row (the elements of a plain-encoded collection). */
  strings(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.string());
    return out;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }
}

// ---- DUMP payload framing --------------------------------------------------------

/** Appends the DUMP footer (RDB version + CRC64, both little endian) and returns the payload. */
export function finishDump(w: RdbWriter): Buffer {
  w.u16le(RDB_VERSION);
  const [lo, hi] = crc64(w.view());
  w.u32le(lo);
  w.u32le(hi);
  return Buffer.from(w.view());
}

/** True if payload ends with a supported RDB version and a matching CRC64 (Redis verifyDumpPayload). */
export function verifyDump(payload: Buffer): boolean {
  const n = payload.length;
  if (n < 10) return false;
  const version = payload[n - 10] | (payload[n - 9] << 8);
  if (version > RDB_VERSION) return false;
  const [lo, hi] = crc64(payload, 0, n - 8);
  return payload.readUInt32LE(n - 8) === lo && payload.readUInt32LE(n - 4) === hi;
}
