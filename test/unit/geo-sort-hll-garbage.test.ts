// SORT, HyperLogLog and GEO handlers never throw: seeded random argument
// soup over real and odd data (corrupted HLLs, non-geo scores, wrong
// types); every reply is a value or a Redis error, never "internal error".
import { expect, it } from 'vitest';
import { ErrorReply } from '../../protocols/reply.js';
import { memoryServer } from '../helpers/memory.js';

const COMMANDS = ['SORT', 'SORT_RO', 'PFADD', 'PFCOUNT', 'PFMERGE', 'PFDEBUG', 'GEOADD', 'GEODIST', 'GEOHASH', 'GEOPOS', 'GEORADIUS',
  'GEORADIUS_RO', 'GEORADIUSBYMEMBER', 'GEORADIUSBYMEMBER_RO', 'GEOSEARCH', 'GEOSEARCHSTORE'];
const TOKENS = ['l', 's', 'z', 'h', 'hll', 'bad', 'str', 'g', 'nokey', 'w_*', 'h_*->f', '#', '*', '->', 'nosort', 'BY', 'GET', 'LIMIT',
  'STORE', 'ALPHA', 'ASC', 'DESC', '0', '1', '-1', '2', '15', '37', '180', '-180', '85.05112878', '90', '1e300', 'inf', 'nan', 'x', '',
  'm', 'km', 'ft', 'mi', 'yd', 'WITHDIST', 'WITHHASH', 'WITHCOORD', 'COUNT', 'ANY', 'STOREDIST', 'FROMMEMBER', 'FROMLONLAT', 'BYRADIUS',
  'BYBOX', 'NX', 'XX', 'CH', 'GETREG', 'DECODE', 'ENCODING', 'TODENSE', '9223372036854775807', '-9223372036854775808', 'a', 'b'];

it('SORT, PF* and GEO* answer every argument soup without throwing', () => {
  const { client } = memoryServer();
  const c = client();
  let seed = 4242;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  let ok = 0;
  for (let i = 0; i < 6000; i++) {
    if (i % 200 === 0) {
      c.run('FLUSHALL');
      c.run('RPUSH', 'l', 'a', 'b', '3', '1');
      c.run('SADD', 's', 'a', '2');
      c.run('ZADD', 'z', '-1', 'a', '1e20', 'b', '3479099956230698', 'g');
      c.run('HSET', 'h', 'f', '1');
      c.run('SET', 'str', 'x');
      c.run('PFADD', 'hll', 'a', 'b');
      c.run('SET', 'bad', 'HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe\x80\x80');
      c.run('GEOADD', 'g', '15', '37', 'a', '13.361389', '38.115556', 'b', '-180', '-85.05112878', 'c');
    }
    const argv = [pick(COMMANDS)];
    const n = Math.floor(next() * 10);
    for (let j = 0; j < n; j++) argv.push(pick(TOKENS));
    const r = c.run(...argv);
    if (r instanceof ErrorReply) expect(r.text, argv.join(' ')).not.toMatch(/internal error/);
    else ok++;
  }
  expect(ok).toBeGreaterThan(300);
});
