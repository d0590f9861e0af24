// GEO commands against a real redis-server 7.0, byte for byte: scores
// (52-bit geohashes), coordinate and distance formatting (RESP2 and RESP3),
// every search option and its errors in Redis's order, STORE/STOREDIST,
// keyspace events, and seeded random searches compared reply for reply
// (unsorted results included: the cell scan order must match).
import { describe, expect, it } from 'vitest';
import { differentialSuite, script, type Script, type Step } from '../helpers/differential.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { eventsOf } from '../helpers/keyspace-events.js';
import { prng as rng } from '../helpers/codec.js';

const cmd = (...argv: string[]): Step => ({ cmd: argv });
const SICILY = 'GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 12.758489 38.788135 edge1 17.241510 38.788135 edge2';

const geoScripts: Script[] = [
  script('GEOADD options, scores and coordinate limits', `
    GEOADD pts 13.361389 38.115556 Palermo
    GEOADD pts 13.361389 38.115556 Palermo
    GEOADD pts CH 13.361390 38.115556 Palermo 15.087269 37.502669 Catania
    GEOADD pts NX 1 1 Palermo 2 2 n
    GEOADD pts XX 1 1 Palermo 2 2 x
    GEOADD pts CH XX 3 3 Palermo
    GEOADD pts XX NX 1 1 a
    GEOADD pts NX CH 5 5 n2 6 6 n
    GEOADD pts GT 1 1 a
    GEOADD pts 1 1
    GEOADD pts CH CH CH
    GEOADD pts 1 1 a 2
    GEOADD pts 200 100 a
    GEOADD pts 180 85.05112878 cornerNE -180 -85.05112878 cornerSW 180 -85.05112878 cornerSE -180 85.05112878 cornerNW
    GEOADD pts 180.000001 0 a
    GEOADD pts 0 85.05112879 a
    GEOADD pts 0 -85.0511288 a
    GEOADD pts -1e300 0 a
    GEOADD pts inf 0 a
    GEOADD pts -0 -0 zero
    GEOADD pts 1e-300 -1e-300 tiny
    GEOADD pts abc 0 a
    GEOADD pts 0 " 1" a
    GEOADD pts 0x10 0 hex
    GEOADD pts 0 0 "\\x00bin\\xff"
    ZRANGE pts 0 -1 WITHSCORES
    GEOPOS pts cornerNE cornerSW cornerSE cornerNW zero tiny hex "\\x00bin\\xff" nope
    GEOHASH pts cornerNE cornerSW cornerSE cornerNW zero tiny hex Palermo Catania nope
    GEOADD nokey XX 1 1 a
    EXISTS nokey
    SET str x
    GEOADD str 1 1 a
    GEOADD str 200 1 a
    GEOADD str 1 1
    OBJECT ENCODING pts
  `),
  script('GEOPOS GEOHASH GEODIST', `
    ${SICILY}
    GEOPOS Sicily Palermo Catania nope
    GEOPOS nokey a b
    GEOPOS Sicily
    GEOHASH Sicily Palermo Catania nope
    GEOHASH nokey a
    GEOHASH Sicily
    GEODIST Sicily Palermo Catania
    GEODIST Sicily Palermo Catania m
    GEODIST Sicily Palermo Catania KM
    GEODIST Sicily Palermo Catania mi
    GEODIST Sicily Palermo Catania ft
    GEODIST Sicily Palermo Catania yd
    GEODIST Sicily Palermo Palermo
    GEODIST Sicily Palermo nope
    GEODIST nokey Palermo Catania
    GEODIST nokey Palermo Catania yd
    GEODIST Sicily Palermo Catania km extra
    GEODIST Sicily edge1 edge2 km
    SET str x
    GEOPOS str a
    GEOHASH str a
    GEODIST str a b
    ZADD odd -1 neg 1.5 frac 9007199254740993 big 1e20 huge -1e30 hugeneg 0 zero 4503599627370496 top
    GEOPOS odd neg frac big huge hugeneg zero top
    GEOHASH odd neg frac big huge hugeneg zero top
    GEODIST odd neg top
    GEODIST odd zero frac
  `),
  { ...script('RESP3 replies', `
    ${SICILY}
    GEOPOS Sicily Palermo nope
    GEODIST Sicily Palermo Catania
    GEODIST Sicily Palermo nope
    GEORADIUS Sicily 15 37 200 km WITHDIST WITHCOORD WITHHASH ASC
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 400 400 km WITHCOORD
  `), resp3: true },
  script('GEORADIUS and GEORADIUSBYMEMBER', `
    ${SICILY}
    GEORADIUS Sicily 15 37 200 km
    GEORADIUS Sicily 15 37 200 km ASC
    GEORADIUS Sicily 15 37 200 km DESC
    GEORADIUS Sicily 15 37 200 km WITHDIST
    GEORADIUS Sicily 15 37 200 km WITHDIST WITHCOORD WITHHASH
    GEORADIUS Sicily 15 37 200 km withhash withcoord
    GEORADIUS Sicily 15 37 200 km COUNT 1
    GEORADIUS Sicily 15 37 200 km COUNT 2 DESC
    GEORADIUS Sicily 15 37 200 km COUNT 1 ANY
    GEORADIUS Sicily 15 37 200 km COUNT 3 ANY ASC
    GEORADIUS Sicily 15 37 200 km ANY
    GEORADIUS Sicily 15 37 200 km COUNT
    GEORADIUS Sicily 15 37 200 km COUNT 0
    GEORADIUS Sicily 15 37 200 km COUNT -1
    GEORADIUS Sicily 15 37 200 km COUNT x
    GEORADIUS Sicily 15 37 200 km FOO
    GEORADIUS Sicily 15 37 200 km FROMMEMBER Palermo
    GEORADIUS Sicily 15 37 -1 km
    GEORADIUS Sicily 15 37 x km
    GEORADIUS Sicily 15 37 200 yd
    GEORADIUS Sicily 15 200 200 km
    GEORADIUS Sicily x 37 200 km
    GEORADIUS Sicily 15 37 0 km
    GEORADIUS Sicily 15 37 20000 km
    GEORADIUS Sicily 15 37 100000 mi WITHDIST
    GEORADIUS Sicily 15 37 inf km
    GEORADIUS Sicily 15 37 200 KM WITHDIST
    GEORADIUS Sicily 15 37 200000 m WITHDIST
    GEORADIUS Sicily 15 37 700000 ft WITHDIST
    GEORADIUS Sicily 15 37 200 mi WITHDIST
    GEORADIUS nokey 15 37 200 km
    GEORADIUS nokey 15 37 200 km STORE d
    GEORADIUS nokey 15 37 x km
    GEORADIUSBYMEMBER Sicily Palermo 200 km
    GEORADIUSBYMEMBER Sicily Palermo 200 km WITHDIST ASC
    GEORADIUSBYMEMBER Sicily nope 200 km
    GEORADIUSBYMEMBER Sicily Palermo x km
    GEORADIUSBYMEMBER nokey Palermo x km
    GEORADIUSBYMEMBER nokey Palermo 200 km WITHDIST
    GEORADIUSBYMEMBER nokey Palermo 200 km BADOPT
    GEORADIUS_RO Sicily 15 37 200 km WITHDIST ASC
    GEORADIUS_RO Sicily 15 37 200 km STORE d
    GEORADIUSBYMEMBER_RO Sicily Palermo 200 km
    GEORADIUSBYMEMBER_RO Sicily Palermo 200 km STOREDIST d
    SET str x
    GEORADIUS str 15 37 x km
    GEORADIUSBYMEMBER str a 1 km
  `),
  script('GEOSEARCH and its errors', `
    ${SICILY}
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km ASC
    GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 400 400 km ASC WITHCOORD WITHDIST WITHHASH
    GEOSEARCH Sicily FROMMEMBER Palermo BYBOX 200 50 km DESC COUNT 2
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 10 4000 km WITHDIST
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 4000 10 km WITHDIST
    GEOSEARCH Sicily FROMLONLAT 15 37 FROMMEMBER Palermo BYRADIUS 200 km
    GEOSEARCH Sicily FROMMEMBER Palermo FROMLONLAT 15 37 BYRADIUS 200 km
    GEOSEARCH Sicily FROMMEMBER Palermo FROMMEMBER Catania BYRADIUS 200 km WITHDIST
    GEOSEARCH Sicily BYRADIUS 200 km ASC
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km BYBOX 200 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 200 200 km BYRADIUS 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 ASC
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km STORE d
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km STOREDIST
    GEOSEARCH Sicily FROMMEMBER nope BYRADIUS 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX -1 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX x 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 200 x km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 200 200 yd
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200
    GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 200 200
    GEOSEARCH Sicily FROMLONLAT 15 BYRADIUS 200 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km ANY
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km COUNT 1 ANY
    geosearch Sicily BYRADIUS 200 km ASC
    geosearch Sicily FROMLONLAT 15 37 ASC COUNT 1
    GEOSEARCH nokey FROMMEMBER x BYRADIUS 200 km
    GEOSEARCH nokey FROMMEMBER x BYRADIUS 200 km WITHDIST
    GEOSEARCH nokey FROMMEMBER x BYRADIUS x km
    GEOSEARCH nokey FROMLONLAT 15 37 BYBOX 1 1 km
    GEOSEARCH nokey BYBOX 1 1 km
    GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST "WITHCOORD\\x00x"
  `),
  script('STORE, STOREDIST and GEOSEARCHSTORE', `
    ${SICILY}
    GEORADIUS Sicily 15 37 200 km STORE d1
    ZRANGE d1 0 -1 WITHSCORES
    OBJECT ENCODING d1
    GEORADIUS Sicily 15 37 200 km STOREDIST d2
    ZRANGE d2 0 -1 WITHSCORES
    GEORADIUS Sicily 15 37 200 km STORE d3 STOREDIST d4
    EXISTS d3 d4
    GEORADIUS Sicily 15 37 200 km COUNT 1 STOREDIST d5 DESC
    ZRANGE d5 0 -1 WITHSCORES
    GEORADIUS Sicily 15 37 200 km STORE d1 WITHDIST
    GEORADIUS Sicily 15 37 200 km STORE
    GEORADIUS Sicily 15 37 1 m STORE d1
    EXISTS d1
    SET d6 x EX 100
    GEORADIUSBYMEMBER Sicily Palermo 300 km STOREDIST d6
    TTL d6
    ZRANGE d6 0 -1 WITHSCORES
    GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYRADIUS 200 km
    ZRANGE dst 0 -1 WITHSCORES
    GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYBOX 400 400 km STOREDIST COUNT 2 DESC
    ZRANGE dst 0 -1 WITHSCORES
    GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST
    GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYRADIUS 200 km STORE x
    GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYRADIUS 1 m
    EXISTS dst
    GEOSEARCHSTORE dst nokey FROMLONLAT 15 37 BYRADIUS 1 m
    GEORADIUS nokey 15 37 200 km STORE d6
    EXISTS d6
    GEOSEARCHSTORE Sicily Sicily FROMLONLAT 15 37 BYRADIUS 100 km
    ZRANGE Sicily 0 -1
    CONFIG SET zset-max-listpack-entries 1
    GEORADIUS Sicily 15 37 2000 km STORE big
    OBJECT ENCODING big
    CONFIG SET zset-max-listpack-entries 128
    SET str x
    GEOSEARCHSTORE dst str FROMLONLAT 15 37 BYRADIUS 1 m
    GEOSEARCHSTORE str Sicily FROMLONLAT 15 37 BYRADIUS 500 km
    TYPE str
  `),
];

