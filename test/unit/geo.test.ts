// GEO in memory: geohash scores and cells, number formatting (ties, -0,
// overflow), distances, and each command's replies and errors.
import { describe, expect, it } from 'vitest';
import { NULL_ARRAY, RawReply } from '../../protocols/reply.js';
import {
  GEO_LAT_MAX, GEO_LONG_MAX, LAT_RANGE, LONG_RANGE, align52, decodeScore, decodedLat, decodedLon, geohashDecode,
  geohashEncode, geohashNeighbors, geohashScore, geohashString,
} from '../../src/core/geohash.js';
import { formatCoordinate, formatDistance, formatFixed6 } from '../../src/core/geo-format.js';
import { geoDistance, searchCells } from '../../src/core/geo-shape.js';
import { partialSort } from '../../src/core/geo-partial-sort.js';
import { memoryServer } from '../helpers/memory.js';
import { text } from '../helpers/replies.js';

// Palermo as redis-server stores and prints it.
const PALERMO = 3479099956230698;

describe('geohash', () => {
  it('scores are the step-26 interleaved hash; decoding gives the cell centre', () => {
    expect(geohashScore(13.361389, 38.115556)).toBe(PALERMO);
    decodeScore(PALERMO);
    expect(formatCoordinate(decodedLon)).toBe('13.36138933897018433');
    expect(formatCoordinate(decodedLat)).toBe('38.11555639549629859');
    expect(geohashString(PALERMO)).toBe('sqc8b49rny0');
    expect(geohashScore(-180, GEO_LAT_MAX * -1)).toBe(0);
  });

  it('the corners of the map (offset 2^26) overflow into bits 52/53 as in C', () => {
    expect(geohashScore(GEO_LONG_MAX, GEO_LAT_MAX)).toBe(3 * 2 ** 52);
    decodeScore(3 * 2 ** 52);
    expect(decodedLon).toBe(180);
    expect(decodedLat).toBe(GEO_LAT_MAX);
  });

  it('scores that GEOADD never makes decode like the uint64 conversion of x86-64', () => {
    decodeScore(-1);
    expect([decodedLon, decodedLat]).toEqual([180, GEO_LAT_MAX]);
    decodeScore(1.9);
    const a = [decodedLon, decodedLat];
    decodeScore(1);
    expect([decodedLon, decodedLat]).toEqual(a);
  });

  it('neighbours move one cell in each direction; align52 gives the cell score range', () => {
    const h = geohashEncode(LONG_RANGE, LAT_RANGE, 0, 0, 4)!;
    const n = geohashNeighbors(h);
    const centre = geohashDecode(LONG_RANGE, LAT_RANGE, h)!;
    const east = geohashDecode(LONG_RANGE, LAT_RANGE, n.east)!;
    const north = geohashDecode(LONG_RANGE, LAT_RANGE, n.north)!;
    expect(east.lonMin).toBe(centre.lonMax);
    expect(east.latMin).toBe(centre.latMin);
    expect(north.latMin).toBe(centre.latMax);
    expect(align52(h)).toBe(h.bits << 44n);
    expect(geohashDecode(LONG_RANGE, LAT_RANGE, { bits: 0n, step: 0 })).toBeNull();
  });

  it('search cells: nine in Redis order, useless ones zeroed', () => {
    const cells = searchCells({ circle: true, lon: 15, lat: 37, conversion: 1000, radius: 200, width: 0, height: 0 });
    expect(cells.length).toBe(9);
    expect(cells[0].step).toBeGreaterThan(0);
    expect(cells.some((c) => c.bits === 0n && c.step === 0)).toBe(true);
  });
});

