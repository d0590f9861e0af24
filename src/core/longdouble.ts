// x87 80-bit long double arithmetic, exact, on BigInt.
//
// Redis computes INCRBYFLOAT and HINCRBYFLOAT in `long double` (on x86-64 the
// x87 extended format: 64-bit significand with an explicit integer bit,
// exponents 2^-16382 .. 2^16383, subnormals down to 2^-16445) and prints the
// result with "%.17Lf" minus trailing zeros. JS doubles give other digits
// (0.1 + 0.2), so this module reproduces each step exactly: strtold's
// correctly rounded parse, one correctly rounded addition, and glibc's exact
// decimal expansion rounded half-to-even at 17 decimals.
//
// A finite value is m * 2^q with 0 <= m < 2^64 and q >= MIN_Q; it is normal
// when m >= 2^63 (then q is as small as the range allows), subnormal when
// q === MIN_Q and m < 2^63.

/** A long double: finite (sign, significand, binary exponent), infinite or NaN. */
export type LongDouble =
  | { readonly kind: 'finite'; readonly neg: boolean; readonly m: bigint; readonly q: number }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'nan' };

const MANT_BITS = 64;
const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;
/** Exponent of the significand's last bit for the smallest normal and for subnormals. */
const MIN_Q = -16445;
/** Largest q of a finite value: (2^64 - 1) * 2^16320 is LDBL_MAX. */
const MAX_Q = 16320;
/** string2ld refuses strings this long or longer (Redis's MAX_LONG_DOUBLE_CHARS). */
const MAX_CHARS = 5 * 1024;

const NAN: LongDouble = { kind: 'nan' };
const POS_INF: LongDouble = { kind: 'inf', neg: false };
const NEG_INF: LongDouble = { kind: 'inf', neg: true };
const POS_ZERO: LongDouble = { kind: 'finite', neg: false, m: 0n, q: 0 };
const NEG_ZERO: LongDouble = { kind: 'finite', neg: true, m: 0n, q: 0 };

function zero(neg: boolean): LongDouble {
  return neg ? NEG_ZERO : POS_ZERO;
}