/** Random points over the whole map, random searches of every kind; all replies compared byte for byte. */
function fuzzScript(seed: number, spread: number): Script {
  const rand = rng(seed);
  const steps: Step[] = [];
  const lon = () => (rand() * 2 - 1) * spread * 180;
  const lat = () => (rand() * 2 - 1) * spread * 85;
  const cLon = lon();
  const cLat = lat();
  for (let i = 0; i < 300; i++) {
    // Cluster half of the points around one centre so searches find many.
    const near = rand() < 0.5;
    const x = near ? Math.max(-180, Math.min(180, cLon + (rand() - 0.5) * 4)) : lon();
    const y = near ? Math.max(-85, Math.min(85, cLat + (rand() - 0.5) * 4)) : lat();
    steps.push(cmd('GEOADD', 'pts', x.toFixed(6), y.toFixed(6), `p${i}`));
  }
  const units = ['m', 'km', 'mi', 'ft'];
  const toUnit: Record<string, number> = { m: 1, km: 1000, mi: 1609.34, ft: 0.3048 };
  for (let q = 0; q < 80; q++) {
    const unit = units[Math.floor(rand() * 4)];
    const meters = 10 ** (2 + rand() * 5);
    const size = (meters / toUnit[unit]).toFixed(3);
    const sx = (rand() < 0.6 ? cLon + (rand() - 0.5) * 3 : lon()).toFixed(5);
    const sy = (rand() < 0.6 ? cLat + (rand() - 0.5) * 3 : lat()).toFixed(5);
    const opts: string[] = [];
    if (rand() < 0.5) opts.push('WITHDIST');
    if (rand() < 0.3) opts.push('WITHCOORD');
    if (rand() < 0.3) opts.push('WITHHASH');
    const sortPick = rand();
    if (sortPick < 0.3) opts.push('ASC');
    else if (sortPick < 0.5) opts.push('DESC');
    if (rand() < 0.3) opts.push('COUNT', String(1 + Math.floor(rand() * 10)), ...(rand() < 0.3 ? ['ANY'] : []));
    const form = Math.floor(rand() * 4);
    if (form === 0) steps.push(cmd('GEORADIUS', 'pts', sx, sy, size, unit, ...opts));
    else if (form === 1) steps.push(cmd('GEORADIUSBYMEMBER', 'pts', `p${Math.floor(rand() * 300)}`, size, unit, ...opts));
    else if (form === 2) steps.push(cmd('GEOSEARCH', 'pts', 'FROMLONLAT', sx, sy, 'BYRADIUS', size, unit, ...opts));
    else {
      const h = ((meters * (0.2 + rand() * 2)) / toUnit[unit]).toFixed(3);
      steps.push(cmd('GEOSEARCH', 'pts', 'FROMMEMBER', `p${Math.floor(rand() * 300)}`, 'BYBOX', size, h, unit, ...opts));
    }
    if (q % 8 === 0) steps.push(cmd('GEODIST', 'pts', `p${q}`, `p${q + 1}`, unit));
  }
  steps.push(cmd('GEOPOS', 'pts', ...Array.from({ length: 50 }, (_, i) => `p${i}`)));
  steps.push(cmd('GEOHASH', 'pts', ...Array.from({ length: 50 }, (_, i) => `p${i}`)));
  return { name: `random points and searches (seed ${seed}, spread ${spread})`, steps };
}

