// Differential scripts for the list and hash families: every reply byte for
// byte against redis-server 7.0, and the keyspace events both servers
// publish for the same command script. (Hash scripts live here too: this
// engineer's integration tests share the lists* prefix.)
import { describe, expect, it } from 'vitest';
import { differentialSuite, script, type Script } from '../helpers/differential.js';
import { eventsOf } from '../helpers/keyspace-events.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';

const LONG = 'x'.repeat(100);

const listScripts: Script[] = [
  script('push, pop and length', `
    LPUSH l a b c
    RPUSH l d "\\x00\\xff"
    LPUSHX nokey a
    RPUSHX nokey a
    LPUSHX l z
    RPUSHX l y w
    LLEN l
    LLEN nokey
    LRANGE l 0 -1
    LPOP l
    RPOP l
    LPOP l 2
    RPOP l 2
    LPOP l 0
    RPOP l 100
    EXISTS l
    LPOP nokey
    LPOP nokey 1
    LPOP nokey 0
    LPOP l -1
    LPOP l abc
    LPOP l 1 2
    RPOP l 1 2
    OBJECT ENCODING nokey
    RPUSH big ${LONG} ${LONG} ${LONG}
    OBJECT ENCODING big
    RPUSH small 1
    OBJECT ENCODING small
  `),
  script('ranges, indexes, LSET', `
    RPUSH l 0 1 2 3 4 5 6 7 8 9
    LRANGE l 0 -1
    LRANGE l 2 4
    LRANGE l -3 -1
    LRANGE l -100 100
    LRANGE l 5 2
    LRANGE l 10 20
    LRANGE l 0 -11
    LRANGE l -9223372036854775808 9223372036854775807
    LRANGE l a 1
    LRANGE l 0 9223372036854775808
    LRANGE nokey 0 -1
    LINDEX l 0
    LINDEX l -1
    LINDEX l 10
    LINDEX l -11
    LINDEX l x
    LINDEX nokey x
    LSET l 0 zero
    LSET l -1 nine
    LSET l 10 x
    LSET l x x
    LSET nokey 0 x
    LRANGE l 0 -1
  `),
  script('LINSERT LREM LTRIM', `
    RPUSH l a b c a b c a
    LINSERT l BEFORE b X
    LINSERT l after c Y
    LINSERT l AFTER nope Z
    LINSERT l middle a Z
    LINSERT nokey BEFORE a Z
    LRANGE l 0 -1
    LREM l 1 a
    LREM l -1 a
    LREM l 0 c
    LREM l 0 nope
    LREM l x a
    LREM nokey 0 a
    LRANGE l 0 -1
    LTRIM l 1 -2
    LRANGE l 0 -1
    LTRIM l 0 100
    LTRIM l -1 -1
    LRANGE l 0 -1
    LTRIM l 5 1
    EXISTS l
    LTRIM nokey 0 1
    LTRIM nokey a 1
    RPUSH m x x x
    LREM m 0 x
    EXISTS m
  `),
  script('LPOS', `
    RPUSH l a b c 1 2 3 c c
    LPOS l c
    LPOS l c RANK 2
    LPOS l c RANK -1
    LPOS l c RANK -3
    LPOS l c RANK 4
    LPOS l c RANK 0
    LPOS l c RANK x
    LPOS l c COUNT 0
    LPOS l c COUNT 2
    LPOS l c COUNT 2 RANK -1
    LPOS l c COUNT 0 MAXLEN 7
    LPOS l c COUNT 0 RANK -1 MAXLEN 2
    LPOS l c MAXLEN 1
    LPOS l c COUNT -1
    LPOS l c COUNT x
    LPOS l c MAXLEN -1
    LPOS l c RANK
    LPOS l c BOGUS 1
    LPOS l zz
    LPOS l zz COUNT 0
    LPOS nokey a
    LPOS nokey a COUNT 1
    LPOS l c RANK -9223372036854775808
    LPOS l c RANK -9223372036854775807
    LPOS l c RANK 9223372036854775807
  `),
  script('LMOVE RPOPLPUSH LMPOP', `
    RPUSH src a b c d
    LMOVE src dst LEFT RIGHT
    LMOVE src dst right left
    LMOVE src dst UP LEFT
    LMOVE src dst LEFT DOWN
    RPOPLPUSH dst dst
    LRANGE dst 0 -1
    RPOPLPUSH src dst
    RPOPLPUSH src dst
    EXISTS src
    RPOPLPUSH src dst
    LMOVE nokey dst LEFT LEFT
    SET str x
    LMOVE dst str LEFT LEFT
    LMOVE str dst LEFT LEFT
    RPOPLPUSH dst str
    LRANGE dst 0 -1
    LMPOP 2 nokey dst LEFT
    LMPOP 2 nokey dst RIGHT COUNT 10
    LMPOP 2 nokey dst LEFT
    LMPOP 1 str LEFT
    LMPOP 0 a LEFT
    LMPOP x a LEFT
    LMPOP -1 a LEFT
    LMPOP 3 a LEFT
    LMPOP 1 a UP
    LMPOP 1 a LEFT COUNT
    LMPOP 1 a LEFT COUNT 0
    LMPOP 1 a LEFT COUNT x
    LMPOP 1 a LEFT COUNT 1 COUNT 1
    LMPOP 9223372036854775807 a LEFT
    LMPOP 1 a LEFT EXTRA
  `),
  script('blocking commands that do not block', `
    RPUSH b 1 2 3 4 5
    BLPOP a b 0
    BRPOP a b 0
    BLMOVE b d RIGHT LEFT 0
    BRPOPLPUSH b d 0
    BLMPOP 0 2 a b LEFT
    BLMPOP 0 2 a d RIGHT COUNT 5
    EXISTS b d
    BLPOP nokey 0.01
    BRPOP nokey 0.01
    BLMOVE nokey d LEFT LEFT 0.01
    BRPOPLPUSH nokey d 0.01
    BLMPOP 0.01 1 nokey LEFT
    BLPOP nokey abc
    BLPOP nokey -1
    BLPOP nokey inf
    BLPOP nokey 1e300
    BLPOP nokey " 1"
    BLPOP nokey nan
    BLPOP nokey 1e5000
    BLMOVE a b UP LEFT x
    BLMOVE a b LEFT LEFT x
    BLMPOP x 0 a LEFT
    BLMPOP x 1 a UP
    BLMPOP x 1 a LEFT
    BLMPOP -1 1 a LEFT
    SET s x
    BLPOP s 0
    BLPOP nokey s 0
    BLMOVE s d LEFT LEFT 0
    BLMPOP 0 1 s LEFT
    MULTI
    BLPOP nokey 0
    BRPOP nokey 0
    BLMOVE nokey d LEFT LEFT 0
    BRPOPLPUSH nokey d 0
    BLMPOP 0 1 nokey LEFT
    EXEC
  `),
  script('WRONGTYPE for every list command', `
    SET s x
    LPUSH s a
    RPUSH s a
    LPUSHX s a
    RPUSHX s a
    LPOP s
    RPOP s 2
    LLEN s
    LRANGE s 0 -1
    LINDEX s 0
    LSET s 0 a
    LINSERT s BEFORE a b
    LREM s 0 a
    LTRIM s 0 1
    LPOS s a
    HSET h f v
    LPUSH h a
    LRANGE h 0 -1
  `),
  script('RESP3 nil forms', `
    LPOP nokey
    LPOP nokey 1
    LINDEX nokey 0
    LPOS nokey a
    LMOVE nokey d LEFT LEFT
    LMPOP 1 nokey LEFT
    BLPOP nokey 0.01
    BLMOVE nokey d LEFT LEFT 0.01
    RPUSH l a
    LPOP l 0
    LPOS l a COUNT 0
  `, { resp3: true }),
];

