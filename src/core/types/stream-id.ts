// Stream entry IDs: <ms>-<seq>, two unsigned 64-bit numbers. Both parts are
// bigints so the whole range (up to 18446744073709551615) stays exact.
import { cString } from './strtod.js';

/** Largest value of either ID part. */
export const U64_MAX = 0xffffffffffffffffn;

/** An immutable stream ID; its text form is computed once, on first use. */
export class StreamId {
  private text: string | null = null;
  constructor(readonly ms: bigint, readonly seq: bigint) {}

  /** "<ms>-<seq>", as every stream reply prints IDs. */
  toString(): string {
    if (this.text === null) this.text = `${this.ms}-${this.seq}`;
    return this.text;
  }

  /** True for 0-0. */
  isZero(): boolean {
    return this.ms === 0n && this.seq === 0n;
  }
}

/** 0-0: the smallest ID ("-"). */
export const MIN_ID = new StreamId(0n, 0n);
/** The largest ID ("+"). */
export const MAX_ID = new StreamId(U64_MAX, U64_MAX);

/** -1, 0 or 1 as a is smaller, equal or greater than b. */
export function compareIds(a: StreamId, b: StreamId): number {
  if (a === b) return 0;
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** The ID right after id, or null when id is the largest ID (Redis wraps and reports an error). */
export function incrId(id: StreamId): StreamId | null {
  if (id.seq !== U64_MAX) return new StreamId(id.ms, id.seq + 1n);
  if (id.ms !== U64_MAX) return new StreamId(id.ms + 1n, 0n);
  return null;
}

/** The ID right before id, or null when id is 0-0. */
export function decrId(id: StreamId): StreamId | null {
  if (id.seq !== 0n) return new StreamId(id.ms, id.seq - 1n);
  if (id.ms !== 0n) return new StreamId(id.ms - 1n, U64_MAX);
  return null;
}

/** The 16 bytes of id in big-endian order: the radix-tree key Redis stores a node under. */
export function idBytes(id: StreamId, out: Uint8Array): void {
  let ms = id.ms;
  let seq = id.seq;
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(ms & 0xffn);
    out[8 + i] = Number(seq & 0xffn);
    ms >>= 8n;
    seq >>= 8n;
  }
}

const SPACE = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;

/**
 * Redis's string2ull on a C string: strict int64 syntax first (no sign
 * accepted beyond '-', which is refused), then strtoull's looser rules
 * (leading blanks, '+', leading zeros; '-' wraps modulo 2^64). Null when invalid.
 */
export function parseU64(s: string): bigint | null {
  const n = s.length;
  if (n === 0) return null;
  // Fast path: plain digits without a leading zero and short enough to be exact.
  if (n <= 15) {
    let v = 0;
    let ok = n === 1 || s.charCodeAt(0) !== 48;
    for (let i = 0; ok && i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) ok = false;
      else v = v * 10 + d;
    }
    if (ok) return BigInt(v);
  }
  const m = SPACE.exec(s);
  if (m === null) return null;
  const v = BigInt(m[2]);
  if (v > U64_MAX) return null; // ERANGE
  if (m[1] === '-') {
    // string2ll would have accepted a canonical negative number and string2ull refuses it.
    if (/^-[1-9][0-9]*$/.test(s) && v <= 9223372036854775808n) return null;
    return v === 0n ? 0n : (1n << 64n) - v;
  }
  return v;
}

/** A parsed ID argument; seqGiven is false for the XADD "<ms>-*" form. */
export interface ParsedId {
  id: StreamId;
  seqGiven: boolean;
}

/**
 * Parses "<ms>-<seq>", "<ms>" (seq = missingSeq), "-" and "+" (refused when
 * strict), and "<ms>-*" when allowSeqStar. Null when the ID is invalid.
 */
export function parseStreamId(arg: string, missingSeq: bigint, strict: boolean, allowSeqStar = false): ParsedId | null {
  if (arg.length > 127) return null;
  // Redis copies the argument into a C string: anything after a NUL is ignored.
  const s = cString(arg);
  if (s === '-' || s === '+') {
    if (strict) return null;
    return { id: s === '-' ? MIN_ID : MAX_ID, seqGiven: true };
  }
  const dash = s.indexOf('-');
  const ms = parseU64(dash < 0 ? s : s.slice(0, dash));
  if (ms === null) return null;
  if (dash < 0) return { id: new StreamId(ms, missingSeq), seqGiven: true };
  const rest = s.slice(dash + 1);
  if (allowSeqStar && rest === '*') return { id: new StreamId(ms, 0n), seqGiven: false };
  const seq = parseU64(rest);
  if (seq === null) return null;
  return { id: new StreamId(ms, seq), seqGiven: true };
}
