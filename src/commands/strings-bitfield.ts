// BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset
// increment] [OVERFLOW WRAP|SAT|FAIL] ... and BITFIELD_RO (GET only).
// Every operation is parsed before the key is touched, as in Redis; values
// are computed in BigInt so 64-bit fields and overflow checks are exact.
import { ERR_SYNTAX, ERR_WRONGTYPE, NIL, err, type Reply } from '../../protocols/reply.js';
import { narrowInt64 } from '../core/int64.js';
import { defineCommand } from './define.js';
import { Flag, type ArgDoc, type Client, type CommandSpec } from './types.js';
import { int64Arg, is, isErr, parseInt64 } from './args.js';
import { bitOffsetArg, padExisted, padForBits, padGrew } from './strings-bits.js';
import { notifyNew, notifyWrite } from './strings-common.js';

const ERR_TYPE = err('ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.');
const ERR_OVERFLOW_TYPE = err('ERR Invalid OVERFLOW type specified');
const ERR_RO = err('ERR BITFIELD_RO only supports the GET subcommand');

const OP_GET = 0, OP_SET = 1, OP_INCRBY = 2;
const WRAP = 0, SAT = 1, FAIL = 2;

interface FieldOp {
  op: number;
  offset: number;
  value: bigint;
  overflow: number;
  bits: number;
  signed: boolean;
}

/** Reads `bits` bits at bit `offset` of a byte source (bytes past its end read as zero). */
function readField(byteAt: (i: number) => number, length: number, offset: number, bits: number): bigint {
  let v = 0n;
  for (let j = 0; j < bits; j++) {
    const pos = offset + j;
    const byte = Math.floor(pos / 8);
    const bit = byte < length ? (byteAt(byte) >> (7 - (pos - byte * 8))) & 1 : 0;
    v = (v << 1n) | BigInt(bit);
  }
  return v;
}

/** Writes the low `bits` bits of v (two's complement) at bit `offset` of buf. */
function writeField(buf: Buffer, offset: number, bits: number, v: bigint): void {
  const u = BigInt.asUintN(bits, v);
  for (let j = 0; j < bits; j++) {
    const pos = offset + j;
    const byte = Math.floor(pos / 8);
    const mask = 1 << (7 - (pos - byte * 8));
    if ((u >> BigInt(bits - 1 - j)) & 1n) buf[byte] |= mask;
    else buf[byte] &= ~mask;
  }
}

/** i1..i64 or u1..u63, else the type error. */
function parseType(arg: string): { signed: boolean; bits: number } | null {
  const sign = arg.charCodeAt(0);
  if (sign !== 105 /* i */ && sign !== 117 /* u */) return null;
  const n = parseInt64(arg.slice(1));
  const signed = sign === 105;
  if (n === null || n < 1 || n > (signed ? 64 : 63)) return null;
  return { signed, bits: Number(n) };
}

/**
 * The value to store for SET (incr = 0n, value = the argument) or INCRBY, or
 * null when the overflow policy is FAIL and the result does not fit.
 */
function fit(op: FieldOp, sum: bigint): bigint | null {
  const bits = BigInt(op.bits);
  const max = op.signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  const min = op.signed ? -(1n << (bits - 1n)) : 0n;
  if (sum >= min && sum <= max) return sum;
  if (op.overflow === FAIL) return null;
  if (op.overflow === SAT) return sum > max ? max : min;
  return op.signed ? BigInt.asIntN(op.bits, sum) : BigInt.asUintN(op.bits, sum);
}

