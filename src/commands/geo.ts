// GEO commands: points stored in sorted sets, scored by their 52-bit
// geohash (core/geohash.ts). GEOADD GEODIST GEOHASH GEOPOS, and the searches
// GEORADIUS GEORADIUSBYMEMBER (and _RO) GEOSEARCH GEOSEARCHSTORE, parsed,
// checked and answered in Redis's order with Redis's number formats.
import { DoubleReply, EMPTY_ARRAY, ERR_NOT_FLOAT, ERR_NOT_INTEGER, ERR_SYNTAX, NULL_ARRAY, RawReply, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { GEO_LAT_MAX, GEO_LAT_MIN, GEO_LONG_MAX, GEO_LONG_MIN, decodeScore, decodedLat, decodedLon, geohashScore, geohashString } from '../core/geohash.js';
import { geoDistance, type GeoShape } from '../core/geo-shape.js';
import { pointsInShape, type GeoPoint } from '../core/geo-search.js';
import { partialSort } from '../core/geo-partial-sort.js';
import { formatCoordinate, formatDistance, formatFixed6 } from '../core/geo-format.js';
import { cString, strictDouble } from '../core/types/strtod.js';
import { ZSetValue } from '../core/types/zset.js';
import { defineCommand } from './define.js';
import { is, isErr, parseInt64 } from './args.js';
import { lookupTyped } from './lookup.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { notifyZset, zsetLimits } from './zsets-util.js';
import { deleteKey, setKey } from './collections.js';

const ERR_UNIT = err('ERR unsupported unit provided. please use M, KM, FT, MI');
const ERR_NO_MEMBER = err('ERR could not decode requested zset member');
const ERR_COUNT = err('ERR COUNT must be > 0');
const ERR_ANY = err('ERR the ANY argument requires COUNT argument');
const ERR_NEGATIVE_RADIUS = err('ERR radius cannot be negative');
const ERR_NEGATIVE_BOX = err('ERR height or width cannot be negative');

/** A keyword compared as strcasecmp sees a C string (up to the first NUL byte). */
function kw(arg: string, KEYWORD: string): boolean {
  return is(cString(arg), KEYWORD);
}

/** A number argument (Redis getDoubleFromObject), or the error with `msg`. */
function doubleArg(s: string, msg: ErrorReply = ERR_NOT_FLOAT): number | ErrorReply {
  const v = strictDouble(s);
  return v === null ? msg : v;
}

/** Redis extractLongLatOrReply: two numbers within the geohash limits. */
function lonLatArgs(argv: string[], at: number): [number, number] | ErrorReply {
  const lon = doubleArg(argv[at]);
  if (isErr(lon)) return lon;
  const lat = doubleArg(argv[at + 1]);
  if (isErr(lat)) return lat;
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    return err(`ERR invalid longitude,latitude pair ${formatFixed6(lon)},${formatFixed6(lat)}`);
  }
  return [lon, lat];
}

/** Meters per unit, or -1 for an unknown unit. */
function unitFactor(u: string): number {
  if (kw(u, 'M')) return 1;
  if (kw(u, 'KM')) return 1000;
  if (kw(u, 'FT')) return 0.3048;
  if (kw(u, 'MI')) return 1609.34;
  return -1;
}

/** <radius> <unit> into shape (Redis extractDistanceOrReply), or the error. */
function radiusArgs(argv: string[], at: number, shape: GeoShape): ErrorReply | null {
  const r = doubleArg(argv[at], err('ERR need numeric radius'));
  if (isErr(r)) return r;
  if (r < 0) return ERR_NEGATIVE_RADIUS;
  shape.radius = r;
  const f = unitFactor(argv[at + 1]);
  if (f < 0) return ERR_UNIT;
  shape.conversion = f;
  return null;
}

/** <width> <height> <unit> into shape (Redis extractBoxOrReply), or the error. */
function boxArgs(argv: string[], at: number, shape: GeoShape): ErrorReply | null {
  const w = doubleArg(argv[at], err('ERR need numeric width'));
  if (isErr(w)) return w;
  const h = doubleArg(argv[at + 1], err('ERR need numeric height'));
  if (isErr(h)) return h;
  if (h < 0 || w < 0) return ERR_NEGATIVE_BOX;
  shape.width = w;
  shape.height = h;
  const f = unitFactor(argv[at + 2]);
  if (f < 0) return ERR_UNIT;
  shape.conversion = f;
  return null;
}

