// x87 long double arithmetic against replies recorded from redis-server 7.0.15
// (x86-64): every fixture row is [current value or null, increment, reply of
// INCRBYFLOAT], long replies stored as "sha1:<length>:<digest>".
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addLongDouble, formatLongDouble, incrFloatText, isFiniteLongDouble, longDoubleFromInteger, parseLongDouble,
} from '../../src/core/longdouble.js';

const fixture = JSON.parse(readFileSync(new URL('./longdouble.fixture.json', import.meta.url), 'utf8')) as Array<[string | null, string, string]>;

/** What Redis would reply to INCRBYFLOAT, from our arithmetic. */
function reply(current: string | undefined, incr: string): string {
  const r = incrFloatText(current, incr);
  if (r.ok) return r.value;
  return r.reason === 'nan-or-inf' ? 'ERR:ERR increment would produce NaN or Infinity' : 'ERR:ERR value is not a valid float';
}

function digest(s: string): string {
  return s.length > 100 ? `sha1:${s.length}:` + createHash('sha1').update(s, 'latin1').digest('hex') : s;
}

describe('INCRBYFLOAT arithmetic matches redis-server byte for byte', () => {
  it(`reproduces all ${fixture.length} recorded replies`, () => {
    expect(fixture.length).toBeGreaterThan(500);
    const mismatches: string[] = [];
    for (const [a, b, want] of fixture) {
      const got = digest(reply(a ?? undefined, b));
      if (got !== want) mismatches.push(`${JSON.stringify([a, b])}: want ${want} got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    [undefined, '0.000011444091796875', '0.00001144409179688'], // tie at 17 decimals, odd: rounds up
    [undefined, '0.000003814697265625', '0.00000381469726562'], // tie at 17 decimals, even: stays
    [undefined, '1.00000000000000000001', '1'],
    ['9223372036854775807', '1', '9223372036854775808'],
    [undefined, '18446744073709551615', '18446744073709551615'], // 64 significant bits: exact
    [undefined, '18446744073709551617', '18446744073709551616'], // 65 bits: tie to even
    [undefined, '1e-4950', '0'], // subnormal, accepted, prints as 0
    [undefined, '-0x1.8p1', '-3'],
    [undefined, '0X10', '16'],
    [undefined, '.5', '0.5'],
    [undefined, '5.', '5'],
    [undefined, '-.5e-3', '-0.0005'],
    ['-0', '-0', '0'], // never "-0"
    [undefined, '12345678901234567890.123', '12345678901234567890'],
    ['0.1', '0.2', '0.3'],
    ['0.1', '0.1', '0.2'],
    ['10.5', '0.1', '10.6'],
    ['17179869184', '1.5', '17179869185.5'],
    ['1', '-1.1', '-0.1'],
    [undefined, '5.0e3', '5000'],
    [String(1 / 41), String(-1 / 41), '0'],
  ])('%s + %s = %s', (a, b, want) => {
    expect(reply(a, b)).toBe(want);
  });

  it.each([
    ['1', '1e-5000'], // underflows to zero: ERANGE
    ['1', '1e5000'], // overflows: ERANGE
    ['1', 'nan'],
    ['1', '-NaN'],
    ['1', ' 1'],
    ['1', '1 '],
    ['1', ''],
    ['1', '1e'],
    ['1', '0x'],
    ['1', '.'],
    ['1', 'abc'],
    ['1', '1_0'],
    ['1', '1e+'],
    ['1', '1' + '0'.repeat(5119)], // MAX_LONG_DOUBLE_CHARS
    ['1\x002', '1'],
    ['    11', '1'],
  ])('refuses %j + %j as not a valid float', (a, b) => {
    expect(reply(a, b)).toBe('ERR:ERR value is not a valid float');
  });

  it.each([
    ['0', '+inf'],
    ['0', 'inf'],
    ['0', '-Infinity'],
    ['1e4932', '1e4932'],
    ['inf', '-inf'],
  ])('refuses %s + %s as NaN or Infinity', (a, b) => {
    expect(reply(a, b)).toBe('ERR:ERR increment would produce NaN or Infinity');
  });
});

describe('long double primitives', () => {
  it('parses to the nearest value with a 64-bit significand', () => {
    const one = parseLongDouble('1')!;
    expect(one).toEqual({ kind: 'finite', neg: false, m: 1n << 63n, q: -63 });
    expect(parseLongDouble('0x1p16383')).not.toBeNull();
    expect(parseLongDouble('0x1p16384')).toBeNull(); // beyond LDBL_MAX
    expect(parseLongDouble('0x1p-16445')).toEqual({ kind: 'finite', neg: false, m: 1n, q: -16445 });
    expect(parseLongDouble('0x1p-16446')).toBeNull(); // half the smallest subnormal: ties to 0
    expect(parseLongDouble('0x1.8p-16446')).toEqual({ kind: 'finite', neg: false, m: 1n, q: -16445 });
    expect(parseLongDouble('1.18973149535723176502e+4932')).not.toBeNull();
    expect(parseLongDouble('1.18973149535723176509e+4932')).toBeNull();
    expect(parseLongDouble('0e999999999999')).toEqual({ kind: 'finite', neg: false, m: 0n, q: 0 });
    expect(parseLongDouble('-inf')).toEqual({ kind: 'inf', neg: true });
    expect(parseLongDouble('iNfInItY')).toEqual({ kind: 'inf', neg: false });
    expect(parseLongDouble('infinit')).toBeNull();
  });

  it('adds with one rounding and IEEE rules for zeros and infinities', () => {
    const p = (s: string) => parseLongDouble(s)!;
    expect(formatLongDouble(addLongDouble(p('0.1'), p('0.2')))).toBe('0.3');
    expect(addLongDouble(p('-0'), p('-0'))).toMatchObject({ neg: true, m: 0n });
    expect(addLongDouble(p('1'), p('-1'))).toMatchObject({ neg: false, m: 0n });
    expect(addLongDouble(p('inf'), p('-inf')).kind).toBe('nan');
    expect(isFiniteLongDouble(addLongDouble(p('inf'), p('1')))).toBe(false);
    // 2^64 + 1 is not representable: the sum rounds back to 2^64.
    expect(formatLongDouble(addLongDouble(p('18446744073709551616'), p('1')))).toBe('18446744073709551616');
    expect(formatLongDouble(longDoubleFromInteger(-9223372036854775808n))).toBe('-9223372036854775808');
  });

  it('formats like %.17Lf without trailing zeros', () => {
    const f = (s: string) => formatLongDouble(parseLongDouble(s)!);
    expect(f('100')).toBe('100');
    expect(f('-2.5')).toBe('-2.5');
    expect(f('1e-18')).toBe('0');
    expect(f('-1e-18')).toBe('0');
    expect(f('5e-18')).toBe('0'); // its long double lies just below the half
    expect(f('6e-18')).toBe('0.00000000000000001');
    expect(f('-6e-18')).toBe('-0.00000000000000001');
    expect(f('1e20')).toBe('100000000000000000000');
    expect(formatLongDouble({ kind: 'inf', neg: true })).toBe('-inf');
  });
});