const hashScripts: Script[] = [
  script('HSET family', `
    HSET h a 1 b 2
    HSET h a 3 c 4
    HMSET h d 5
    HSET h a
    HSET h a 1 b
    HMSET h a 1 b
    HSETNX h a 9
    HSETNX h z 9
    HGET h a
    HGET h nope
    HGET nokey a
    HMGET h a nope d
    HMGET nokey a b
    HGETALL h
    HKEYS h
    HVALS h
    HLEN h
    HLEN nokey
    HSTRLEN h a
    HSTRLEN h nope
    HSTRLEN nokey a
    HEXISTS h a
    HEXISTS h nope
    HEXISTS nokey a
    HGETALL nokey
    HKEYS nokey
    OBJECT ENCODING h
    HSET h "\\x00\\xff" "\\r\\n"
    HGET h "\\x00\\xff"
    HGETALL h
  `),
  script('HDEL and empty hashes', `
    HSET h a 1 b 2 c 3
    HDEL h a a nope
    HDEL h b c b
    EXISTS h
    HDEL h a
    HDEL nokey a
  `),
  script('HINCRBY', `
    HINCRBY h n 5
    HINCRBY h n -10
    HINCRBY h big 9223372036854775807
    HINCRBY h big 1
    HSET h neg -9223372036854775808
    HINCRBY h neg -1
    HINCRBY h neg 9223372036854775807
    HSET h bad " 1" lead 01 float 1.5 spaces "1 "
    HINCRBY h bad 1
    HINCRBY h lead 1
    HINCRBY h float 1
    HINCRBY h spaces 1
    HINCRBY h n x
    HINCRBY h n 9223372036854775808
    SET s v
    HINCRBY s n x
    HINCRBY s n 1
  `),
  script('HINCRBYFLOAT', `
    HINCRBYFLOAT h f 10.5
    HINCRBYFLOAT h f 0.1
    HSET h x 0.1 i 17179869184 e 5.0e3
    HINCRBYFLOAT h x 0.2
    HINCRBYFLOAT h i 1.5
    HINCRBYFLOAT h e 1
    HINCRBYFLOAT h z 1.23456789012345678901
    HINCRBYFLOAT h z -1.23456789012345678901
    HINCRBYFLOAT h n 3.0e3
    HINCRBYFLOAT h n 0x10
    HINCRBYFLOAT h n 1e-10
    HINCRBYFLOAT h n -1e20
    HINCRBYFLOAT h f abc
    HINCRBYFLOAT h f nan
    HINCRBYFLOAT h f inf
    HINCRBYFLOAT h f -inf
    HSET h bad " 1" nul "1\\x002" big 1.1e4932
    HINCRBYFLOAT h bad 1
    HINCRBYFLOAT h nul 1
    HINCRBYFLOAT h big 1.1e4932
    HGETALL h
    SET s v
    HINCRBYFLOAT s f abc
    HINCRBYFLOAT s f 1
  `),
  script('HRANDFIELD deterministic forms', `
    HSET one a 1
    HRANDFIELD one
    HRANDFIELD one 1
    HRANDFIELD one -3
    HRANDFIELD one -2 WITHVALUES
    HRANDFIELD one 5 withvalues
    HRANDFIELD one 0
    HRANDFIELD nokey
    HRANDFIELD nokey 3
    HRANDFIELD nokey -3 WITHVALUES
    HRANDFIELD one x
    HRANDFIELD one 1 bogus
    HRANDFIELD one 1 WITHVALUES x
    HRANDFIELD one -9223372036854770000 withvalues
    HRANDFIELD one -9223372036854775808 withvalues
    HRANDFIELD one -9223372036854775808
    HSET h a 1 b 2 c 3
    ~ HRANDFIELD h 3
    ~ HRANDFIELD h 10 WITHVALUES
    ? HRANDFIELD h 2
  `),
  script('HRANDFIELD RESP3', `
    HSET one a 1
    HRANDFIELD one 1 WITHVALUES
    HRANDFIELD one -2 WITHVALUES
    HRANDFIELD nokey
    HGETALL one
    HGETALL nokey
  `, { resp3: true }),
  script('HSCAN', `
    HSET h a1 1 b1 2 a2 3
    HSCAN h 0
    HSCAN h 12345 COUNT 1
    HSCAN h 0 MATCH a*
    HSCAN h 0 MATCH * COUNT 100
    HSCAN nokey 0
    HSCAN nokey 0 BOGUS
    HSCAN h x
    HSCAN h " 0"
    HSCAN h 0 COUNT 0
    HSCAN h 0 COUNT x
    HSCAN h 0 TYPE string
    HSCAN h 0 MATCH
    HSCAN h -1
    HSCAN h 18446744073709551616
    SET s x
    HSCAN s x
    HSCAN s 0 COUNT x
  `),
  script('encodings', `
    CONFIG SET hash-max-listpack-entries 4
    CONFIG SET hash-max-listpack-value 8
    HSET h a 1 b 2 c 3 d 4
    OBJECT ENCODING h
    HSET h e 5
    OBJECT ENCODING h
    HDEL h a b c d
    OBJECT ENCODING h
    HSET v a 123456789
    OBJECT ENCODING v
    HSET k 123456789 a
    OBJECT ENCODING k
    HINCRBYFLOAT w f 1000.5
    OBJECT ENCODING w
    HINCRBYFLOAT w f 0.0001
    OBJECT ENCODING w
    HGET w f
    CONFIG SET hash-max-listpack-entries 128
    CONFIG SET hash-max-listpack-value 64
  `),
  script('WRONGTYPE for every hash command', `
    SET s x
    HSET s a 1
    HMSET s a 1
    HSETNX s a 1
    HGET s a
    HMGET s a
    HDEL s a
    HLEN s
    HSTRLEN s a
    HEXISTS s a
    HKEYS s
    HVALS s
    HGETALL s
    HRANDFIELD s
    HRANDFIELD s 2
    RPUSH l a
    HGET l a
  `),
];

