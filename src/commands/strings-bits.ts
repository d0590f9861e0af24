// Bit-level helpers shared by the bitmap commands and BITFIELD: offset
// arguments, zero-padding a string for a write, popcount and bit search.
import { ERR_WRONGTYPE, err, type ErrorReply } from '../../protocols/reply.js';
import { parseInt64 } from './args.js';
import { MAX_JS_STRING } from './strings-common.js';
import type { Client } from './types.js';

/** Redis's reply for a bad or too large bit offset. */
export const ERR_BIT_OFFSET = err('ERR bit offset is not an integer or out of range');

/**
 * Redis getBitOffsetFromArgument: a bit offset >= 0 whose byte lies below
 * proto-max-bulk-len; with `hash` (BITFIELD) "#n" means n * bits.
 */
export function bitOffsetArg(c: Client, arg: string, hash: boolean, bits: number): number | ErrorReply {
  const useHash = hash && bits > 0 && arg.charCodeAt(0) === 35; /* # */
  const v = parseInt64(useHash ? arg.slice(1) : arg);
  if (v === null) return ERR_BIT_OFFSET;
  let off = BigInt(v);
  if (useHash) off *= BigInt(bits);
  if (off < 0n || (off >> 3n) >= BigInt(c.server.config.num('proto-max-bulk-len'))) return ERR_BIT_OFFSET;
  return Number(off);
}

/** Set by padForBits: whether the key existed, and whether padding lengthened it. */
export let padExisted = false;
export let padGrew = false;

/**
 * Redis lookupStringForBitCommand without storing: the string at key
 * zero-padded so that bit `maxBit` exists, WRONGTYPE, or the offset error
 * when V8 could not hold the result.
 */
export function padForBits(c: Client, key: string, maxBit: number): string | ErrorReply {
  const v = c.db.get(key);
  if (v !== undefined && typeof v !== 'string') return ERR_WRONGTYPE;
  const need = Math.floor(maxBit / 8) + 1;
  if (need > MAX_JS_STRING) return ERR_BIT_OFFSET;
  padExisted = v !== undefined;
  if (v === undefined) {
    padGrew = true;
    return '\0'.repeat(need);
  }
  padGrew = v.length < need;
  return padGrew ? v + '\0'.repeat(need - v.length) : v;
}

const BITS_IN_BYTE = new Uint8Array(256);
for (let i = 1; i < 256; i++) BITS_IN_BYTE[i] = (i & 1) + BITS_IN_BYTE[i >> 1];

/** Number of set bits in bytes [from, to] (inclusive) of s. */
export function popcount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) n += BITS_IN_BYTE[s.charCodeAt(i)];
  return n;
}

/** Number of set bits of one byte. */
export function popcountByte(b: number): number {
  return BITS_IN_BYTE[b & 0xff];
}

/** Bit `pos` of s (0 = most significant bit of the first byte); positions may exceed 2^31. */
export function bitAt(s: string, pos: number): number {
  const byte = Math.floor(pos / 8);
  return (s.charCodeAt(byte) >> (7 - (pos - byte * 8))) & 1;
}

/** Position of the first bit equal to `bit` within bit positions [from, to] of s, or -1. */
export function findBit(s: string, bit: number, from: number, to: number): number {
  const skip = bit === 1 ? 0 : 0xff; // a byte that cannot contain the wanted bit
  let pos = from;
  // Leading bits up to a byte boundary.
  while (pos <= to && pos % 8 !== 0) {
    if (bitAt(s, pos) === bit) return pos;
    pos++;
  }
  if (pos > to) return -1;
  // Whole bytes inside the range, skipped a byte at a time.
  let byte = pos / 8;
  const endByte = Math.floor((to + 1) / 8);
  while (byte < endByte && s.charCodeAt(byte) === skip) byte++;
  for (pos = byte * 8; pos <= to; pos++) {
    if (bitAt(s, pos) === bit) return pos;
  }
  return -1;
}
