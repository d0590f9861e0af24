// Formatting exactly as Redis prints numbers and quoted strings.

/**
 * C's printf("%.17g", x), which Redis 7.0 uses for double replies
 * (ZSCORE, RESP3 doubles, ...). inf/-inf/nan spelled as Redis does.
 */
export function formatDouble(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = significantDigits(Math.abs(x));
  if (exp < -4 || exp >= 17) {
    let mant = `${digits[0]}.${digits.slice(1)}`.replace(/\.?0+$/, '');
    if (mant === '') mant = digits[0];
    const abs = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  let int: string;
  let frac: string;
  if (exp >= 0) {
    int = digits.slice(0, exp + 1);
    frac = digits.slice(exp + 1);
  } else {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  frac = frac.replace(/0+$/, '');
  return frac === '' ? sign + int : `${sign}${int}.${frac}`;
}

/**
 * The 17 significant decimal digits of a positive finite x and the decimal
 * exponent of the first one, rounded half to even like glibc's printf.
 * (JS's toExponential rounds exact ties away from zero instead.)
 */
function significantDigits(x: number): { digits: string; exp: number } {
  const s = x.toExponential(16);
  const e = s.indexOf('e');
  let digits = s[0] + s.slice(2, e);
  let exp = Number(s.slice(e + 1));
  const s18 = x.toExponential(17);
  const e18 = s18.indexOf('e');
  const d18 = s18[0] + s18.slice(2, e18);
  // A tie is an exact 18-digit value ending in 5; half-even keeps an even 17th digit.
  if (d18.charCodeAt(17) === 0x35 && (d18.charCodeAt(16) & 1) === 0) {
    const exp18 = Number(s18.slice(e18 + 1));
    if (equalsDecimal(x, d18, exp18 - 17)) {
      digits = d18.slice(0, 17);
      exp = exp18;
    }
  }
  return { digits, exp };
}

const bits = new DataView(new ArrayBuffer(8));

/** True when x equals digits × 10^pow10 exactly. */
function equalsDecimal(x: number, digits: string, pow10: number): boolean {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  let left = mant;
  let right = BigInt(digits);
  if (e2 >= 0) left <<= BigInt(e2);
  else right <<= BigInt(-e2);
  if (pow10 >= 0) right *= 10n ** BigInt(pow10);
  else left *= 10n ** BigInt(-pow10);
  return left === right;
}

/** Integer (number or bigint) as decimal ASCII. */
export function formatInteger(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}

/** Bytes sdscatrepr copies as they are: printable ASCII except '"' and '\\'. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Quotes a binary string the way Redis's sdscatrepr does. */
export function repr(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c: out += '\\\\'; break;
      case 0x22: out += '\\"'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      default:
        if (c >= 0x20 && c <= 0x7e) out += s[i];
        else out += `\\x${c.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}