/** A deterministic PRNG so a failing random script reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Random list and hash commands over a few small keys and values, compared step by step. */
function randomScript(seed: number, steps: number): Script {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => String(lo + Math.floor(r() * (hi - lo + 1)));
  const lists = ['l1', 'l2', 'l3'];
  const vals = ['a', 'b', 'c', '1', '-2', ''];
  const side = () => pick(['LEFT', 'RIGHT']);
  const hashes = ['h1', 'h2'];
  const fields = ['f1', 'f2', 'f3', 'f4', 'n'];
  const gens: Array<() => string[]> = [
    () => [pick(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']), pick(lists), ...Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(vals))],
    () => [pick(['LPOP', 'RPOP']), pick(lists), ...(r() < 0.5 ? [int(0, 4)] : [])],
    () => ['LRANGE', pick(lists), int(-5, 5), int(-5, 5)],
    () => ['LINDEX', pick(lists), int(-5, 5)],
    () => ['LSET', pick(lists), int(-4, 4), pick(vals)],
    () => ['LINSERT', pick(lists), pick(['BEFORE', 'AFTER']), pick(vals), pick(vals)],
    () => ['LREM', pick(lists), int(-2, 2), pick(vals)],
    () => ['LTRIM', pick(lists), int(-4, 4), int(-4, 4)],
    () => ['LPOS', pick(lists), pick(vals), 'RANK', pick(['1', '2', '-1', '-2']), ...(r() < 0.5 ? ['COUNT', int(0, 3)] : []), ...(r() < 0.3 ? ['MAXLEN', int(0, 4)] : [])],
    () => ['LMOVE', pick(lists), pick(lists), side(), side()],
    () => ['RPOPLPUSH', pick(lists), pick(lists)],
    () => ['LMPOP', '2', pick(lists), pick(lists), side(), 'COUNT', int(1, 3)],
    () => ['BLMPOP', '0.01', '2', pick(lists), pick(lists), side()],
    () => ['LLEN', pick(lists)],
    () => ['HSET', pick(hashes), pick(fields), pick(vals), ...(r() < 0.3 ? [pick(fields), pick(vals)] : [])],
    () => ['HSETNX', pick(hashes), pick(fields), pick(vals)],
    () => ['HDEL', pick(hashes), pick(fields), ...(r() < 0.3 ? [pick(fields)] : [])],
    () => ['HINCRBY', pick(hashes), pick(fields), int(-3, 3)],
    () => ['HINCRBYFLOAT', pick(hashes), pick(fields), pick(['0.1', '-1.5', '3', '1e3', '0.3333'])],
    () => ['HGET', pick(hashes), pick(fields)],
    () => ['HMGET', pick(hashes), pick(fields), pick(fields)],
    () => ['HGETALL', pick(hashes)],
    () => ['HSTRLEN', pick(hashes), pick(fields)],
    () => ['HLEN', pick(hashes)],
    () => ['HSCAN', pick(hashes), '0'],
  ];
  // Pushes weigh more so that lists grow long enough to hold repeated elements.
  const push = gens[0];
  gens.push(push, push, push, push, () => ['HSET', pick(hashes), pick(fields), pick(vals), pick(fields), pick(vals)]);
  const steps_: Script['steps'] = [];
  for (let i = 0; i < steps; i++) steps_.push({ cmd: pick(gens)(), compare: 'exact' });
  for (const k of [...lists, ...hashes]) steps_.push({ cmd: ['TYPE', k] }, { cmd: ['DUMP', k] });
  return { name: `random list/hash commands (seed ${seed})`, steps: steps_ };
}

differentialSuite('lists', listScripts);
differentialSuite('lists and hashes, random', [1, 2, 3, 4].map((seed) => randomScript(seed, 500)));
differentialSuite('hashes', hashScripts);

/** Keyspace events: the same command script on both servers must publish the same messages in the same order. */
const EVENT_SCRIPT: string[][] = [
  ['LPUSH', 'l', 'a', 'b'], ['RPUSH', 'l', 'c'], ['LPUSHX', 'nokey', 'a'], ['LINSERT', 'l', 'BEFORE', 'a', 'z'],
  ['LINSERT', 'l', 'BEFORE', 'nope', 'z'], ['LSET', 'l', '0', 'y'], ['LREM', 'l', '0', 'nope'], ['LREM', 'l', '1', 'z'],
  ['LTRIM', 'l', '0', '-1'], ['LPOP', 'l'], ['RPOP', 'l', '0'], ['LMOVE', 'l', 'd', 'LEFT', 'RIGHT'],
  ['RPOPLPUSH', 'd', 'd'], ['RPOP', 'l', '5'], ['LMPOP', '2', 'l', 'd', 'LEFT', 'COUNT', '5'],
  ['RPUSH', 'm', '1', '2', '3'], ['BLPOP', 'm', '0'], ['BLMOVE', 'm', 'n', 'RIGHT', 'LEFT', '0'], ['BLMPOP', '0', '1', 'm', 'LEFT'],
  ['LTRIM', 'n', '5', '10'],
  ['HSET', 'h', 'a', '1', 'b', '2'], ['HSET', 'h', 'a', '1'], ['HMSET', 'h', 'c', '3'], ['HSETNX', 'h', 'a', '9'],
  ['HSETNX', 'h', 'z', '9'], ['HDEL', 'h', 'nope'], ['HDEL', 'h', 'a', 'nope'], ['HINCRBY', 'h', 'n', '1'],
  ['HINCRBYFLOAT', 'h', 'n', '1.5'], ['HINCRBY', 'h', 'b', 'x'], ['HDEL', 'h', 'b', 'c', 'z', 'n'],
  ['HINCRBY', 'h2', 'f', '1'], ['HINCRBYFLOAT', 'h3', 'f', '1'], ['HGET', 'nokey', 'f'],
];

// Every key the script touches, on its keyspace channel: one ordered stream of (key, event).
const EVENT_SUBSCRIPTION = ['SUBSCRIBE', ...['l', 'd', 'm', 'n', 'h', 'h2', 'h3', 'nokey'].map((k) => `__keyspace@0__:${k}`)];

describe('differential: keyspace events of lists and hashes', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  it('publish the same keyspace and keyevent messages in the same order', async () => {
    const [a, b] = await Promise.all([eventsOf(redis.port, EVENT_SCRIPT, EVENT_SUBSCRIPTION), eventsOf(redwire.port, EVENT_SCRIPT, EVENT_SUBSCRIPTION)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(40);
  });
});
