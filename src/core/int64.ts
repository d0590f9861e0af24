// Redis's string2ll, the one integer syntax of arguments, config values and
// RDB/listpack integer encodings; here so core, config and commands share it.

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

/** v as a number when it is a safe integer, else v itself (integer replies and fields keep bigints beyond 2^53). */
export function narrowInt64(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** a + b in exact int64 arithmetic (a number while safe), or null on overflow (INCRBY, HINCRBY). */
export function addInt64(a: number | bigint, b: number | bigint): number | bigint | null {
  // Both below 2^53 in magnitude: the double sum is exact when it is safe.
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b)) return a + b;
  const sum = BigInt(a) + BigInt(b);
  return sum > INT64_MAX || sum < INT64_MIN ? null : narrowInt64(sum);
}
