// Geohash as Redis's GEO commands use it: longitude and latitude scaled to
// `step` bits each and interleaved (latitude on even bits, longitude on odd
// bits) over the Web Mercator latitude range ±85.05112878. A point is stored
// as the 52-bit (step 26) hash, which is its sorted-set score. Search boxes
// work on 64-bit values as BigInt (a few per query); the per-point paths
// (encoding a score, decoding one) stay on plain numbers.

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

/** A coordinate range: [min, max]. */
export interface GeoRange {
  min: number;
  max: number;
}

/** A geohash of `step` bits per coordinate (step 0 with bits 0 is "no box"). */
export interface HashBits {
  bits: bigint;
  step: number;
}

/** The cell a hash covers. */
export interface HashArea {
  lonMin: number;
  lonMax: number;
  latMin: number;
  latMax: number;
}

export const LONG_RANGE: GeoRange = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
export const LAT_RANGE: GeoRange = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };
/** The standard geohash ranges GEOHASH re-encodes with. */
export const STD_LAT_RANGE: GeoRange = { min: -90, max: 90 };

const U64 = (v: bigint) => BigInt.asUintN(64, v);
const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;

/** The low 16 bits of v spread to the even bits of a uint32. */
function spread16(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/** The even bits of a uint32 packed into 16 bits. */
function compact16(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

// Halves of the last interleave (module state instead of an allocated pair).
let ilHi = 0;
let ilLo = 0;

/** Interleaves two uint32 values (x on even bits, y on odd bits) into ilHi/ilLo. */
function interleave(x: number, y: number): void {
  ilLo = (spread16(x) | (spread16(y) << 1)) >>> 0;
  ilHi = (spread16(x >>> 16) | (spread16(y >>> 16) << 1)) >>> 0;
}

/** A double offset truncated to uint32 as C's conversion does (values here are within [0, 2^32]). */
function toU32(v: number): number {
  return Math.trunc(v) >>> 0;
}

/** Scaled offsets of a point in the ranges, or false when outside (Redis geohashEncode's checks). */
function offsets(lonR: GeoRange, latR: GeoRange, lon: number, lat: number, step: number): boolean {
  if (step > 32 || step === 0 || (latR.max === 0 && latR.min === 0) || (lonR.max === 0 && lonR.min === 0)) return false;
  if (lon > GEO_LONG_MAX || lon < GEO_LONG_MIN || lat > GEO_LAT_MAX || lat < GEO_LAT_MIN) return false;
  if (lat < latR.min || lat > latR.max || lon < lonR.min || lon > lonR.max) return false;
  const scale = 2 ** step;
  const latOffset = ((lat - latR.min) / (latR.max - latR.min)) * scale;
  const lonOffset = ((lon - lonR.min) / (lonR.max - lonR.min)) * scale;
  interleave(toU32(latOffset), toU32(lonOffset));
  return true;
}

/** Redis geohashEncode: the hash of a point, or null when it cannot be encoded. */
export function geohashEncode(lonR: GeoRange, latR: GeoRange, lon: number, lat: number, step: number): HashBits | null {
  if (!offsets(lonR, latR, lon, lat, step)) return null;
  return { bits: (BigInt(ilHi) << 32n) | BigInt(ilLo), step };
}

/** The sorted-set score of a valid point: its step-26 hash as a double (GEOADD). */
export function geohashScore(lon: number, lat: number): number {
  offsets(LONG_RANGE, LAT_RANGE, lon, lat, GEO_STEP_MAX);
  // One rounding, as converting the uint64 (through its decimal text) to a double does.
  return ilHi * 4294967296 + ilLo;
}

/** Redis geohashDecode: the cell of a hash in the given ranges, or null for the zero hash. */
export function geohashDecode(lonR: GeoRange, latR: GeoRange, hash: HashBits): HashArea | null {
  if (hash.bits === 0n && hash.step === 0) return null;
  const hi = Number(hash.bits >> 32n);
  const lo = Number(hash.bits & 0xffffffffn);
  return decodeHalves(lonR, latR, hi, lo, hash.step);
}

function decodeHalves(lonR: GeoRange, latR: GeoRange, hi: number, lo: number, step: number): HashArea {
  const ilat = (compact16(lo) | (compact16(hi) << 16)) >>> 0;
  const ilon = (compact16(lo >>> 1) | (compact16(hi >>> 1) << 16)) >>> 0;
  const latScale = latR.max - latR.min;
  const lonScale = lonR.max - lonR.min;
  const div = 2 ** step;
  return {
    latMin: latR.min + (ilat / div) * latScale,
    latMax: latR.min + (((ilat + 1) >>> 0) / div) * latScale,
    lonMin: lonR.min + (ilon / div) * lonScale,
    lonMax: lonR.min + (((ilon + 1) >>> 0) / div) * lonScale,
  };
}

/** Longitude of the last decodeScore() call. */
export let decodedLon = 0;
/** Latitude of the last decodeScore() call. */
export let decodedLat = 0;

/**
 * Redis decodeGeohash: the centre of the step-26 cell a sorted-set score
 * names, clamped to the valid ranges, left in decodedLon/decodedLat. The
 * score becomes a uint64 the way x86-64 converts a double (truncation,
 * negative values wrapping), so scores not made by GEOADD decode as Redis's do.
 */
export function decodeScore(score: number): void {
  let hi: number;
  let lo: number;
  if (score >= 0 && score < 9007199254740992) {
    hi = Math.floor(score / 4294967296);
    lo = Math.trunc(score - hi * 4294967296) >>> 0;
  } else {
    const bits = doubleToU64(score);
    hi = Number(bits >> 32n);
    lo = Number(bits & 0xffffffffn);
  }
  const a = decodeHalves(LONG_RANGE, LAT_RANGE, hi, lo, GEO_STEP_MAX);
  let x = (a.lonMin + a.lonMax) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (a.latMin + a.latMax) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  decodedLon = x;
  decodedLat = y;
}

const TWO_63 = 9223372036854775808;

/** (uint64_t)d as gcc compiles it on x86-64, out-of-range values included. */
function doubleToU64(d: number): bigint {
  if (d >= TWO_63) return d - TWO_63 < TWO_63 ? BigInt(Math.trunc(d)) : 0n;
  if (d >= -TWO_63) return U64(BigInt(Math.trunc(d)));
  return 1n << 63n; // below the int64 range, and NaN: the "integer indefinite" value
}

function moveX(h: HashBits, d: number): HashBits {
  if (d === 0) return h;
  let x = h.bits & ODD;
  const y = h.bits & EVEN;
  const shift = BigInt(64 - h.step * 2);
  const zz = EVEN >> shift;
  if (d > 0) x = U64(x + zz + 1n);
  else x = U64((x | zz) - (zz + 1n));
  x &= ODD >> shift;
  return { bits: x | y, step: h.step };
}

function moveY(h: HashBits, d: number): HashBits {
  if (d === 0) return h;
  const x = h.bits & ODD;
  let y = h.bits & EVEN;
  const shift = BigInt(64 - h.step * 2);
  const zz = ODD >> shift;
  if (d > 0) y = U64(y + zz + 1n);
  else y = U64((y | zz) - (zz + 1n));
  y &= EVEN >> shift;
  return { bits: x | y, step: h.step };
}

/** The eight neighbouring cells of a hash. */
export interface HashNeighbors {
  north: HashBits;
  south: HashBits;
  east: HashBits;
  west: HashBits;
  northEast: HashBits;
  northWest: HashBits;
  southEast: HashBits;
  southWest: HashBits;
}

/** Redis geohashNeighbors. */
export function geohashNeighbors(h: HashBits): HashNeighbors {
  return {
    east: moveX(h, 1),
    west: moveX(h, -1),
    south: moveY(h, -1),
    north: moveY(h, 1),
    northWest: moveY(moveX(h, -1), 1),
    northEast: moveY(moveX(h, 1), 1),
    southEast: moveY(moveX(h, 1), -1),
    southWest: moveY(moveX(h, -1), -1),
  };
}

/** The hash shifted to 52 bits: the lowest score inside its cell. */
export function align52(h: HashBits): bigint {
  return U64(h.bits << BigInt(52 - h.step * 2));
}

const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/**
 * GEOHASH's 11-character string for a stored score: the cell centre
 * re-encoded over the standard ±90 latitude range; Redis has 52 bits, so the
 * last character is always "0".
 */
export function geohashString(score: number): string {
  decodeScore(score);
  const h = geohashEncode(LONG_RANGE, STD_LAT_RANGE, decodedLon, decodedLat, GEO_STEP_MAX);
  const bits = h === null ? 0n : h.bits;
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn)];
  return s + '0';
}