/** A member's coordinates into shape; false when it is not in the set. */
function memberCentre(zs: ZSetValue, member: string, shape: GeoShape): boolean {
  const score = zs.score(member);
  if (score === undefined) return false;
  decodeScore(score);
  shape.lon = decodedLon;
  shape.lat = decodedLat;
  return true;
}

/** A coordinate reply: bulk "%.17Lf"-style text in RESP2, a RESP3 double with the same text. */
function coordReply(c: Client, x: number): Reply {
  const text = formatCoordinate(x);
  if (c.resp === 2) return text;
  // Redis writes the double as that same text; over RESP the bytes can go out as they are.
  if (c.transport === 'tcp') return new RawReply(Buffer.from(`,${text}\r\n`, 'latin1'));
  return new DoubleReply(x);
}

function geoadd(c: Client, argv: string[]): Reply {
  let nx = false;
  let xx = false;
  let longidx = 2;
  for (; longidx < argv.length; longidx++) {
    const o = argv[longidx];
    if (kw(o, 'NX')) nx = true;
    else if (kw(o, 'XX')) xx = true;
    else if (!kw(o, 'CH')) break;
  }
  if ((argv.length - longidx) % 3 !== 0 || (xx && nx)) return ERR_SYNTAX;
  // GEOADD is ZADD with the coordinates turned into scores.
  const zargv = argv.slice(0, longidx);
  zargv[0] = 'zadd';
  for (let i = longidx; i < argv.length; i += 3) {
    const ll = lonLatArgs(argv, i);
    if (isErr(ll)) return ll;
    zargv.push(String(geohashScore(ll[0], ll[1])), argv[i + 2]);
  }
  return c.server.commands.get('zadd')!.run!(c, zargv) as Reply;
}

function geodist(c: Client, argv: string[]): Reply {
  let toMeter = 1;
  if (argv.length === 5) {
    toMeter = unitFactor(argv[4]);
    if (toMeter < 0) return ERR_UNIT;
  } else if (argv.length > 5) return ERR_SYNTAX;
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (zs === undefined) return null;
  if (isErr(zs)) return zs;
  const s1 = zs.score(argv[2]);
  const s2 = zs.score(argv[3]);
  if (s1 === undefined || s2 === undefined) return null;
  decodeScore(s1);
  const lon1 = decodedLon;
  const lat1 = decodedLat;
  decodeScore(s2);
  return formatDistance(geoDistance(lon1, lat1, decodedLon, decodedLat) / toMeter);
}

function geohash(c: Client, argv: string[]): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (isErr(zs)) return zs;
  const out: Reply[] = new Array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = zs === undefined ? undefined : zs.score(argv[j]);
    out[j - 2] = score === undefined ? null : geohashString(score);
  }
  return out;
}

function geopos(c: Client, argv: string[]): Reply {
  const zs = lookupTyped<ZSetValue>(c.db, argv[1], 'zset', true);
  if (isErr(zs)) return zs;
  const out: Reply[] = new Array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = zs === undefined ? undefined : zs.score(argv[j]);
    if (score === undefined) out[j - 2] = NULL_ARRAY;
    else {
      decodeScore(score);
      out[j - 2] = [coordReply(c, decodedLon), coordReply(c, decodedLat)];
    }
  }
  return out;
}

/** Which search command is running (Redis's RADIUS_* / GEOSEARCH* flags). */
const enum Kind {
  Radius,
  RadiusRo,
  ByMember,
  ByMemberRo,
  Search,
  SearchStore,
}

/** The options of a search after parsing. */
interface SearchOptions {
  withDist: boolean;
  withHash: boolean;
  withCoord: boolean;
  /** 0 none, 1 ASC, 2 DESC. */
  sort: number;
  any: boolean;
  count: number;
  storeKey: string | null;
  storeDist: boolean;
}

