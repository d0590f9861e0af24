// The three ways GEO replies print numbers, exactly as glibc/Redis print
// them: coordinates as "%.17Lf" with trailing zeros trimmed, distances with
// four decimals (rounded half to even, like llrint), and "%f" in errors.

/** x.toFixed(digits) rounded half to even, as printf rounds an exact binary value (finite x below 1e21). */
function toFixedHalfEven(x: number, digits: number): string {
  const s = x.toFixed(digits);
  // toFixed breaks exact ties away from zero; printf keeps an even last digit.
  const exact = Math.abs(x).toFixed(100);
  const cut = exact.indexOf('.') + 1 + digits;
  if (exact.charCodeAt(cut) !== 0x35 /* 5 */ || !/^0*$/.test(exact.slice(cut + 1))) return s;
  const last = exact.charCodeAt(cut - 1 === exact.indexOf('.') ? cut - 2 : cut - 1) - 48;
  if ((last & 1) === 1) return s;
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  return x < 0 ? `-${truncated}` : truncated;
}

/**
 * Redis addReplyHumanLongDouble text (GEOPOS, WITHCOORD): "%.17Lf" of the
 * value with trailing zeros (and a bare dot) removed, "-0" printed as "0".
 */
export function formatCoordinate(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  let s = Math.abs(x) >= 1e21 ? `${BigInt(x)}` : toFixedHalfEven(x, 17);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

const LLONG_MIN = -9223372036854775808n;

/** llrint: nearest integer, ties to even; beyond the long long range (and NaN) the x86 "indefinite" LLONG_MIN. */
function llrint(v: number): bigint {
  if (!(v > -9223372036854775808 - 1 && v < 9223372036854775808)) return LLONG_MIN;
  const f = Math.floor(v);
  const diff = v - f;
  let r = f;
  if (diff > 0.5 || (diff === 0.5 && f % 2 !== 0)) r = f + 1;
  return BigInt(r);
}

/** Redis fixedpoint_d2string(d, 4): distances in GEODIST and WITHDIST replies. */
export function formatDistance(d: number): string {
  if (d === 0) return '0.0000';
  const v = llrint(d * 10000);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(5, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** printf("%f", x): six decimals (the coordinates in "invalid longitude,latitude pair"). */
export function formatFixed6(x: number): string {
  if (x !== x) return x < 0 ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Math.abs(x) >= 1e21) return `${BigInt(x)}.000000`;
  return toFixedHalfEven(x, 6);
}