function bitfield(c: Client, argv: string[], readOnlyCommand: boolean): Reply {
  const ops: FieldOp[] = [];
  let overflow = WRAP;
  let writes = false;
  let highestBit = 0;
  for (let j = 2; j < argv.length; j++) {
    const rem = argv.length - j - 1;
    const sub = argv[j];
    let op: number;
    if (is(sub, 'GET') && rem >= 2) op = OP_GET;
    else if (is(sub, 'SET') && rem >= 3) op = OP_SET;
    else if (is(sub, 'INCRBY') && rem >= 3) op = OP_INCRBY;
    else if (is(sub, 'OVERFLOW') && rem >= 1) {
      const name = argv[++j];
      if (is(name, 'WRAP')) overflow = WRAP;
      else if (is(name, 'SAT')) overflow = SAT;
      else if (is(name, 'FAIL')) overflow = FAIL;
      else return ERR_OVERFLOW_TYPE;
      continue;
    } else return ERR_SYNTAX;
    const type = parseType(argv[j + 1]);
    if (type === null) return ERR_TYPE;
    const offset = bitOffsetArg(c, argv[j + 2], true, type.bits);
    if (isErr(offset)) return offset;
    let value = 0n;
    if (op !== OP_GET) {
      writes = true;
      if (offset + type.bits - 1 > highestBit) highestBit = offset + type.bits - 1;
      const v = int64Arg(argv[j + 3]);
      if (isErr(v)) return v;
      value = BigInt(v);
    }
    ops.push({ op, offset, value, overflow, bits: type.bits, signed: type.signed });
    j += op === OP_GET ? 2 : 3;
  }

  const key = argv[1];
  if (!writes) {
    const v = c.db.lookupRead(key);
    if (v !== undefined && typeof v !== 'string') return ERR_WRONGTYPE;
    const s = v ?? '';
    const at = (i: number) => s.charCodeAt(i);
    return ops.map((o) => narrowInt64(fieldValue(o, readField(at, s.length, o.offset, o.bits))));
  }
  if (readOnlyCommand) return ERR_RO;
  const padded = padForBits(c, key, highestBit);
  if (isErr(padded)) return padded;
  const existed = padExisted;
  const grew = padGrew;
  const db = c.db;
  // Redis creates (or zero-extends) the string before running the operations,
  // even when every write then fails its overflow check.
  if (!existed) {
    db.storeSilently(key, padded); // dbAdd: no WATCH signal unless a write changes it below
    notifyNew(c, key);
  }
  const buf = Buffer.from(padded, 'latin1');
  const at = (i: number) => buf[i];
  const replies: Reply[] = [];
  let changes = 0;
  for (const o of ops) {
    const old = fieldValue(o, readField(at, buf.length, o.offset, o.bits));
    if (o.op === OP_GET) {
      replies.push(narrowInt64(old));
      continue;
    }
    const next = fit(o, o.op === OP_INCRBY ? old + o.value : setValue(o));
    if (next === null) {
      replies.push(NIL);
      continue;
    }
    replies.push(narrowInt64(o.op === OP_INCRBY ? next : old));
    writeField(buf, o.offset, o.bits, next);
    if (grew || next !== old) changes++;
  }
  const s = buf.toString('latin1');
  if (changes > 0) {
    db.set(key, s, existed); // an existing key keeps its TTL
    notifyWrite(c, key, false, 'setbit');
  } else if (existed && grew) {
    // Zero-extended in place without a change: stored, but no event and no WATCH signal.
    db.storeSilently(key, s);
  }
  db.markRaw(key); // a written-to bitfield is always an unshared raw string in Redis
  return replies;
}

/** A raw field read as the op's type (sign-extended for signed fields). */
function fieldValue(o: FieldOp, raw: bigint): bigint {
  return o.signed ? BigInt.asIntN(o.bits, raw) : raw;
}

/** SET's argument as the unsigned check sees it: a negative int64 is a huge uint64. */
function setValue(o: FieldOp): bigint {
  return o.signed ? o.value : BigInt.asUintN(64, o.value);
}

const KEY: ArgDoc = { name: 'key', type: 'key' };
const ENCODING_OFFSET: ArgDoc[] = [{ name: 'encoding', type: 'string' }, { name: 'offset', type: 'integer' }];
const BITFIELD_ARGS: ArgDoc[] = [KEY, {
  name: 'operation', type: 'oneof', optional: true, multiple: true, arguments: [
    { name: 'encoding_offset', type: 'block', token: 'GET', arguments: ENCODING_OFFSET },
    { name: 'write', type: 'block', arguments: [
      { name: 'wrap_sat_fail', type: 'oneof', token: 'OVERFLOW', optional: true, arguments: [
        { name: 'wrap', type: 'pure-token', token: 'WRAP' }, { name: 'sat', type: 'pure-token', token: 'SAT' },
        { name: 'fail', type: 'pure-token', token: 'FAIL' }] },
      { name: 'write_operation', type: 'oneof', arguments: [
        { name: 'encoding_offset_value', type: 'block', token: 'SET', arguments: [...ENCODING_OFFSET, { name: 'value', type: 'integer' }] },
        { name: 'encoding_offset_increment', type: 'block', token: 'INCRBY', arguments: [...ENCODING_OFFSET, { name: 'increment', type: 'integer' }] }] }] }] }];
const BITFIELD_RO_ARGS: ArgDoc[] = [KEY, { name: 'encoding_offset', type: 'block', token: 'GET', optional: true, multiple: true, arguments: ENCODING_OFFSET }];

/** BITFIELD and BITFIELD_RO (listed by bitmaps.ts). */
export const bitfieldCommands: CommandSpec[] = [
  defineCommand({
    name: 'bitfield', arity: -2, flags: Flag.WRITE | Flag.DENYOOM, keys: [1, 1, 1], acl: ['bitmap'],
    keyFlags: ['RW', 'access', 'update', 'variable_flags'],
    group: 'bitmap', since: '3.2.0', complexity: 'O(1) for each subcommand specified',
    summary: 'Perform arbitrary bitfield integer operations on strings',
    args: BITFIELD_ARGS, run: (c, argv) => bitfield(c, argv, false),
  }),
  defineCommand({
    name: 'bitfield_ro', arity: -2, flags: Flag.READONLY | Flag.FAST, keys: [1, 1, 1], acl: ['bitmap'],
    group: 'bitmap', since: '6.0.0', complexity: 'O(1) for each subcommand specified',
    summary: 'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD',
    args: BITFIELD_RO_ARGS, run: (c, argv) => bitfield(c, argv, true),
  }),
];