function search(c: Client, argv: string[], kind: Kind): Reply {
  const srcIndex = kind === Kind.SearchStore ? 2 : 1;
  const zs = lookupTyped<ZSetValue>(c.db, argv[srcIndex], 'zset', true);
  if (isErr(zs)) return zs;
  const shape: GeoShape = { circle: true, lon: 0, lat: 0, conversion: 0, radius: 0, width: 0, height: 0 };
  const isSearch = kind === Kind.Search || kind === Kind.SearchStore;
  const noStore = kind === Kind.RadiusRo || kind === Kind.ByMemberRo;
  let base: number;
  if (kind === Kind.Radius || kind === Kind.RadiusRo) {
    base = 6;
    const ll = lonLatArgs(argv, 2);
    if (isErr(ll)) return ll;
    [shape.lon, shape.lat] = ll;
    const e = radiusArgs(argv, 4, shape);
    if (e !== null) return e;
  } else if (!isSearch) {
    base = 5;
    // Without the key the arguments are still parsed, to know which empty reply to give.
    if (zs !== undefined) {
      if (!memberCentre(zs, argv[2], shape)) return ERR_NO_MEMBER;
      const e = radiusArgs(argv, 3, shape);
      if (e !== null) return e;
    }
  } else base = kind === Kind.SearchStore ? 3 : 2;

  const o: SearchOptions = { withDist: false, withHash: false, withCoord: false, sort: 0, any: false, count: 0, storeKey: null, storeDist: false };
  if (kind === Kind.SearchStore) o.storeKey = argv[1];
  let fromMember = false;
  let fromLonLat = false;
  let byRadius = false;
  let byBox = false;
  const remaining = argv.length - base;
  for (let i = 0; i < remaining; i++) {
    const at = base + i;
    const a = argv[at];
    if (kw(a, 'WITHDIST')) o.withDist = true;
    else if (kw(a, 'WITHHASH')) o.withHash = true;
    else if (kw(a, 'WITHCOORD')) o.withCoord = true;
    else if (kw(a, 'ANY')) o.any = true;
    else if (kw(a, 'ASC')) o.sort = 1;
    else if (kw(a, 'DESC')) o.sort = 2;
    else if (kw(a, 'COUNT') && i + 1 < remaining) {
      const n = parseInt64(argv[at + 1]);
      if (n === null) return ERR_NOT_INTEGER;
      if (n <= 0) return ERR_COUNT;
      o.count = Number(n);
      i++;
    } else if ((kw(a, 'STORE') || kw(a, 'STOREDIST')) && i + 1 < remaining && !noStore && !isSearch) {
      o.storeKey = argv[at + 1];
      o.storeDist = kw(a, 'STOREDIST');
      i++;
    } else if (kw(a, 'STOREDIST') && kind === Kind.SearchStore) {
      o.storeDist = true;
    } else if (kw(a, 'FROMMEMBER') && i + 1 < remaining && isSearch && !fromLonLat) {
      if (zs !== undefined && !memberCentre(zs, argv[at + 1], shape)) return ERR_NO_MEMBER;
      fromMember = true;
      i++;
    } else if (kw(a, 'FROMLONLAT') && i + 2 < remaining && isSearch && !fromMember) {
      const ll = lonLatArgs(argv, at + 1);
      if (isErr(ll)) return ll;
      [shape.lon, shape.lat] = ll;
      fromLonLat = true;
      i += 2;
    } else if (kw(a, 'BYRADIUS') && i + 2 < remaining && isSearch && !byBox) {
      const e = radiusArgs(argv, at + 1, shape);
      if (e !== null) return e;
      shape.circle = true;
      byRadius = true;
      i += 2;
    } else if (kw(a, 'BYBOX') && i + 3 < remaining && isSearch && !byRadius) {
      const e = boxArgs(argv, at + 1, shape);
      if (e !== null) return e;
      shape.circle = false;
      byBox = true;
      i += 3;
    } else return ERR_SYNTAX;
  }

  if (o.storeKey !== null && (o.withDist || o.withHash || o.withCoord)) {
    const what = kind === Kind.SearchStore ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    return err(`ERR ${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
  }
  if (isSearch && !(fromMember || fromLonLat)) return err(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]}`);
  if (isSearch && !(byRadius || byBox)) return err(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]}`);
  if (o.any && o.count === 0) return ERR_ANY;

  if (zs === undefined) {
    if (o.storeKey === null) return EMPTY_ARRAY;
    deleteKey(c, o.storeKey);
    return 0;
  }
  // COUNT keeps the nearest points, so it implies ASC (but ANY takes the first found).
  if (o.count !== 0 && o.sort === 0 && !o.any) o.sort = 1;
  const points = pointsInShape(zs, shape, o.any ? o.count : 0);
  if (points.length === 0 && o.storeKey === null) return EMPTY_ARRAY;
  const returned = o.count === 0 || points.length < o.count ? points.length : o.count;
  if (o.sort !== 0) {
    const cmp = o.sort === 1 ? byDistance : byDistanceDesc;
    // Like Redis: a full (stable) sort, or its partial quicksort when COUNT cuts the list (ties land where it puts them).
    if (returned === points.length) points.sort(cmp);
    else partialSort(points, cmp, 0, returned - 1);
  }
  return o.storeKey === null ? searchReply(c, points, returned, shape.conversion, o) : storeResult(c, points, returned, shape.conversion, o, kind);
}

const byDistance = (a: GeoPoint, b: GeoPoint): number => (a.dist > b.dist ? 1 : a.dist === b.dist ? 0 : -1);
const byDistanceDesc = (a: GeoPoint, b: GeoPoint): number => -byDistance(a, b);

function searchReply(c: Client, points: GeoPoint[], returned: number, conversion: number, o: SearchOptions): Reply {
  const plain = !o.withDist && !o.withHash && !o.withCoord;
  const out: Reply[] = new Array(returned);
  for (let i = 0; i < returned; i++) {
    const p = points[i];
    if (plain) {
      out[i] = p.member;
      continue;
    }
    const item: Reply[] = [p.member];
    if (o.withDist) item.push(formatDistance(p.dist / conversion));
    if (o.withHash) {
      const h = Math.trunc(p.score);
      item.push(Number.isSafeInteger(h) ? h : BigInt(h));
    }
    if (o.withCoord) item.push([coordReply(c, p.lon), coordReply(c, p.lat)]);
    out[i] = item;
  }
  return out;
}

function storeResult(c: Client, points: GeoPoint[], returned: number, conversion: number, o: SearchOptions, kind: Kind): Reply {
  const key = o.storeKey!;
  if (returned === 0) {
    deleteKey(c, key);
    return 0;
  }
  const limits = zsetLimits(c);
  const zs = new ZSetValue(false);
  for (let i = 0; i < returned; i++) {
    const p = points[i];
    zs.insertNew(o.storeDist ? p.dist / conversion : p.score, p.member, limits);
  }
  zs.shrinkIfSmall(limits);
  setKey(c, key, zs);
  notifyZset(c, kind === Kind.Search || kind === Kind.SearchStore ? 'geosearchstore' : 'georadiusstore', key);
  return returned;
}

const GEO = ['geo'];
const def = (name: string, arity: number, flags: number, since: string, summary: string, complexity: string, run: CommandSpec['run'], keys: [number, number, number] = [1, 1, 1]) =>
  defineCommand({ name, arity, flags, keys, acl: GEO, group: 'geo', since, summary, complexity, run });
const SEARCH_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.';
const W = Flag.WRITE | Flag.DENYOOM;
const R = Flag.READONLY;

/** Every GEO command. */
export const geoCommands: CommandSpec[] = [
  def('geoadd', -5, W, '3.2.0', 'Add one or more geospatial items in the geospatial index represented using a sorted set',
    'O(log(N)) for each item added, where N is the number of elements in the sorted set.', geoadd),
  def('geodist', -4, R, '3.2.0', 'Returns the distance between two members of a geospatial index', 'O(log(N))', geodist),
  def('geohash', -2, R, '3.2.0', 'Returns members of a geospatial index as standard geohash strings',
    'O(log(N)) for each member requested, where N is the number of elements in the sorted set.', geohash),
  def('geopos', -2, R, '3.2.0', 'Returns longitude and latitude of members of a geospatial index',
    'O(N) where N is the number of members requested.', geopos),
  def('georadius', -6, W, '3.2.0', 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point',
    SEARCH_COMPLEXITY, (c, a) => search(c, a, Kind.Radius)),
  def('georadius_ro', -6, R, '3.2.10', 'A read-only variant for GEORADIUS', SEARCH_COMPLEXITY, (c, a) => search(c, a, Kind.RadiusRo)),
  def('georadiusbymember', -5, W, '3.2.0', 'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member',
    SEARCH_COMPLEXITY, (c, a) => search(c, a, Kind.ByMember)),
  def('georadiusbymember_ro', -5, R, '3.2.10', 'A read-only variant for GEORADIUSBYMEMBER', SEARCH_COMPLEXITY, (c, a) => search(c, a, Kind.ByMemberRo)),
  def('geosearch', -7, R, '6.2.0', 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.',
    'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
    (c, a) => search(c, a, Kind.Search)),
  def('geosearchstore', -8, W, '6.2.0', 'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.',
    'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
    (c, a) => search(c, a, Kind.SearchStore), [1, 2, 1]),
];

