// SETBIT GETBIT BITCOUNT BITPOS BITOP.
import { describe, expect, it } from 'vitest';
import { errText } from '../helpers/replies.js';
import { NOT_INT, stringsEnv, SYNTAX, WRONGTYPE } from './strings-helpers.js';

const OFFSET = 'ERR bit offset is not an integer or out of range';

/** A string from a bit pattern such as "01000000 1". */
function bits(pattern: string): string {
  const p = pattern.replace(/ /g, '');
  let s = '';
  for (let i = 0; i < p.length; i += 8) s += String.fromCharCode(parseInt(p.slice(i, i + 8).padEnd(8, '0'), 2));
  return s;
}

/** Reference popcount of bit positions [from, to]. */
function countBits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) n += (s.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1;
  return n;
}

describe('SETBIT and GETBIT', () => {
  it('sets bits, pads with zeros, replies the old bit', () => {
    const { c, take } = stringsEnv();
    expect(c.run('SETBIT', 'k', '1', '1')).toBe(0);
    expect(c.run('GET', 'k')).toBe(bits('01000000'));
    expect(c.run('SETBIT', 'k', '1', '1')).toBe(1); // no change: no event
    expect(c.run('SETBIT', 'k', '1', '0')).toBe(1);
    expect(c.run('SETBIT', 'k', '17', '0')).toBe(0); // grows: an event although the bit stays 0
    expect(c.run('GET', 'k')).toBe('\x00\x00\x00');
    expect(c.run('SETBIT', 'k', '17', '0')).toBe(0);
    expect(take()).toEqual(['new:k', 'setbit:k', 'setbit:k', 'setbit:k']);
    c.run('SET', 'k', '1'); // "1" is 00110001
    expect(c.run('SETBIT', 'k', '6', '1')).toBe(0);
    expect(c.run('GET', 'k')).toBe(bits('00110011'));
    expect([0, 1, 2, 3, 8, 100, 10000].map((o) => c.run('GETBIT', 'k', String(o)))).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(c.run('GETBIT', 'missing', '5')).toBe(0);
  });

  it('keeps the TTL', () => {
    const { c, deadline } = stringsEnv();
    c.run('SET', 'k', 'a', 'EX', '10');
    c.run('SETBIT', 'k', '0', '1');
    expect(deadline('k')).toBeDefined();
  });

  it('errors', () => {
    const { c, putList } = stringsEnv();
    putList('l');
    expect(errText(c.run('SETBIT', 'l', '0', '1'))).toBe(WRONGTYPE);
    expect(errText(c.run('GETBIT', 'l', '0'))).toBe(WRONGTYPE);
    for (const off of ['-1', String(4 * 1024 * 1024 * 1024), 'x', '#1', '1.5']) {
      expect(errText(c.run('SETBIT', 'k', off, '1'))).toBe(OFFSET);
      expect(errText(c.run('GETBIT', 'k', off))).toBe(OFFSET);
    }
    for (const v of ['-1', '2', '10', 'x', '']) expect(errText(c.run('SETBIT', 'k', '0', v))).toBe('ERR bit is not an integer or out of range');
    expect(errText(c.run('SETBIT', 'l', 'x', '1'))).toBe(OFFSET); // arguments first
    expect(c.run('GET', 'k')).toBe(null);
  });

  it('refuses offsets V8 cannot hold, but reads them as 0', () => {
    const { c } = stringsEnv({ 'proto-max-bulk-len': '1gb' });
    expect(errText(c.run('SETBIT', 'k', String(0x1fffffe8 * 8), '1'))).toBe(OFFSET);
    expect(c.run('GETBIT', 'k', String(0x1fffffe8 * 8))).toBe(0);
    expect(c.run('EXISTS', 'k')).toBe(0);
  });

  it('matches a reference under random updates', () => {
    const { c } = stringsEnv();
    let ref = new Uint8Array(256);
    let len = 0;
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 2000; i++) {
      const bit = rnd(2048);
      const val = rnd(2);
      const was = (ref[bit >> 3] >> (7 - (bit & 7))) & 1;
      expect(c.run('SETBIT', 'k', String(bit), String(val))).toBe(was);
      if (val) ref[bit >> 3] |= 1 << (7 - (bit & 7));
      else ref[bit >> 3] &= ~(1 << (7 - (bit & 7)));
      len = Math.max(len, (bit >> 3) + 1);
      expect(c.run('GET', 'k')).toBe(Buffer.from(ref.subarray(0, len)).toString('latin1'));
    }
    ref = new Uint8Array(0);
  });
});

