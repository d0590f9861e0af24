// %.17g double formatting (protocols/format.ts) against C's printf, as
// Python's '%.17g' % x produces it (same correctly rounded digits, same
// exponent form). Values cross the process boundary as raw IEEE-754 bits.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatDouble, formatInteger } from '../../protocols/format.js';
import { prng } from '../helpers/codec.js';

const PY = `
import sys, struct
out = []
for line in sys.stdin:
    line = line.strip()
    if line:
        out.append('%.17g' % struct.unpack('>d', bytes.fromhex(line))[0])
sys.stdout.write('\\n'.join(out))
`;

function bitsHex(x: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
}

function fromBits(hi: number, lo: number): number {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(hi >>> 0, 0);
  b.writeUInt32BE(lo >>> 0, 4);
  return b.readDoubleBE(0);
}

function printfAll(values: number[]): string[] {
  const input = values.map(bitsHex).join('\n');
  return execFileSync('python3', ['-c', PY], { input, encoding: 'latin1', maxBuffer: 64 << 20 }).split('\n');
}

function values(): number[] {
  const v: number[] = [
    0, -0, 1, -1, 0.5, -0.5, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, Math.PI, Math.E, 100, 123.456, -123.456,
    1e-5, 1e-4, 9.9999999999999995e-5, 0.0001, 0.00001, 0.000099999999999999991, 1.5e-7,
    1e15, 1e16, 1e17, 1e18, 1e21, 1e22, 1e100, 1e300, -1e300, 12345678901234567, 123456789012345680,
    999999999999999.9, 9999999999999998, 99999999999999999, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63),
    Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308,
    2.225073858507201e-308, 1e-310, -1e-310, 1e-323, 4.9406564584124654e-324,
    0.1234567890123456789, 1234567.1234567, 3.0000000000000004, 2.9999999999999996, 1.0000000000000002, 0.9999999999999999,
    // Scores Redis tests use.
    1.5, 2.5, 10.5, -10.5, 3.14159265358979, 1e-17, 17179869184, 1.7976931348623157e308,
  ];
  for (let e = -1074; e <= 1023; e++) v.push(2 ** e, -(2 ** e));
  // Exact decimal ties at the 17th digit (printf rounds them half to even).
  for (let e = -70; e <= 50; e++) for (let m = 1; m < 64; m += 2) v.push(m * 2 ** e);
  v.push(58160010983255.8125, 2 ** -25);
  for (let e = -323; e <= 308; e++) v.push(Number(`1e${e}`), Number(`5e${e}`), Number(`9.999999999999999e${e}`));
  const rnd = prng(17);
  for (let i = 0; i < 3000; i++) {
    const x = fromBits((rnd() * 2 ** 32) >>> 0, (rnd() * 2 ** 32) >>> 0);
    if (Number.isFinite(x)) v.push(x);
  }
  for (let i = 0; i < 2000; i++) {
    const digits = Math.floor(rnd() * 1e9);
    v.push(digits / 10 ** Math.floor(rnd() * 12), -digits * 10 ** Math.floor(rnd() * 12));
  }
  for (let i = 0; i < 1000; i++) v.push(Math.floor(rnd() * 2 ** 60), rnd(), rnd() * 1e-6, rnd() * 1e20);
  return v;
}

describe('formatDouble is C printf("%.17g")', () => {
  it('matches python3 "%.17g" for ~19 000 values (edges, powers, random bit patterns)', () => {
    const vs = values();
    const want = printfAll(vs);
    expect(want.length).toBe(vs.length);
    const bad: string[] = [];
    for (let i = 0; i < vs.length; i++) {
      const got = formatDouble(vs[i]);
      if (got !== want[i]) bad.push(`${bitsHex(vs[i])} (${vs[i]}): got ${got}, printf ${want[i]}`);
    }
    expect({ mismatches: bad.length, first: bad.slice(0, 20) }).toEqual({ mismatches: 0, first: [] });
  });

  it('inf, -inf and nan are spelled as Redis spells them', () => {
    expect(formatDouble(Infinity)).toBe('inf');
    expect(formatDouble(-Infinity)).toBe('-inf');
    expect(formatDouble(NaN)).toBe('nan');
  });

  it('formatInteger: numbers beyond 2^53 and bigints', () => {
    expect(formatInteger(2 ** 60)).toBe('1152921504606846976');
    expect(formatInteger(-(2 ** 60))).toBe('-1152921504606846976');
    expect(formatInteger(9223372036854775807n)).toBe('9223372036854775807');
    expect(formatInteger(-5)).toBe('-5');
  });
});