/** Many points sharing coordinates: equal distances, so COUNT's partial sort decides the order of ties. */
function tiesScript(seed: number): Script {
  const rand = rng(seed);
  const steps: Step[] = [];
  const spots = Array.from({ length: 6 }, () => [(10 + rand()).toFixed(4), (10 + rand()).toFixed(4)]);
  for (let i = 0; i < 120; i++) {
    const [x, y] = spots[Math.floor(rand() * spots.length)];
    steps.push(cmd('GEOADD', 'pts', x, y, `m${Math.floor(rand() * 1e6)}`));
  }
  for (let q = 0; q < 60; q++) {
    const [x, y] = spots[Math.floor(rand() * spots.length)];
    const order = rand() < 0.5 ? 'ASC' : 'DESC';
    steps.push(cmd('GEORADIUS', 'pts', x, y, '500', 'km', order, 'COUNT', String(1 + Math.floor(rand() * 130))));
    steps.push(cmd('GEOSEARCH', 'pts', 'FROMLONLAT', x, y, 'BYBOX', '300', '300', 'km', order, 'COUNT', String(1 + Math.floor(rand() * 50)), 'WITHDIST'));
  }
  return { name: `equal distances with COUNT (seed ${seed})`, steps };
}

geoScripts.push(fuzzScript(1, 1), fuzzScript(2, 0.2), fuzzScript(3, 1), fuzzScript(4, 0.05), tiesScript(5), tiesScript(6));

differentialSuite('geo', geoScripts);

const EVENT_SCRIPT: string[][] = [
  ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
  ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo'], ['GEOADD', 'g', 'XX', '1', '1', 'Palermo'],
  ['GEORADIUS', 'g', '15', '37', '2000', 'km', 'STORE', 'd'], ['GEORADIUS', 'g', '15', '37', '2000', 'km', 'STOREDIST', 'd'],
  ['GEORADIUS', 'g', '15', '37', '1', 'm', 'STORE', 'd'], ['GEOSEARCHSTORE', 'e', 'g', 'FROMMEMBER', 'Catania', 'BYRADIUS', '1', 'km'],
  ['GEOSEARCHSTORE', 'e', 'nokey', 'FROMMEMBER', 'Catania', 'BYRADIUS', '1', 'km'], ['GEOPOS', 'nokey', 'a'], ['GEODIST', 'nokey', 'a', 'b'],
  ['GEOSEARCH', 'nokey', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km'],
];

describe('differential: GEO keyspace events', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  it('publish the same keyspace and keyevent messages in the same order', async () => {
    const [a, b] = await Promise.all([eventsOf(redis.port, EVENT_SCRIPT), eventsOf(redwire.port, EVENT_SCRIPT)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });
});