describe('BITCOUNT', () => {
  it('whole string and ranges in bytes and bits', () => {
    const { c } = stringsEnv();
    expect(c.run('BITCOUNT', 'no')).toBe(0);
    expect(c.run('BITCOUNT', 'no', '0', '1000', 'bit')).toBe(0);
    const s = 'foobar';
    c.run('SET', 's', s);
    expect(c.run('BITCOUNT', 's')).toBe(26);
    expect(c.run('BITCOUNT', 's', '1', '-2')).toBe(countBits('ooba', 0, 31));
    expect(c.run('BITCOUNT', 's', '-2', '1')).toBe(0);
    expect(c.run('BITCOUNT', 's', '0', '1000')).toBe(26);
    expect(c.run('BITCOUNT', 's', '0', '-1', 'BIT')).toBe(26);
    for (const [a, b] of [[10, 14], [3, 14], [3, 29], [0, 47], [7, 7], [8, 8], [1, 46]]) {
      expect(c.run('BITCOUNT', 's', String(a), String(b), 'bit')).toBe(countBits(s, a, b));
    }
    expect(c.run('BITCOUNT', 's', '10', '-34', 'bit')).toBe(countBits(s, 10, 14));
    expect(c.run('BITCOUNT', 's', '-6', '-7')).toBe(0);
    expect(c.run('BITCOUNT', 's', '-6', '-15', 'bit')).toBe(0);
    c.run('SET', 'x', 'xxxx');
    expect(c.run('BITCOUNT', 'x', '4', '10')).toBe(0);
    expect(c.run('BITCOUNT', 'x', '32', '87', 'bit')).toBe(0);
    c.run('SET', 'e', '');
    expect(c.run('BITCOUNT', 'e')).toBe(0);
    expect(c.run('BITCOUNT', 'e', '0', '-1', 'bit')).toBe(0);
  });

  it('argument checks come after the key lookup, as in Redis', () => {
    const { c, putList } = stringsEnv();
    c.run('SET', 's', 'foobar');
    expect(errText(c.run('BITCOUNT', 's', '0'))).toBe(SYNTAX);
    expect(errText(c.run('BITCOUNT', 's', '0', '1', 'hello'))).toBe(SYNTAX);
    expect(errText(c.run('BITCOUNT', 's', '0', '1', 'bit', 'x'))).toBe(SYNTAX);
    expect(errText(c.run('BITCOUNT', 's', 'a', '1'))).toBe(NOT_INT);
    expect(errText(c.run('BITCOUNT', 's', '0', '4294967296x'))).toBe(NOT_INT);
    expect(c.run('BITCOUNT', 's', '-1', '-2', 'hello')).toBe(0); // empty negative range wins over the unit
    expect(c.run('BITCOUNT', 'missing', '0')).toBe(0);
    putList('l');
    expect(errText(c.run('BITCOUNT', 'l'))).toBe(WRONGTYPE);
  });
});

describe('BITPOS', () => {
  it('finds set and clear bits with byte and bit ranges', () => {
    const { c } = stringsEnv();
    expect(c.run('BITPOS', 'no', '0')).toBe(0);
    expect(c.run('BITPOS', 'no', '1')).toBe(-1);
    c.run('SET', 's', '\xff\xf0\x00');
    expect(c.run('BITPOS', 's', '0')).toBe(12);
    expect(c.run('BITPOS', 's', '0', '1')).toBe(12);
    expect(c.run('BITPOS', 's', '0', '1', '-1', 'bit')).toBe(12);
    c.run('SET', 's', '\x00\xff\x00');
    expect(c.run('BITPOS', 's', '0', '0', '-1')).toBe(0);
    expect(c.run('BITPOS', 's', '0', '1', '-1')).toBe(16);
    expect(c.run('BITPOS', 's', '0', '2', '200')).toBe(16);
    expect(c.run('BITPOS', 's', '0', '1', '1')).toBe(-1);
    expect(c.run('BITPOS', 's', '0', '8', '8', 'bit')).toBe(-1);
    expect(c.run('BITPOS', 's', '1', '0', '-1')).toBe(8);
    expect(c.run('BITPOS', 's', '1', '2', '-1')).toBe(-1);
    expect(c.run('BITPOS', 's', '1', '16', '200', 'BIT')).toBe(-1);
    expect(c.run('BITPOS', 's', '1', '8', '8', 'bit')).toBe(8);
    expect(c.run('BITPOS', 's', '1', '9', '14', 'bit')).toBe(9);
    c.run('SET', 's', '\xff\xff\xff');
    expect(c.run('BITPOS', 's', '0')).toBe(24); // no end: zero padding past the string
    expect(c.run('BITPOS', 's', '0', '0')).toBe(24);
    expect(c.run('BITPOS', 's', '0', '0', '-1')).toBe(-1);
    expect(c.run('BITPOS', 's', '0', '0', '-1', 'bit')).toBe(-1);
    expect(c.run('BITPOS', 's', '0', '5', '1')).toBe(-1); // empty range
    c.run('SET', 's', '');
    expect(c.run('BITPOS', 's', '0')).toBe(-1);
    expect(c.run('BITPOS', 's', '1')).toBe(-1);
  });

  it('crosses whole bytes quickly and stays exact', () => {
    const { c } = stringsEnv();
    c.run('SET', 's', '\xff'.repeat(27) + '\x0f');
    for (let start = 0; start <= 8; start++) expect(c.run('BITPOS', 's', '0', String(start))).toBe(216);
    for (const start of [1, 9, 17, 65, 215]) expect(c.run('BITPOS', 's', '0', String(start), '-1', 'bit')).toBe(216);
    c.run('SET', 's', '\x00'.repeat(27) + '\xf0');
    expect(c.run('BITPOS', 's', '1', '3')).toBe(216);
    expect(c.run('BITPOS', 's', '1', '3', '-1', 'bit')).toBe(216);
    expect(c.run('BITPOS', 's', '1', '0', '215', 'bit')).toBe(-1);
  });

  it('errors', () => {
    const { c, putList } = stringsEnv();
    c.run('SET', 's', 'x');
    expect(errText(c.run('BITPOS', 's', '2'))).toBe('ERR The bit argument must be 1 or 0.');
    expect(errText(c.run('BITPOS', 's', 'x'))).toBe(NOT_INT);
    expect(errText(c.run('BITPOS', 's', '1', 'a'))).toBe(NOT_INT);
    expect(errText(c.run('BITPOS', 's', '1', '0', '1', 'bits'))).toBe(SYNTAX);
    expect(errText(c.run('BITPOS', 's', '1', '0', '1', 'bit', 'x'))).toBe(SYNTAX);
    expect(c.run('BITPOS', 'missing', '0', 'junk')).toBe(0); // missing key answers before the range is parsed
    putList('l');
    expect(errText(c.run('BITPOS', 'l', '1'))).toBe(WRONGTYPE);
  });
});

