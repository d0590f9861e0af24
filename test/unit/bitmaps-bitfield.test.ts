// BITFIELD and BITFIELD_RO (expected values recorded from redis-server 7.0.15).
import { describe, expect, it } from 'vitest';
import { errText } from '../helpers/replies.js';
import { NOT_INT, stringsEnv, SYNTAX, WRONGTYPE } from './strings-helpers.js';

const TYPE = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';
const OFFSET = 'ERR bit offset is not an integer or out of range';

describe('BITFIELD', () => {
  it('SET and GET, signed and unsigned, #index offsets', () => {
    const { c, take } = stringsEnv();
    expect(c.run('BITFIELD', 'b', 'SET', 'i8', '0', '-100')).toEqual([0]);
    expect(c.run('BITFIELD', 'b', 'set', 'i8', '0', '101')).toEqual([-100]);
    expect(c.run('BITFIELD', 'b', 'GET', 'i8', '0')).toEqual([101]);
    expect(c.run('BITFIELD', 'b', 'SET', 'u8', '0', '255', 'INCRBY', 'u8', '0', '100', 'GET', 'u8', '0')).toEqual([101, 99, 99]);
    c.run('DEL', 'b');
    take();
    c.run('BITFIELD', 'b', 'SET', 'u8', '#0', '65', 'SET', 'u8', '#1', '66', 'SET', 'u8', '#2', '67');
    expect(c.run('GET', 'b')).toBe('ABC');
    expect(c.run('BITFIELD', 'b')).toEqual([]);
    expect(c.run('BITFIELD', 'b', 'SET', 'u8', '#1', '65', 'GET', 'u4', '4')).toEqual([66, 1]);
    expect(take()).toEqual(['new:b', 'setbit:b', 'setbit:b']);
  });

  it('64-bit fields and overflow policies', () => {
    const { c } = stringsEnv();
    c.run('SET', 'b', '\xff');
    expect(c.run('BITFIELD', 'b', 'SET', 'i64', '0', '-9223372036854775808', 'INCRBY', 'i64', '0', '-1', 'GET', 'i64', '0'))
      .toEqual([-72057594037927936n, 9223372036854775807n, 9223372036854775807n]);
    expect(c.run('BITFIELD', 'b', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '-1', 'INCRBY', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '9223372036854775807'))
      .toEqual([9223372036854775806n, 9223372036854775807n, 9223372036854775807n]);
    expect(c.run('BITFIELD', 'b', 'GET', 'u63', '1', 'GET', 'i1', '0', 'GET', 'u1', '0')).toEqual([9223372036854775807n, 0, 0]);
    c.run('DEL', 'b');
    expect(c.run('BITFIELD', 'b', 'OVERFLOW', 'SAT', 'SET', 'u8', '0', '-1')).toEqual([0]);
    expect(c.run('GET', 'b')).toBe('\xff'); // a negative SET value is a huge uint64: saturates high
    expect(c.run('BITFIELD', 'b', 'OVERFLOW', 'WRAP', 'SET', 'u8', '0', '-1')).toEqual([255]);
    expect(c.run('BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'SET', 'u8', '0', '-1')).toEqual([null]);
  });

  it('wrap, sat and fail on increments', () => {
    const { c } = stringsEnv();
    c.run('BITFIELD', 'u', 'SET', 'u8', '#0', '100');
    expect(c.run('BITFIELD', 'u', 'OVERFLOW', 'WRAP', 'INCRBY', 'u8', '#0', '257')).toEqual([101]);
    expect(c.run('BITFIELD', 'u', 'OVERFLOW', 'wrap', 'INCRBY', 'u8', '#0', '255')).toEqual([100]);
    expect(c.run('BITFIELD', 'u', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '#0', '257')).toEqual([255]);
    expect(c.run('BITFIELD', 'u', 'OVERFLOW', 'sat', 'INCRBY', 'u8', '#0', '-256')).toEqual([0]);
    c.run('BITFIELD', 's', 'SET', 'i8', '#0', '100');
    expect(c.run('BITFIELD', 's', 'OVERFLOW', 'WRAP', 'INCRBY', 'i8', '#0', '257')).toEqual([101]);
    expect(c.run('BITFIELD', 's', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '#0', '257')).toEqual([127]);
    expect(c.run('BITFIELD', 's', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '#0', '-255')).toEqual([-128]);
    expect(c.run('BITFIELD', 's', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', '#0', '-1', 'GET', 'i8', '#0')).toEqual([null, -128]);
    // The policy applies to the operations after it only.
    expect(c.run('BITFIELD', 's', 'INCRBY', 'i8', '#0', '-1', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', '#0', '-1')).toEqual([127, 126]);
    c.run('DEL', 'm');
    expect(c.run('BITFIELD', 'm', 'SET', 'i8', '0', '10', 'SET', 'i8', '64', '10', 'INCRBY', 'i8', '10', '99900')).toEqual([0, 0, 60]);
  });

  it('a failing write still creates the zero-padded key, with only a new event', () => {
    const { c, take } = stringsEnv();
    expect(c.run('BITFIELD', 'c', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '100', '10')).toEqual([null]);
    expect(c.run('GET', 'c')).toBe('\x00'.repeat(13));
    expect(take()).toEqual(['new:c']);
    expect(c.run('BITFIELD', 'c', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '200', '10')).toEqual([null]);
    expect(c.run('STRLEN', 'c')).toBe(26); // zero-extended in place
    expect(take()).toEqual([]);
  });

  it('GET beyond the string reads zeros; reads never create the key', () => {
    const { c } = stringsEnv();
    c.run('SET', 'bits', '1');
    expect(c.run('BITFIELD', 'bits', 'GET', 'u1', '0')).toEqual([0]);
    expect(c.run('BITFIELD', 'bits', 'GET', 'u8', '#5', 'GET', 'i16', '4')).toEqual([0, 0x1000]);
    expect(c.run('BITFIELD', 'nokey', 'GET', 'i8', '0')).toEqual([0]);
    expect(c.run('EXISTS', 'nokey')).toBe(0);
  });

  it('errors, all found before the key is touched', () => {
    const { c, putList } = stringsEnv();
    for (const t of ['u64', 'i65', 'u0', 'x8', 'U8', 'i', 'u8x']) expect(errText(c.run('BITFIELD', 'c', 'GET', t, '0'))).toBe(TYPE);
    expect(errText(c.run('BITFIELD', 'c', 'GET', 'u8'))).toBe(SYNTAX);
    expect(errText(c.run('BITFIELD', 'c', 'FOO', 'u8', '0'))).toBe(SYNTAX);
    expect(errText(c.run('BITFIELD', 'c', 'OVERFLOW'))).toBe(SYNTAX);
    expect(errText(c.run('BITFIELD', 'c', 'OVERFLOW', 'NOPE'))).toBe('ERR Invalid OVERFLOW type specified');
    expect(errText(c.run('BITFIELD', 'c', 'SET', 'u8', '0', 'x'))).toBe(NOT_INT);
    expect(errText(c.run('BITFIELD', 'c', 'GET', 'u8', '-1'))).toBe(OFFSET);
    expect(errText(c.run('BITFIELD', 'c', 'GET', 'u8', '#-1'))).toBe(OFFSET);
    expect(errText(c.run('BITFIELD', 'c', 'GET', 'u8', String(512 * 1024 * 1024 * 8)))).toBe(OFFSET);
    expect(errText(c.run('BITFIELD', 'c', 'SET', 'u8', '0', '1', 'GET', 'x', '0'))).toBe(TYPE);
    expect(c.run('EXISTS', 'c')).toBe(0);
    putList('l');
    expect(errText(c.run('BITFIELD', 'l', 'GET', 'u8', '0'))).toBe(WRONGTYPE);
    expect(errText(c.run('BITFIELD', 'l', 'SET', 'u8', '0', '1'))).toBe(WRONGTYPE);
  });
});

describe('BITFIELD_RO', () => {
  it('allows GET only', () => {
    const { c } = stringsEnv();
    c.run('BITFIELD', 'b', 'SET', 'u8', '0', '100');
    expect(c.run('BITFIELD_RO', 'b', 'GET', 'u8', '0')).toEqual([100]);
    expect(c.run('BITFIELD_RO', 'b')).toEqual([]);
    expect(errText(c.run('BITFIELD_RO', 'b', 'GET', 'u8', '0', 'SET', 'u8', '0', '1'))).toBe('ERR BITFIELD_RO only supports the GET subcommand');
    expect(errText(c.run('BITFIELD_RO', 'b', 'INCRBY', 'u8', '0', 'x'))).toBe(NOT_INT);
  });
});