function inf(neg: boolean): LongDouble {
  return neg ? NEG_INF : POS_INF;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds the exact positive value n/d * 2^e (n, d > 0) to the nearest long
 * double, ties to even, flushing to subnormals and overflowing to infinity.
 */
function roundToLongDouble(neg: boolean, n: bigint, d: bigint, e: number): LongDouble {
  // log2(n/d) lies in (lb - 1, lb + 1): start from the q that leaves at most 65 bits.
  const lb = bitLength(n) - bitLength(d) + e;
  let q = Math.max(lb - MANT_BITS, MIN_Q);
  let [m, rem, den] = scaledDivide(n, d, e - q);
  if (m >= TWO64) {
    q++;
    [m, rem, den] = scaledDivide(n, d, e - q);
  }
  const twice = rem * 2n;
  if (twice > den || (twice === den && (m & 1n) === 1n)) {
    m++;
    if (m === TWO64) {
      m = TWO63;
      q++;
    }
  }
  if (m === 0n) return zero(neg);
  if (q > MAX_Q) return inf(neg);
  return { kind: 'finite', neg, m, q };
}

/** floor(n/d * 2^shift) with the remainder over the denominator used. */
function scaledDivide(n: bigint, d: bigint, shift: number): [bigint, bigint, bigint] {
  let num = n;
  let den = d;
  if (shift >= 0) num <<= BigInt(shift);
  else den <<= BigInt(-shift);
  return [num / den, num % den, den];
}

const DEC_RE = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const HEX_RE = /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;
const INF_RE = /^([+-]?)inf(?:inity)?$/i;

/** A decimal or binary exponent string as a number, saturated far outside any useful range. */
function exponentValue(s: string | undefined): number {
  if (s === undefined) return 0;
  const v = Number(s);
  return Math.max(-1e9, Math.min(1e9, v));
}

/**
 * Parses like Redis's string2ld (strtold in the C locale): the whole string,
 * no leading space, decimal or hex float, "inf"/"infinity" in any case;
 * NaN, overflow and underflow to zero are refused. Returns null when refused.
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_CHARS) return null;
  let r = DEC_RE.exec(s);
  if (r !== null) {
    const neg = r[1] === '-';
    const intDigits = r[2] ?? '';
    const fracDigits = r[3] ?? r[4] ?? '';
    return decimalToLongDouble(neg, intDigits + fracDigits, exponentValue(r[5]) - fracDigits.length);
  }
  r = HEX_RE.exec(s);
  if (r !== null) {
    const neg = r[1] === '-';
    const intDigits = r[2] ?? '';
    const fracDigits = r[3] ?? r[4] ?? '';
    return hexToLongDouble(neg, intDigits + fracDigits, exponentValue(r[5]) - 4 * fracDigits.length);
  }
  r = INF_RE.exec(s);
  if (r !== null) return inf(r[1] === '-');
  return null; // NaN spellings and everything else
}

/** digits * 10^e10 rounded; null on overflow or on a nonzero value that underflows to 0. */
function decimalToLongDouble(neg: boolean, digits: string, e10: number): LongDouble | null {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  if (start === end) return zero(neg);
  const sig = digits.slice(start, end);
  const exp10 = e10 + (digits.length - end);
  // The value lies in [10^lead, 10^(lead+1)): LDBL_MAX ~ 1.19e4932, half the
  // smallest subnormal ~ 1.82e-4951. Decide the far cases without big powers.
  const lead = exp10 + sig.length - 1;
  if (lead > 4940) return null;
  if (lead < -4960) return null;
  const n = BigInt(sig);
  const result = exp10 >= 0
    ? roundToLongDouble(neg, n * 10n ** BigInt(exp10), 1n, 0)
    : roundToLongDouble(neg, n, 10n ** BigInt(-exp10), 0);
  return result.kind === 'finite' && result.m === 0n ? null : result.kind === 'inf' ? null : result;
}

/** hexdigits * 2^e2 rounded; null on overflow or underflow to 0. */
function hexToLongDouble(neg: boolean, digits: string, e2: number): LongDouble | null {
  const n = BigInt('0x' + digits);
  if (n === 0n) return zero(neg);
  const top = bitLength(n) + e2; // value < 2^top
  if (top > 16400) return null;
  if (top < -16500) return null;
  const result = roundToLongDouble(neg, n, 1n, e2);
  return result.kind === 'finite' && result.m === 0n ? null : result.kind === 'inf' ? null : result;
}

/** The exact value of an int64 (always representable in 64 significand bits). */
export function longDoubleFromInteger(v: bigint | number): LongDouble {
  const b = BigInt(v);
  if (b === 0n) return POS_ZERO;
  const neg = b < 0n;
  return roundToLongDouble(neg, neg ? -b : b, 1n, 0);
}

/** a + b correctly rounded to nearest (IEEE rules for zeros, infinities and NaN). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf') return b.kind === 'inf' && b.neg !== a.neg ? NAN : a;
  if (b.kind === 'inf') return b;
  if (a.m === 0n) return b.m === 0n ? zero(a.neg && b.neg) : b;
  if (b.m === 0n) return a;
  const q = Math.min(a.q, b.q);
  const x = a.m << BigInt(a.q - q);
  const y = b.m << BigInt(b.q - q);
  const sum = (a.neg ? -x : x) + (b.neg ? -y : y);
  if (sum === 0n) return POS_ZERO; // x + (-x) is +0 when rounding to nearest
  const neg = sum < 0n;
  return roundToLongDouble(neg, neg ? -sum : sum, 1n, q);
}

/** True unless the value is infinite or NaN. */
export function isFiniteLongDouble(x: LongDouble): boolean {
  return x.kind === 'finite';
}

const TEN17 = 10n ** 17n;

/**
 * Formats like Redis's ld2string in human mode: "%.17Lf" (exact expansion,
 * rounded half-to-even at 17 decimals), trailing zeros and a bare '.'
 * removed, "-0" printed as "0"; infinities as "inf"/"-inf", NaN as "nan".
 */
export function formatLongDouble(x: LongDouble): string {
  if (x.kind === 'nan') return 'nan';
  if (x.kind === 'inf') return x.neg ? '-inf' : 'inf';
  let digits: string;
  if (x.q >= 0) {
    digits = (x.m << BigInt(x.q)).toString();
  } else {
    const k = BigInt(-x.q);
    const scaled = x.m * TEN17;
    let n = scaled >> k;
    const twice = (scaled - (n << k)) << 1n;
    const den = 1n << k;
    if (twice > den || (twice === den && (n & 1n) === 1n)) n++;
    const s = n.toString().padStart(18, '0');
    const cut = s.length - 17;
    let frac = s.slice(cut);
    let fend = frac.length;
    while (fend > 0 && frac.charCodeAt(fend - 1) === 48) fend--;
    frac = frac.slice(0, fend);
    digits = frac.length === 0 ? s.slice(0, cut) : s.slice(0, cut) + '.' + frac;
  }
  if (x.neg && digits !== '0') return '-' + digits;
  return digits;
}

/** Outcome of a float increment: the new text, or which check refused it. */
export type FloatIncrResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'current-not-float' | 'incr-not-float' | 'nan-or-inf' };

/**
 * current + incr as Redis's INCRBYFLOAT/HINCRBYFLOAT compute it: both parsed
 * with string2ld (current undefined = 0), added in long double, refused when
 * the sum is infinite or NaN, printed in human mode. The current value is
 * parsed first, as Redis does.
 */
export function incrFloatText(current: string | undefined, incr: string): FloatIncrResult {
  const a = current === undefined ? POS_ZERO : parseLongDouble(current);
  if (a === null) return { ok: false, reason: 'current-not-float' };
  const b = parseLongDouble(incr);
  if (b === null) return { ok: false, reason: 'incr-not-float' };
  const sum = addLongDouble(a, b);
  if (sum.kind !== 'finite') return { ok: false, reason: 'nan-or-inf' };
  return { ok: true, value: formatLongDouble(sum) };
}
