// C strtod() as glibc implements it, on latin1 strings, so that score
// arguments are accepted and rejected exactly where Redis accepts them
// (decimal and hex floats, inf/infinity/nan, leading white space, the C
// string ending at the first NUL byte).

/** Result of a strtod() call: the value and how many chars it consumed (0 = no conversion). */
export interface StrtodResult {
  value: number;
  /** Index just past the parsed number (C's endptr - str); 0 when nothing was converted. */
  end: number;
  /** True when the text was finite but the value overflowed to ±inf or underflowed to 0 (ERANGE). */
  range: boolean;
}

const DEC_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const HEX_RE = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))(?:[pP]([+-]?\d+))?/;
const WORD_RE = /^([+-]?)(infinity|inf|nan(?:\([0-9A-Za-z_]*\))?)/i;

function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** strtod(s + start): parses the longest valid prefix after optional C white space. */
export function strtod(s: string, start = 0): StrtodResult {
  let i = start;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const rest = i === 0 ? s : s.slice(i);
  let m = WORD_RE.exec(rest);
  if (m !== null) {
    const neg = m[1] === '-';
    const word = m[2].toLowerCase();
    const value = word.startsWith('inf') ? (neg ? -Infinity : Infinity) : NaN;
    return { value, end: i + m[0].length, range: false };
  }
  m = HEX_RE.exec(rest);
  if (m !== null && /[0-9a-fA-F]/.test(m[2])) return hexValue(m, i);
  m = DEC_RE.exec(rest);
  if (m === null) return { value: 0, end: 0, range: false };
  const text = m[0];
  const value = Number(text);
  let range = false;
  if (!Number.isFinite(value)) range = true;
  else if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) range = true;
  return { value, end: i + text.length, range };
}

function hexValue(m: RegExpExecArray, offset: number): StrtodResult {
  const neg = m[1] === '-';
  const body = m[2];
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const fracDigits = dot < 0 ? 0 : body.length - dot - 1;
  const exp = (m[3] === undefined ? 0 : clampExp(m[3])) - 4 * fracDigits;
  let mant = BigInt('0x' + (digits === '' ? '0' : digits));
  let e = exp;
  // Keep the mantissa within what Number() rounds correctly in one step.
  const bits = mant.toString(2).length;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    const sticky = (mant & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    mant = (mant >> drop) | sticky;
    e += Number(drop);
  }
  let value = scale(Number(mant), e);
  const range = mant !== 0n && (value === 0 || !Number.isFinite(value));
  if (neg) value = -value;
  return { value, end: offset + m[0].length, range };
}

function clampExp(s: string): number {
  const n = Number(s);
  return n > 100000 ? 100000 : n < -100000 ? -100000 : n;
}

/** x * 2^e without intermediate overflow or double rounding in the normal range. */
function scale(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
    if (!Number.isFinite(x)) return x;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
    if (x === 0) return 0;
  }
  return x * 2 ** e;
}

/** The C string view of a Redis argument: C functions (and "%s") stop at the first NUL byte. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * Plain decimal text of at most 20 chars ("12", "-3.25", ".5", "7."), the
 * common score: Number() reads it exactly as strtod does, and it can neither
 * overflow nor underflow, so it needs no regex and no result object.
 */
function isShortDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  const first = s.charCodeAt(0);
  let i = first === 45 /* - */ || first === 43 /* + */ ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 /* . */ && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/**
 * Redis string2d (ZADD scores, ZINCRBY, WEIGHTS): the whole string must be a
 * number, no leading space, no overflow/underflow, not NaN. Null if invalid.
 */
export function strictDouble(s: string): number | null {
  if (isShortDecimal(s)) return Number(s);
  if (s.length === 0 || isCSpace(s.charCodeAt(0))) return null;
  const r = strtod(s);
  if (r.end !== s.length || r.range || r.value !== r.value) return null;
  return r.value;
}

/**
 * One bound of a score range as zslParseRange reads it: plain strtod, so
 * leading space, overflow to inf and the empty string (0) are accepted;
 * only trailing garbage and NaN are refused. Null if invalid.
 */
export function lenientDouble(s: string, start: number): number | null {
  const c = cString(s);
  const r = strtod(c, start);
  const end = r.end === 0 ? start : r.end;
  if (end !== c.length || r.value !== r.value) return null;
  return r.value;
}
