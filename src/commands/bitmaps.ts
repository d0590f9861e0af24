// Bitmap commands on string values: SETBIT GETBIT BITCOUNT BITPOS BITOP
// (BITFIELD and BITFIELD_RO live in strings-bitfield.ts and are listed here).
import { ERR_SYNTAX, ERR_WRONGTYPE, err, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { defineCommand } from './define.js';
import { Flag, type ArgDoc, type Client, type CommandSpec } from './types.js';
import { int64Arg, is, isErr, parseInt64 } from './args.js';
import { bitAt, bitOffsetArg, findBit, padExisted, padForBits, padGrew, popcount, popcountByte } from './strings-bits.js';
import { overwriteString, storeString } from './strings-common.js';
import { bitfieldCommands } from './strings-bitfield.js';

const F = Flag;
const ERR_BIT_VALUE = err('ERR bit is not an integer or out of range');
const ERR_BIT_ARG = err('ERR The bit argument must be 1 or 0.');
const ERR_NOT_SINGLE = err('ERR BITOP NOT must be called with a single source key.');

/** SETBIT key offset 0|1: replies the old bit; events only when the string changed. */
function setbit(c: Client, argv: string[]): Reply {
  const offset = bitOffsetArg(c, argv[2], false, 0);
  if (isErr(offset)) return offset;
  const on = parseInt64(argv[3]);
  if (on !== 0 && on !== 1) return ERR_BIT_VALUE;
  const key = argv[1];
  const s = padForBits(c, key, offset);
  if (isErr(s)) return s;
  const byte = Math.floor(offset / 8);
  const shift = 7 - (offset - byte * 8);
  const old = s.charCodeAt(byte);
  const was = (old >> shift) & 1;
  if (padGrew || was !== on) {
    const b = on === 1 ? old | (1 << shift) : old & ~(1 << shift);
    const next = was === on ? s : s.slice(0, byte) + String.fromCharCode(b) + s.slice(byte + 1);
    overwriteString(c, key, next, padExisted, 'setbit');
  }
  // Redis unshares the value into a raw string even when no bit changes.
  c.db.markRaw(key);
  return was;
}

function getbit(c: Client, argv: string[]): Reply {
  const offset = bitOffsetArg(c, argv[2], false, 0);
  if (isErr(offset)) return offset;
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return 0;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  return offset < v.length * 8 ? bitAt(v, offset) : 0;
}

/** BIT or BYTE unit keyword: true for BIT, false for BYTE, null otherwise. */
function unitIsBit(arg: string): boolean | null {
  if (is(arg, 'BIT')) return true;
  if (is(arg, 'BYTE')) return false;
  return null;
}

/** BITCOUNT key [start end [BYTE|BIT]]: the key is read before the range is parsed. */
function bitcount(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return 0;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  const len = v.length;
  if (argv.length === 2) return len === 0 ? 0 : popcount(v, 0, len - 1);
  if (argv.length !== 4 && argv.length !== 5) return ERR_SYNTAX;
  const s0 = int64Arg(argv[2]);
  if (isErr(s0)) return s0;
  const e0 = int64Arg(argv[3]);
  if (isErr(e0)) return e0;
  if (s0 < 0 && e0 < 0 && s0 > e0) return 0; // exact int64 comparison, before the unit is checked
  let isBit = false;
  if (argv.length === 5) {
    const u = unitIsBit(argv[4]);
    if (u === null) return ERR_SYNTAX;
    isBit = u;
  }
  const total = isBit ? len * 8 : len;
  let start = Number(s0);
  let end = Number(e0);
  if (start < 0) start += total;
  if (end < 0) end += total;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  if (start > end) return 0;
  if (!isBit) return popcount(v, start, end);
  const first = Math.floor(start / 8);
  const last = Math.floor(end / 8);
  // Subtract the bits of the edge bytes that lie outside [start, end].
  const before = (0xff << (8 - (start - first * 8))) & 0xff;
  const after = (1 << (7 - (end - last * 8))) - 1;
  return popcount(v, first, last) - popcountByte(v.charCodeAt(first) & before) - popcountByte(v.charCodeAt(last) & after);
}

/** BITPOS key bit [start [end [BYTE|BIT]]] */
function bitpos(c: Client, argv: string[]): Reply {
  const b = int64Arg(argv[2]);
  if (isErr(b)) return b;
  if (b !== 0 && b !== 1) return ERR_BIT_ARG;
  const v = c.db.lookupRead(argv[1]);
  // A missing key is an endless run of zeros.
  if (v === undefined) return b === 1 ? -1 : 0;
  if (typeof v !== 'string') return ERR_WRONGTYPE;
  const len = v.length;
  let isBit = false;
  let endGiven = false;
  let start = 0;
  let end = len - 1;
  if (argv.length >= 4 && argv.length <= 6) {
    const s0 = int64Arg(argv[3]);
    if (isErr(s0)) return s0;
    if (argv.length === 6) {
      const u = unitIsBit(argv[5]);
      if (u === null) return ERR_SYNTAX;
      isBit = u;
    }
    const total = isBit ? len * 8 : len;
    start = Number(s0);
    if (argv.length >= 5) {
      const e0 = int64Arg(argv[4]);
      if (isErr(e0)) return e0;
      end = Number(e0);
      endGiven = true;
    } else end = total - 1;
    if (start < 0) start += total;
    if (end < 0) end += total;
    if (start < 0) start = 0;
    if (end < 0) end = 0;
    if (end >= total) end = total - 1;
  } else if (argv.length !== 3) return ERR_SYNTAX;
  // An empty range contains neither a 0 nor a 1.
  if (start > end) return -1;
  const from = isBit ? start : start * 8;
  const to = isBit ? end : end * 8 + 7;
  const pos = findBit(v, b, from, to);
  if (pos !== -1 || b === 1) return pos;
  // No clear bit: past the range when the caller left the end open (zero padding), else none.
  return endGiven ? -1 : to + 1;
}

const OP_AND = 0, OP_OR = 1, OP_XOR = 2, OP_NOT = 3;

/** BITOP AND|OR|XOR|NOT destkey key [key ...]: replies the result length. */
function bitop(c: Client, argv: string[]): Reply {
  const name = argv[1];
  let op: number;
  if (is(name, 'AND')) op = OP_AND;
  else if (is(name, 'OR')) op = OP_OR;
  else if (is(name, 'XOR')) op = OP_XOR;
  else if (is(name, 'NOT')) op = OP_NOT;
  else return ERR_SYNTAX;
  if (op === OP_NOT && argv.length !== 4) return ERR_NOT_SINGLE;
  const db = c.db;
  const n = argv.length - 3;
  const srcs: string[] = new Array(n);
  let maxLen = 0;
  for (let j = 0; j < n; j++) {
    const v = db.lookupRead(argv[j + 3]);
    if (v !== undefined && typeof v !== 'string') return ERR_WRONGTYPE;
    const s = v ?? '';
    srcs[j] = s;
    if (s.length > maxLen) maxLen = s.length;
  }
  const dest = argv[2];
  if (maxLen === 0) {
    if (db.delete(dest)) c.server.notify(NotifyClass.GENERIC, 'del', dest, db.index);
    return 0;
  }
  // Shorter inputs count as zero-padded to the longest.
  const out = Buffer.alloc(maxLen);
  out.write(srcs[0], 'latin1');
  if (op === OP_NOT) {
    for (let i = 0; i < maxLen; i++) out[i] = ~out[i];
  } else {
    for (let j = 1; j < n; j++) {
      const src = Buffer.from(srcs[j], 'latin1');
      const len = src.length;
      if (op === OP_AND) {
        for (let i = 0; i < len; i++) out[i] &= src[i];
        out.fill(0, len);
      } else if (op === OP_OR) {
        for (let i = 0; i < len; i++) out[i] |= src[i];
      } else {
        for (let i = 0; i < len; i++) out[i] ^= src[i];
      }
    }
  }
  storeString(c, dest, out.toString('latin1'), db.get(dest) !== undefined);
  db.markRaw(dest); // the result is always a raw string
  return maxLen;
}

const KEY = { name: 'key', type: 'key' } as const;
const BITMAP = ['bitmap'];
const RANGE_UNIT: ArgDoc = { name: 'index_unit', type: 'oneof', optional: true, arguments: [
  { name: 'byte', type: 'pure-token', token: 'BYTE' }, { name: 'bit', type: 'pure-token', token: 'BIT' }] };

/** The bitmap family, BITFIELD included. */
export const bitmapsCommands: CommandSpec[] = [
  defineCommand({
    name: 'setbit', arity: 4, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: BITMAP, keyFlags: ['RW', 'access', 'update'],
    group: 'bitmap', since: '2.2.0', complexity: 'O(1)', summary: 'Sets or clears the bit at offset in the string value stored at key',
    args: [KEY, { name: 'offset', type: 'integer' }, { name: 'value', type: 'integer' }], run: setbit,
  }),
  defineCommand({
    name: 'getbit', arity: 3, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: BITMAP,
    group: 'bitmap', since: '2.2.0', complexity: 'O(1)', summary: 'Returns the bit value at offset in the string value stored at key',
    args: [KEY, { name: 'offset', type: 'integer' }], run: getbit,
  }),
  defineCommand({
    name: 'bitcount', arity: -2, flags: F.READONLY, keys: [1, 1, 1], acl: BITMAP,
    group: 'bitmap', since: '2.6.0', complexity: 'O(N)', summary: 'Count set bits in a string',
    args: [KEY, { name: 'index', type: 'block', optional: true, arguments: [
      { name: 'start', type: 'integer' }, { name: 'end', type: 'integer' }, RANGE_UNIT] }],
    run: bitcount,
  }),
  defineCommand({
    name: 'bitpos', arity: -3, flags: F.READONLY, keys: [1, 1, 1], acl: BITMAP,
    group: 'bitmap', since: '2.8.7', complexity: 'O(N)', summary: 'Find first bit set or clear in a string',
    args: [KEY, { name: 'bit', type: 'integer' }, { name: 'index', type: 'block', optional: true, arguments: [
      { name: 'start', type: 'integer' }, { name: 'end_index', type: 'block', optional: true, arguments: [
        { name: 'end', type: 'integer' }, RANGE_UNIT] }] }],
    run: bitpos,
  }),
  defineCommand({
    name: 'bitop', arity: -4, flags: F.WRITE | F.DENYOOM, keys: [2, -1, 1], acl: BITMAP,
    group: 'bitmap', since: '2.6.0', complexity: 'O(N)', summary: 'Perform bitwise operations between strings',
    args: [{ name: 'operation', type: 'string' }, { name: 'destkey', type: 'key' }, { name: 'key', type: 'key', multiple: true }],
    run: bitop,
  }),
  ...bitfieldCommands,
];