describe('partial sort (pqsort)', () => {
  it('puts the requested range in final order, whatever the ties', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rand() * 120);
      const a = Array.from({ length: n }, (_, i) => ({ k: Math.floor(rand() * 10), i }));
      const sorted = a.map((x) => x.k).sort((x, y) => x - y);
      const lo = Math.floor(rand() * n);
      const hi = lo + Math.floor(rand() * (n - lo));
      partialSort(a, (x, y) => x.k - y.k, lo, hi);
      expect(a.slice(lo, hi + 1).map((x) => x.k)).toEqual(sorted.slice(lo, hi + 1));
      expect(a.map((x) => x.i).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});

describe('formatting', () => {
  it('coordinates: %.17Lf, trailing zeros trimmed, ties to even, -0 as 0', () => {
    expect(formatCoordinate(13.5)).toBe('13.5');
    expect(formatCoordinate(-0)).toBe('0');
    expect(formatCoordinate(-1e-20)).toBe('0');
    expect(formatCoordinate(180)).toBe('180');
    expect(formatCoordinate(0.1)).toBe('0.10000000000000001');
    // 2^-18 has 18 decimals ending in 5: an exact tie, kept even.
    expect(formatCoordinate(2 ** -18)).toBe('0.00000381469726562');
    expect(formatCoordinate(3 * 2 ** -18)).toBe('0.00001144409179688');
  });

  it('distances: four decimals, llrint ties to even, NaN as LLONG_MIN', () => {
    expect(formatDistance(0)).toBe('0.0000');
    expect(formatDistance(166274.15156960033)).toBe('166274.1516');
    expect(formatDistance(0.00005)).toBe('0.0000');
    expect(formatDistance(0.00015)).toBe('0.0001'); // 1.4999999999999998 after the multiplication
    expect(formatDistance(0.00025)).toBe('0.0002');
    expect(formatDistance(0.00035)).toBe('0.0004');
    expect(formatDistance(1.00025)).toBe('1.0002');
    expect(formatDistance(2.00005)).toBe('2.0000');
    expect(formatDistance(-0.0005)).toBe('-0.0005');
    expect(formatDistance(NaN)).toBe('-922337203685477.5808');
  });

  it('%f for the invalid pair error', () => {
    expect(formatFixed6(200)).toBe('200.000000');
    expect(formatFixed6(-0.0000005)).toBe('-0.000000');
    expect(formatFixed6(0.0000015)).toBe('0.000002');
    expect(formatFixed6(Infinity)).toBe('inf');
    expect(formatFixed6(1e21)).toBe('1000000000000000000000.000000');
  });

  it('haversine distance; same meridian uses the latitude difference', () => {
    decodeScore(PALERMO);
    const [lon, lat] = [decodedLon, decodedLat];
    decodeScore(3479447370796909); // Catania
    expect(formatDistance(geoDistance(lon, lat, decodedLon, decodedLat))).toBe('166274.1516');
    expect(geoDistance(lon, lat, decodedLon, decodedLat)).toBe(geoDistance(decodedLon, decodedLat, lon, lat));
    expect(geoDistance(10, 0, 10, 1)).toBeCloseTo(111226.29, 1);
  });
});

describe('commands', () => {
  function setup() {
    const { client } = memoryServer();
    const c = client();
    c.run('GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania');
    return c;
  }

  it('GEOADD goes through ZADD: NX/XX/CH, type checks after coordinate checks', () => {
    const c = setup();
    expect(c.run('ZSCORE', 'Sicily', 'Palermo')).toEqual(expect.objectContaining({ value: PALERMO }));
    expect(c.run('GEOADD', 'Sicily', 'CH', '1', '1', 'Palermo', '2', '2', 'new')).toBe(2);
    expect(c.run('GEOADD', 'Sicily', 'NX', '3', '3', 'Palermo')).toBe(0);
    expect(text(c.run('GEOADD', 'Sicily', 'NX', 'XX', '3', '3', 'a'))).toBe('ERR syntax error');
    expect(text(c.run('GEOADD', 'Sicily', '3', '3', 'a', 'b'))).toBe('ERR syntax error');
    expect(text(c.run('GEOADD', 'Sicily', '181', '3', 'a'))).toBe('ERR invalid longitude,latitude pair 181.000000,3.000000');
    expect(text(c.run('GEOADD', 'Sicily', 'x', '3', 'a'))).toBe('ERR value is not a valid float');
    c.run('SET', 's', 'x');
    expect(text(c.run('GEOADD', 's', '500', '3', 'a'))).toBe('ERR invalid longitude,latitude pair 500.000000,3.000000');
    expect(text(c.run('GEOADD', 's', '5', '3', 'a'))).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
  });

  it('GEOPOS/GEOHASH/GEODIST replies, missing members and keys', () => {
    const c = setup();
    expect(c.run('GEOPOS', 'Sicily', 'Palermo', 'nope')).toEqual([['13.36138933897018433', '38.11555639549629859'], NULL_ARRAY]);
    expect(c.run('GEOHASH', 'Sicily', 'Palermo', 'nope')).toEqual(['sqc8b49rny0', null]);
    expect(c.run('GEODIST', 'Sicily', 'Palermo', 'Catania')).toBe('166274.1516');
    expect(c.run('GEODIST', 'Sicily', 'Palermo', 'Catania', 'km')).toBe('166.2742');
    expect(c.run('GEODIST', 'Sicily', 'Palermo', 'nope')).toBeNull();
    expect(c.run('GEODIST', 'nokey', 'a', 'b')).toBeNull();
    expect(text(c.run('GEODIST', 'nokey', 'a', 'b', 'yd'))).toBe('ERR unsupported unit provided. please use M, KM, FT, MI');
    expect(text(c.run('GEODIST', 'Sicily', 'a', 'b', 'km', 'x'))).toBe('ERR syntax error');
  });

  it('RESP3 coordinates are doubles printed with the same text', () => {
    const c = setup();
    c.run('HELLO', '3');
    const pos = c.run('GEOPOS', 'Sicily', 'Palermo') as unknown[][];
    expect(pos[0][0]).toBeInstanceOf(RawReply);
    expect(c.wire('GEOPOS', 'Sicily', 'Palermo')).toBe('*1\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n');
  });

  it('searches: sorting, COUNT/ANY, WITH* options', () => {
    const c = setup();
    expect(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ASC')).toEqual(['Catania', 'Palermo']);
    expect(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'DESC', 'COUNT', '1')).toEqual(['Palermo']);
    expect(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1')).toEqual(['Catania']);
    expect(c.run('GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'm', 'WITHDIST', 'WITHHASH')).toEqual([['Palermo', '0.0000', PALERMO]]);
    expect(c.run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'ASC', 'WITHCOORD')).toEqual([
      ['Catania', ['15.08726745843887329', '37.50266842333162032']],
      ['Palermo', ['13.36138933897018433', '38.11555639549629859']],
    ]);
    expect(text(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ANY'))).toBe('ERR the ANY argument requires COUNT argument');
    expect(text(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '0'))).toBe('ERR COUNT must be > 0');
    expect(text(c.run('GEORADIUS', 'Sicily', '15', '37', '-1', 'km'))).toBe('ERR radius cannot be negative');
    expect(text(c.run('GEORADIUS', 'Sicily', '15', '37', 'r', 'km'))).toBe('ERR need numeric radius');
    expect(text(c.run('GEORADIUSBYMEMBER', 'Sicily', 'nope', '1', 'km'))).toBe('ERR could not decode requested zset member');
    expect(text(c.run('GEOSEARCH', 'Sicily', 'BYRADIUS', '1', 'km', 'ASC', 'WITHDIST'))).toBe('ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH');
    expect(text(c.run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '1', '1', 'ASC', 'WITHDIST'))).toBe('ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH');
    expect(text(c.run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '1', '1', 'BYBOX', '1', '-1', 'km'))).toBe('ERR height or width cannot be negative');
    expect(text(c.run('GEORADIUS_RO', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd'))).toBe('ERR syntax error');
    expect(c.run('GEORADIUS', 'nokey', '15', '37', '200', 'km')).toEqual([]);
  });

  it('STORE/STOREDIST/GEOSEARCHSTORE write sorted sets or delete the destination', () => {
    const c = setup();
    expect(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd')).toBe(2);
    expect(c.run('ZSCORE', 'd', 'Palermo')).toEqual(expect.objectContaining({ value: PALERMO }));
    expect(c.run('GEOSEARCHSTORE', 'e', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST')).toBe(2);
    expect(c.run('ZRANGE', 'e', '0', '-1')).toEqual(['Catania', 'Palermo']);
    expect(text(c.run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd', 'WITHDIST'))).toBe(
      'ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options');
    expect(c.run('GEORADIUS', 'Sicily', '0', '0', '1', 'km', 'STORE', 'd')).toBe(0);
    expect(c.run('EXISTS', 'd')).toBe(0);
    expect(c.run('GEOSEARCHSTORE', 'e', 'nokey', 'FROMMEMBER', 'x', 'BYRADIUS', '1', 'km')).toBe(0);
    expect(c.run('EXISTS', 'e')).toBe(0);
  });
});
