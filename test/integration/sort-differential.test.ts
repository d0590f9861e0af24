// SORT and SORT_RO against a real redis-server 7.0, byte for byte: numeric
// and ALPHA orders, BY/GET patterns (keys, hash fields, "#", constants),
// LIMIT arithmetic, STORE (events, TTL, deletion), parse errors, and the
// keyspace events (including keymiss) both servers publish.
import { describe, expect, it } from 'vitest';
import { differentialSuite, script, type Script } from '../helpers/differential.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { eventsOf } from '../helpers/keyspace-events.js';
import { prng as rng } from '../helpers/codec.js';

const sortScripts: Script[] = [
  script('numeric and ALPHA orders of a list', `
    RPUSH l 3 1 2 10 -1 1.5 0 -0 007 1e2 " 5" 0x10 inf -inf
    SORT l
    SORT l DESC
    SORT l ALPHA
    SORT l ALPHA DESC
    SORT l asc desc
    SORT l desc asc
    SORT_RO l
    SORT_RO l ALPHA DESC
    RPUSH e ""
    SORT e
    RPUSH bad 1 2 nan
    SORT bad
    SORT bad ALPHA
    RPUSH bad2 1 "2 "
    SORT bad2
    # Redis never clears errno before strtod: after an ERANGE every numeric SORT fails until
    # something else resets errno (ZADD's score parsing does), so reset it after each one.
    RPUSH bad3 1 1e400
    SORT bad3
    ! ZADD errno-reset 1 x
    RPUSH bad4 1 1e-310
    SORT bad4
    ! ZADD errno-reset 1 x
    RPUSH bad5 1 "  "
    SORT bad5
    RPUSH nul "1\\x00abc" 0 "\\x00"
    SORT nul
    SORT nul ALPHA
    RPUSH bin "\\xff" "\\x00\\x01" "a" "\\x80" "a\\x00b" "a\\x00a" ""
    SORT bin ALPHA
    SORT bin ALPHA DESC
    SORT bin ALPHA STORE out
    LRANGE out 0 -1
  `),
  script('LIMIT arithmetic', `
    RPUSH l 5 4 3 2 1 0
    SORT l LIMIT 0 2
    SORT l LIMIT 2 2
    SORT l LIMIT 4 10
    SORT l LIMIT 6 1
    SORT l LIMIT 100 1
    SORT l LIMIT -5 2
    SORT l LIMIT 1 -1
    SORT l LIMIT 1 0
    SORT l LIMIT 0 9223372036854775807
    SORT l LIMIT 9223372036854775807 1
    SORT l LIMIT -9223372036854775808 2
    SORT l LIMIT 1 2 LIMIT 0 1
    SORT l LIMIT a 1
    SORT l LIMIT 1 b
    SORT l LIMIT 1
    SORT l LIMIT 0 2 DESC
    SORT l BY nosort LIMIT 1 3
    SORT l BY nosort LIMIT 1 3 DESC
    SORT l BY nosort LIMIT 5 3 DESC
    SORT l BY nosort LIMIT 6 3 DESC
    SORT l BY nosort DESC
    SORT nokey LIMIT 0 1
    SORT l LIMIT 0 2 STORE dst
    LRANGE dst 0 -1
    SORT l LIMIT 9 2 STORE dst
    EXISTS dst
  `),
  script('sets and sorted sets', `
    SADD ints 5 -3 10 0 7
    SORT ints
    SORT ints DESC LIMIT 1 2
    SORT ints BY nosort
    SORT ints ALPHA
    SADD words banana apple cherry "apple pie" Apple
    SORT words ALPHA
    SORT words ALPHA DESC LIMIT 0 3
    SORT words
    SORT words BY nosort STORE sw
    LRANGE sw 0 -1
    SORT words BY nosort ALPHA STORE sw
    LRANGE sw 0 -1
    ZADD z 1 a 5 b 2 c 10 d 3 e
    OBJECT ENCODING z
    SORT z BY nosort
    OBJECT ENCODING z
    SORT z BY nosort DESC
    SORT z BY nosort LIMIT 1 2
    SORT z BY nosort DESC LIMIT 1 2
    SORT z BY nosort LIMIT 5 10
    SORT z BY nosort LIMIT -10 100
    SORT z ALPHA DESC
    SORT z ALPHA LIMIT 1 2
    SORT z
    SORT z BY nosort STORE zl
    LRANGE zl 0 -1
    ZADD zn 1 10 2 2 3 33
    SORT zn
    SORT zn BY nosort GET #
  `),
  script('BY and GET patterns', `
    RPUSH l a b c d
    MSET w_a 3 w_b 1 w_c 2 w_d 1
    SORT l BY w_*
    SORT l BY w_* DESC
    SORT l BY w_* LIMIT 1 2
    SORT l BY w_* GET #
    SORT l BY w_* GET # GET w_*
    SORT l BY w_* ALPHA
    SORT l BY w_* ALPHA DESC
    SORT l BY missing_*
    SORT l BY missing_* ALPHA
    SORT l BY missing_* DESC ALPHA
    SET w_e notanumber
    RPUSH l e
    SORT l BY w_*
    SORT l BY w_* ALPHA
    HSET h_a f 30 g x
    HSET h_b f 10
    HSET h_c f 20
    SORT l BY h_*->f
    SORT l BY h_*->f GET h_*->g GET # GET h_*->f
    SORT l BY h_*->nope
    SORT l BY h_*-> GET h_*->
    SET h_d-> 5
    SORT l GET h_*->
    SORT l BY w_* GET nostar GET # GET w_*-x
    SORT l BY nosort GET w_*
    SORT l BY x GET #
    SORT l BY nosort BY w_*
    SORT l BY w_* BY nosort
    SORT l GET w_* GET w_*->f
    SORT l BY h_*->f GET ## GET *
    SET a v_a
    SORT l GET *
    LPUSH lst 1
    SORT l BY lst GET lst
    SORT l BY lst*
    MSET p_a_s 1 p_b_s 2
    SORT l BY p_*_s GET p_*_s
    SORT l BY "w_*\\x00junk"
    SORT l GET "#\\x00x"
    SORT l BY "h_*->f\\x00"
  `),
  script('STORE and errors', `
    RPUSH src 3 1 2
    SORT src STORE dst
    LRANGE dst 0 -1
    TYPE dst
    SET dst x EX 100
    SORT src DESC STORE dst
    TTL dst
    LRANGE dst 0 -1
    SORT src STORE dst STORE dst2
    EXISTS dst2
    LRANGE dst 0 -1
    SORT src GET nope STORE dst
    LRANGE dst 0 -1
    SORT nokey STORE dst
    EXISTS dst
    SORT nokey STORE dst
    SORT src STORE
    SORT src BY
    SORT src GET
    SORT src foo
    SORT_RO src STORE dst
    SORT_RO nokey
    SET str x
    SORT str
    SORT str STORE dst
    SORT str BY
    HSET hash a b
    SORT hash
    SORT src STORE str
    TYPE str
    RPUSH bad 1 x
    SORT bad STORE dst2
    EXISTS dst2
    SORT bad ALPHA STORE dst2
    LRANGE dst2 0 -1
    SORT src STORE src
    LRANGE src 0 -1
    COMMAND GETKEYS SORT a STORE b
    COMMAND GETKEYS SORT a BY x STORE b LIMIT 0 1 GET c STORE d
    COMMAND GETKEYS SORT_RO a STORE b
  `),
  { ...script('RESP3 and MULTI', `
    RPUSH l b a
    MULTI
    SORT l ALPHA
    SORT l ALPHA STORE d
    SORT l BY nosort GET nope
    EXEC
  `), resp3: true },
];