describe('BITOP', () => {
  it('AND OR XOR NOT with zero padding', () => {
    const { c, take } = stringsEnv();
    c.run('SET', 'a', '\x01\x02\xff\xff');
    c.run('SET', 'b', '\x01\x02\xff');
    take();
    expect(c.run('BITOP', 'AND', 'r1', 'a', 'b')).toBe(4);
    expect(c.run('BITOP', 'or', 'r2', 'a', 'b')).toBe(4);
    expect(c.run('BITOP', 'XoR', 'r3', 'a', 'b')).toBe(4);
    expect(c.run('MGET', 'r1', 'r2', 'r3')).toEqual(['\x01\x02\xff\x00', '\x01\x02\xff\xff', '\x00\x00\x00\xff']);
    expect(c.run('BITOP', 'AND', 'r4', 'missing', 'a')).toBe(4);
    expect(c.run('GET', 'r4')).toBe('\x00\x00\x00\x00');
    c.run('SET', 's', '\xaa\x00\xff\x55');
    take();
    expect(c.run('BITOP', 'NOT', 's', 's')).toBe(4);
    expect(c.run('GET', 's')).toBe('\x55\xff\x00\xaa');
    c.run('MSET', 'i', '1', 'j', '2');
    take();
    expect(c.run('BITOP', 'XOR', 'd', 'i', 'j', 'i')).toBe(1);
    expect(c.run('GET', 'd')).toBe('2');
    expect(take()).toEqual(['new:d', 'set:d']);
  });

  it('an all-empty result deletes the destination', () => {
    const { c, take } = stringsEnv();
    c.run('SET', 'd', 'x');
    c.run('SET', 'e', '');
    take();
    expect(c.run('BITOP', 'OR', 'd', 'e', 'missing')).toBe(0);
    expect(c.run('EXISTS', 'd')).toBe(0);
    expect(c.run('BITOP', 'OR', 'd', 'e')).toBe(0);
    expect(take()).toEqual(['del:d']);
  });

  it('errors', () => {
    const { c, putList } = stringsEnv();
    putList('l');
    c.run('SET', 'a', 'x');
    expect(errText(c.run('BITOP', 'NAND', 'd', 'a'))).toBe(SYNTAX);
    expect(errText(c.run('BITOP', 'NOT', 'd', 'a', 'a'))).toBe('ERR BITOP NOT must be called with a single source key.');
    expect(errText(c.run('BITOP', 'XOR', 'd', 'a', 'l', 'missing'))).toBe(WRONGTYPE);
    expect(c.run('EXISTS', 'd')).toBe(0);
  });
});

describe('OBJECT ENCODING after bit writes (as redis-server 7.0.15 reports)', () => {
  it('SETBIT (even without a change), BITFIELD writes and BITOP results are raw; BITFIELD GET changes nothing', () => {
    const { c } = stringsEnv();
    c.run('SET', 's', '12');
    c.run('SETBIT', 's', '0', '0');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('raw');
    c.run('SET', 'b', 'x');
    c.run('BITFIELD', 'b', 'GET', 'u8', '0');
    expect(c.run('OBJECT', 'ENCODING', 'b')).toBe('embstr');
    c.run('BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9');
    expect(c.run('OBJECT', 'ENCODING', 'b')).toBe('raw');
    c.run('MSET', 'x', '1', 'y', '2');
    c.run('BITOP', 'OR', 'd', 'x', 'y');
    expect(c.run('OBJECT', 'ENCODING', 'd')).toBe('raw');
  });
});
