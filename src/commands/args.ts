// Argument parsing with Redis's exact acceptance rules; errors as values.
import { ErrorReply, ERR_NOT_INTEGER, ERR_NOT_FLOAT, err } from '../../protocols/reply.js';

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/**
 * Redis string2ll on a latin1 string: optional '-', no '+', no leading zeros,
 * no spaces, int64 range. Returns a number when it is a safe integer, a
 * bigint beyond 2^53, or null when the text is not a valid int64.
 */
export function parseInt64(s: string): number | bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  if (n === 1) {
    const c = s.charCodeAt(0) - 48;
    return c >= 0 && c <= 9 ? c : null;
  }
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    v = v * 10 + c;
  }
  if (v <= Number.MAX_SAFE_INTEGER) return neg ? -v : v;
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return null;
  return big;
}

/** An int64 argument as a JS number (exact up to 2^53) or ERR not an integer. */
export function intArg(s: string): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return ERR_NOT_INTEGER;
  return typeof v === 'bigint' ? Number(v) : v;
}

/** An int64 argument kept exact (bigint beyond 2^53) or ERR not an integer. */
export function int64Arg(s: string): number | bigint | ErrorReply {
  const v = parseInt64(s);
  return v === null ? ERR_NOT_INTEGER : v;
}

/** An integer within [min, max] or `error` (default: not an integer or out of range). */
export function rangeArg(s: string, min: number, max: number, error: ErrorReply = ERR_NOT_INTEGER): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return ERR_NOT_INTEGER;
  const n = typeof v === 'bigint' ? Number(v) : v;
  return n < min || n > max ? error : n;
}

const FLOAT_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?)$/i;

/**
 * strtod as Redis uses it (getDoubleFromObject): no leading space, whole
 * string consumed, "inf"/"-inf" accepted, NaN and overflow refused.
 * Returns null when invalid.
 */
export function parseDouble(s: string): number | null {
  if (!FLOAT_RE.test(s)) return null;
  const lower = s.toLowerCase();
  if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  const v = Number(s);
  if (!Number.isFinite(v)) return null; // ERANGE overflow
  if (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ''))) return null; // ERANGE underflow
  return v;
}

/** A double argument or ERR value is not a valid float. */
export function floatArg(s: string): number | ErrorReply {
  const v = parseDouble(s);
  return v === null ? ERR_NOT_FLOAT : v;
}

/** True if a parsed argument is an error to return as is. */
export function isErr(v: unknown): v is ErrorReply {
  return v instanceof ErrorReply;
}

/** ERR wrong number of arguments for '<name>' command. */
export function arityError(name: string): ErrorReply {
  return err(`ERR wrong number of arguments for '${name}' command`);
}

/** Case-insensitive ASCII comparison of an argument with an uppercase keyword. */
export function is(arg: string, KEYWORD: string): boolean {
  return arg.length === KEYWORD.length && (arg === KEYWORD || arg.toUpperCase() === KEYWORD);
}