/**
 * Weights drawn from a handful of values: ALPHA BY sorts full of ties, where
 * Redis's stable full sort and its partial quicksort (BY + LIMIT) each leave
 * equal elements in their own order.
 */
function tiesScript(seed: number): Script {
  const rand = rng(seed);
  const steps: Script['steps'] = [];
  const n = 20 + Math.floor(rand() * 200);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(`e${i}`);
  steps.push({ cmd: ['RPUSH', 'l', ...items] });
  for (let i = 0; i < n; i++) if (rand() < 0.9) steps.push({ cmd: ['SET', `w_e${i}`, ['a', 'b', 'c', '10', '9'][Math.floor(rand() * 5)]] });
  for (let q = 0; q < 40; q++) {
    const argv = ['SORT', 'l', 'BY', 'w_*', 'ALPHA'];
    if (rand() < 0.5) argv.push('DESC');
    if (rand() < 0.8) argv.push('LIMIT', String(Math.floor(rand() * n)), String(1 + Math.floor(rand() * n)));
    if (rand() < 0.3) argv.push('GET', '#', 'GET', 'w_*');
    if (rand() < 0.2) argv.push('STORE', 'dst');
    steps.push({ cmd: argv });
    if (argv.includes('STORE')) steps.push({ cmd: ['LRANGE', 'dst', '0', '-1'] });
  }
  return { name: `ALPHA BY with equal weights (seed ${seed})`, steps };
}

sortScripts.push(tiesScript(1), tiesScript(2), tiesScript(3));

differentialSuite('sort', sortScripts);

const EVENT_SCRIPT: string[][] = [
  ['RPUSH', 'l', 'b', 'a'], ['SORT', 'l', 'ALPHA', 'STORE', 'd'], ['SORT', 'l', 'ALPHA', 'STORE', 'd'],
  ['SORT', 'nokey', 'STORE', 'd'], ['SORT', 'l', 'BY', 'w_*', 'GET', 'g_*', 'GET', '#'], ['SORT', 'l', 'BY', 'nosort', 'GET', 'g_*'],
  ['SET', 'w_a', '1'], ['SORT', 'l', 'BY', 'w_*'], ['SORT_RO', 'nokey'],
];

describe('differential: SORT keyspace events', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  it('publish the same keyspace and keyevent messages (keymiss included) in the same order', async () => {
    const [a, b] = await Promise.all([eventsOf(redis.port, EVENT_SCRIPT), eventsOf(redwire.port, EVENT_SCRIPT)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });
});
