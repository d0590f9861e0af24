// Keyspace commands against a real redis-server 7.0, byte for byte: reply
// scripts, keyspace event streams, full SCAN iterations, DUMP payloads
// exchanged between the two servers, and real-time expiry.
import { describe, expect, it } from 'vitest';
import { differentialSuite, redwireHas, script, type Script } from '../helpers/differential.js';
import { RawConnection } from '../helpers/resp.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';

const LONG = 'hello world hello world hello world, the quick brown fox jumps over the lazy dog hello world';

const scripts: Script[] = [
  script('DUMP payloads of every string form', `
    SET int8 100
    SET int8neg -128
    SET int16 -30000
    SET int32 2000000000
    SET int32min -2147483648
    SET int64 2147483648
    SET bigneg -9223372036854775808
    SET lead0 007
    SET minus0 -0
    SET empty ""
    SET eleven 12345678901
    SET short hello
    SET twenty 12345678901234567890
    SET compressible "${'a'.repeat(200)}"
    SET sentence "${LONG}"
    SET incompressible "q\\x01w\\x02e\\x03r\\x04t\\x05y\\x06u\\x07i\\x08o\\x09p\\x0aa\\x0bs\\x0cd\\x0df\\x0eg"
    SET binary "\\x00\\xff\\r\\n\\x80"
    DUMP int8
    DUMP int8neg
    DUMP int16
    DUMP int32
    DUMP int32min
    DUMP int64
    DUMP bigneg
    DUMP lead0
    DUMP minus0
    DUMP empty
    DUMP eleven
    DUMP short
    DUMP twenty
    DUMP compressible
    DUMP sentence
    DUMP incompressible
    DUMP binary
  `),
  script('DUMP payloads of intsets and listpack sorted sets', `
    SADD s16 3 1 2 -7
    SADD s32 5 -3 100000 7
    SADD s64 1 -9223372036854775808 9223372036854775807
    ZADD z 1 a 2.5 b -0 c inf d 1e300 e 5000000000000000000 f 3 g -inf h 0.1 i -4097 j 4611686018427387904 k
    ZADD z2 -5 y 127 x 128 w 4095 v 4096 u 32767 t 32768 s 8388607 r 8388608 q 2147483648 p
    ZADD zlong 1 ${'m'.repeat(60)} 2 ${'n'.repeat(63)} 3 ${'o'.repeat(64)}
    DUMP s16
    DUMP s32
    DUMP s64
    DUMP z
    DUMP z2
    DUMP zlong
  `),
  script('DUMP payloads of streams', `
    XADD st 1-1 a 1 b 2
    XADD st 1-2 a 3 b 4
    XADD st 2-0 c 5
    XADD st 5-7 a x b yy
    XDEL st 1-2
    XGROUP CREATE st g1 1-1
    XGROUP CREATE st g0 $ ENTRIESREAD 3
    DUMP st
    XADD empty MAXLEN 0 1-1 f v
    DUMP empty
    XADD big 1-1 n 0
    XADD big 9999999999999-18446744073709551615 n 1
    XTRIM big MAXLEN 1
    DUMP big
  `),
  script('DUMP payloads of hashes and lists', `
    HSET h a 1 b 2 c ${'x'.repeat(30)} d -5 e 100000
    HSET h b 22
    HDEL h a
    DUMP h
    RPUSH l a 1 -1 ${'y'.repeat(70)} 123456789012 4096
    DUMP l
    RPUSH big ${Array.from({ length: 700 }, (_, i) => `element-${i}`).join(' ')}
    DUMP big
    RPUSH huge ${Array.from({ length: 40 }, () => 'z'.repeat(400)).join(' ')}
    DUMP huge
  `),
  script('RESTORE argument checks in Redis order', `
    SET k v
    RESTORE k 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce"
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" BOGUS
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" IDLETIME
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" IDLETIME -5
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" IDLETIME x
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" FREQ 300
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" FREQ 5 IDLETIME 5
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" IDLETIME 5 FREQ 5
    RESTORE k -1 garbage
    RESTORE n -1 garbage
    RESTORE n x garbage
    RESTORE n 0 garbage
    RESTORE n 0 "c\\x0a\\x00\\xae\\x7f\\x81\\xd3\\xec\\xda\\xe1\\xfb"
    RESTORE n 0 "\\x00\\x01v\\x0b\\x00\\xf8\\xd7s\\xc1\\xe4\\xa7cG"
    RESTORE n9 0 "\\x00\\x05hello\\x09\\x00\\xb3\\x80\\x8e\\xba1\\xb2C\\xbb"
    GET n9
    RESTORE n 0 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" ABSTTL REPLACE ABSTTL IDLETIME 10
    GET n
    TTL n
    RESTORE n 1 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" ABSTTL REPLACE
    EXISTS n
    RESTORE old 1000 "\\x00\\x01v\\x0a\\x00\\x91\\x08\\xce\\xb2\\x198\\x8a\\xce" ABSTTL
    EXISTS old
  `),
  script('EXPIRE arithmetic at the int64 edges', `
    SET k v
    EXPIRE k 9223372036854775
    EXPIRE k -9223372036854775
    EXPIRE k 9223372036854774
    EXPIRE k 9223372036854775808
    PEXPIRE k -9223372036854775808
    EXISTS k
    SET k v
    EXPIREAT k 9223372036854775
    EXPIREAT k 9223372036854774
    EXPIRETIME k
    PEXPIREAT k 9223372036854770000
    PEXPIRETIME k
    EXPIRETIME k
    PEXPIREAT k 4102444800000
    PEXPIRETIME k
    EXPIRETIME k
    PEXPIREAT k 4102444800499
    EXPIRETIME k
    PEXPIREAT k 4102444800500
    EXPIRETIME k
    PEXPIREAT k 4102444800000 gt
    PEXPIREAT k 4102444800000 lt
    PEXPIREAT k 4102444800001 Gt
    EXPIREAT k 4102444800 xx
    EXPIREAT k 0 nx
    EXPIRE k 1 nx xx gt lt
    EXPIRE k 1 xx xx
    EXPIRE k 1 lt lt
    PERSIST k
    EXPIREAT k 4102444800 gt
    EXPIREAT k 4102444800 lt
    EXPIRETIME k
    PEXPIREAT k -1
    EXISTS k
  `),
  script('RENAME MOVE COPY keep TTLs and replace targets', `
    SET a 1 PXAT 4102444800123
    SET b 2
    RENAME a b
    PEXPIRETIME b
    RENAMENX b a
    PEXPIRETIME a
    COPY a c
    PEXPIRETIME c
    MOVE c 3
    EXISTS c
    SELECT 3
    PEXPIRETIME c
    COPY c c DB 0
    COPY c c DB 0 REPLACE
    COPY c c REPLACE DB 3
    SELECT 0
    PEXPIRETIME c
    SET plain x
    COPY plain c REPLACE
    PEXPIRETIME c
    MOVE plain 0
    MOVE plain 2147483648
    MOVE plain -1
    COPY plain z DB -1
    COPY plain z DB 2147483648
    SWAPDB 0 3
    PEXPIRETIME c
    SWAPDB 3 0
    SWAPDB -1 0
    SWAPDB 0 2147483648
    SWAPDB 2147483648 x
  `),
  script('OBJECT on strings', `
    SET a 0
    SET b 9999
    SET c 10000
    SET d -1
    SET e " 1"
    SET f 1.5
    OBJECT REFCOUNT a
    OBJECT REFCOUNT b
    OBJECT REFCOUNT c
    OBJECT REFCOUNT d
    OBJECT REFCOUNT e
    OBJECT REFCOUNT missing
    OBJECT ENCODING a
    OBJECT ENCODING e
    OBJECT ENCODING f
    ? OBJECT IDLETIME a     # Redwire tracks access times only under LRU/LFU policies
    OBJECT FREQ a
    OBJECT HELP
    OBJECT help
    OBJECT REFCOUNT a b
    OBJECT encoding
    CONFIG SET maxmemory-policy allkeys-lfu
    ? OBJECT FREQ a      # Redis reads the key's stale LRU bits: an arbitrary small number
    OBJECT IDLETIME a
    SET fresh v
    OBJECT FREQ fresh
    CONFIG SET maxmemory-policy noeviction
  `),
  script('KEYS skips, SCAN drops and DBSIZE counts', `
    MSET a 1 b 2 c 3
    ~ KEYS *
    DBSIZE
    FLUSHALL
    DBSIZE
    FLUSHALL ASYNC
    FLUSHALL BOGUS
    FLUSHALL SYNC ASYNC
    FLUSHDB SYNC ASYNC
  `),
  script('SCAN cursor parsing', `
    SET k v
    SCAN ""
    SCAN +0
    SCAN 00
    SCAN " 0"
    SCAN "0 "
    SCAN 0x0
    SCAN 18446744073709551616
    SCAN -18446744073709551616
    SCAN 0 COUNT 1 COUNT 10
    SCAN 0 MATCH a MATCH *
    SCAN 0 TYPE string TYPE string
    SCAN 0 type STRING
    SCAN 0 COUNT 9223372036854775807
    SCAN 0 COUNT 9223372036854775808
  `),
];

differentialSuite('keyspace (extended)', scripts);

// ---- scenarios that need more than one connection or a full iteration ----------

describe('keyspace against redis-server', () => {
  const redis = useRedisServer();
  const redwire = useTestServer();

  async function both<T>(fn: (c: RawConnection) => Promise<T>): Promise<[T, T]> {
    const [a, b] = await Promise.all([RawConnection.connect(redis.port), RawConnection.connect(redwire.port)]);
    try {
      return await Promise.all([fn(a), fn(b)]);
    } finally {
      a.close();
      b.close();
    }
  }

  const EVENTS = ['del', 'expire', 'expired', 'persist', 'rename_from', 'rename_to', 'copy_to', 'move_from', 'move_to', 'restore', 'new', 'set'];

  it('fires the same keyspace events in the same order', async () => {
    const run = async (port: number) => {
      const cmd = await RawConnection.connect(port);
      const sub = await RawConnection.connect(port);
      try {
        await cmd.command('FLUSHALL');
        await cmd.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEAn');
        const channels: string[] = [];
        for (const db of [0, 1]) for (const e of EVENTS) channels.push(`__keyevent@${db}__:${e}`);
        for (const k of ['a', 'b', 'c', 'd']) channels.push(`__keyspace@0__:${k}`);
        sub.write(Buffer.concat(channels.map((ch) => Buffer.from(`*2\r\n$9\r\nSUBSCRIBE\r\n$${ch.length}\r\n${ch}\r\n`))));
        for (let i = 0; i < channels.length; i++) await sub.readReply();
        const steps = [
          ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['PERSIST', 'a'], ['RENAME', 'a', 'b'], ['COPY', 'b', 'c'],
          ['COPY', 'b', 'c', 'REPLACE'], ['MOVE', 'c', '1'], ['DEL', 'b', 'c', 'nope'], ['SET', 'd', 'x'],
          ['EXPIRE', 'd', '-1'], ['SET', 'a', 'v', 'PX', '1'], ['RESTORE', 'r', '0', '\x00\x01v\n\x00\x91\x08\xce\xb2\x198\x8a\xce'],
          ['SET', 'b', '1'], ['RESTORE', 'b', '1', '\x00\x01v\n\x00\x91\x08\xce\xb2\x198\x8a\xce', 'ABSTTL', 'REPLACE'],
          ['UNLINK', 'r'], ['PEXPIRE', 'nope', '10'], ['SWAPDB', '0', '1'], ['FLUSHALL'],
        ];
        for (const s of steps) {
          await cmd.command(...s.map((x) => Buffer.from(x, 'latin1')));
          if (s[1] === 'a' && s[3] === 'PX') {
            await new Promise((r) => setTimeout(r, 5));
            await cmd.command('GET', 'a'); // lazy expiry
          }
        }
        await cmd.command('PUBLISH', 'marker', 'end');
        await cmd.command('CONFIG', 'SET', 'notify-keyspace-events', '');
        const got: string[] = [];
        for (let i = 0; i < 100; i++) {
          const r = await sub.readReply(2000).catch(() => null);
          if (r === null) break;
          got.push(r);
          if (r.includes('marker')) break;
        }
        return got;
      } finally {
        cmd.close();
        sub.close();
      }
    };
    const [a, b] = await Promise.all([run(redis.port), run(redwire.port)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(20);
  });

  it('a full SCAN returns the same key set for every option mix', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 700; i++) keys.push(`key:${i}`, String(i));
    const [ra, rb] = await both(async (c) => {
      await c.command('FLUSHALL');
      await c.command('MSET', ...keys);
      await c.command('SET', 'tmp', 'v', 'PX', '1');
      await new Promise((r) => setTimeout(r, 5));
      const out: string[] = [];
      for (const opts of [[], ['COUNT', '3'], ['MATCH', 'key:1*'], ['MATCH', 'key:?', 'COUNT', '1000'], ['TYPE', 'string', 'COUNT', '50'], ['TYPE', 'hash']]) {
        const seen = new Set<string>();
        let cursor = '0';
        let calls = 0;
        do {
          const r = await c.command('SCAN', cursor, ...opts);
          const m = /^\*2\r\n\$\d+\r\n(\d+)\r\n\*(\d+)\r\n([\s\S]*)$/.exec(r);
          if (m === null) throw new Error(`bad SCAN reply ${r}`);
          cursor = m[1];
          for (const k of m[3].split('\r\n').filter((x, i) => i % 2 === 1)) seen.add(k);
          calls++;
        } while (cursor !== '0' && calls < 10000);
        out.push(`${opts.join(' ')}: ${[...seen].sort().join(',')}`);
      }
      return out;
    });
    expect(rb).toEqual(ra);
  });

  it('collection DUMP payloads restore across the two servers, both ways', async () => {
    const setup: string[][] = [
      ['SADD', 'hs', ...Array.from({ length: 300 }, (_, i) => `m${i}`)],
      ['SADD', 'is', ...Array.from({ length: 50 }, (_, i) => String(i * 1000 - 7))],
      ['SADD', 'bigis', ...Array.from({ length: 600 }, (_, i) => String(i))],
      ['ZADD', 'sz', ...Array.from({ length: 300 }, (_, i) => [String(i / 7), `z${i}`]).flat()],
      ['ZADD', 'lz', '1', 'a', '-2.5', 'b', 'inf', 'c', '3', 'd'],
    ];
    setup.push(
      ['XADD', 'xs', '1-1', 'f', 'v'], ['XADD', 'xs', '2-1', 'f', 'w', 'g', '1'], ['XADD', 'xs', '3-1', 'h', 'x'],
      ['XGROUP', 'CREATE', 'xs', 'grp', '0'], ['XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '2', 'STREAMS', 'xs', '>'],
      ['XREADGROUP', 'GROUP', 'grp', 'bob', 'STREAMS', 'xs', '>'], ['XACK', 'xs', 'grp', '2-1'], ['XDEL', 'xs', '1-1'],
    );
    // Hashes and lists join once Redwire has them.
    const haveHashList = redwireHas('hset') && redwireHas('rpush');
    if (haveHashList) setup.push(
      ['HSET', 'hh', ...Array.from({ length: 600 }, (_, i) => [`f${i}`, `v${i}`]).flat()],
      ['HSET', 'lh', 'a', '1', 'b', 'x'.repeat(100)],
      ['RPUSH', 'll', ...Array.from({ length: 2000 }, (_, i) => `e${i}`)],
    );
    const reads: Record<string, string[]> = {
      ...(haveHashList ? { hh: ['HGETALL'], lh: ['HGETALL'], ll: ['LRANGE', '0', '-1'] } : {}),
      xs: ['XRANGE', '-', '+'],
      hs: ['SMEMBERS'], is: ['SMEMBERS'], bigis: ['SMEMBERS'], sz: ['ZRANGE', '0', '-1', 'WITHSCORES'], lz: ['ZRANGE', '0', '-1', 'WITHSCORES'],
    };
    const sorted = (reply: string) => reply.split('\r\n').slice(1).sort().join('|');
    const a = await RawConnection.connect(redis.port);
    const b = await RawConnection.connect(redwire.port);
    try {
      for (const [from, to] of [[a, b], [b, a]]) {
        for (const c of [from, to]) await c.command('FLUSHALL');
        for (const cmd of setup) await from.command(...cmd);
        for (const key of Object.keys(reads)) {
          const dump = await from.command('DUMP', key);
          const payload = Buffer.from(dump.slice(dump.indexOf('\r\n') + 2, -2), 'latin1');
          expect(await to.command('RESTORE', key, '0', payload), key).toBe('+OK\r\n');
          const [x, y] = [await from.command(reads[key][0], key, ...reads[key].slice(1)), await to.command(reads[key][0], key, ...reads[key].slice(1))];
          const unordered = reads[key][0] === 'SMEMBERS' || reads[key][0] === 'HGETALL';
          expect(unordered ? sorted(y) : y, key).toBe(unordered ? sorted(x) : x);
          // Loading applies its own encoding rules: compare with the source server restoring its own payload.
          await from.command('RESTORE', `${key}:self`, '0', payload);
          expect(await to.command('OBJECT', 'ENCODING', key), key).toBe(await from.command('OBJECT', 'ENCODING', `${key}:self`));
        }
        for (const cmd of [['XPENDING', 'xs', 'grp'], ['XPENDING', 'xs', 'grp', '-', '+', '10', 'bob'], ['XINFO', 'GROUPS', 'xs'], ['XLEN', 'xs']]) {
          const [x, y] = [await from.command(...cmd), await to.command(...cmd)];
          // Idle times depend on when each server delivered: masked (XINFO's "idle" field, XPENDING's idle column).
          const mask = (r: string) => r.replace(/idle\r\n:\d+/g, 'idle').replace(/(\$3\r\nbob\r\n):\d+/g, '$1<idle>');
          expect(mask(y), cmd.join(' ')).toBe(mask(x));
        }
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('DUMP payloads restore across the two servers, both ways', async () => {
    const values = ['', '1', '-129', '70000', '12345678901234', 'x'.repeat(5000), LONG, '\x00\x01\x02\xfe\xff'.repeat(30)];
    const a = await RawConnection.connect(redis.port);
    const b = await RawConnection.connect(redwire.port);
    try {
      for (const [from, to] of [[a, b], [b, a]]) {
        for (let i = 0; i < values.length; i++) {
          const v = Buffer.from(values[i], 'latin1');
          await from.command('SET', `v${i}`, v);
          const dump = await from.command('DUMP', `v${i}`);
          const payload = Buffer.from(dump.slice(dump.indexOf('\r\n') + 2, -2), 'latin1');
          expect(await to.command('RESTORE', `v${i}`, '0', payload, 'REPLACE')).toBe('+OK\r\n');
          expect(await to.command('GET', `v${i}`)).toBe(`$${v.length}\r\n${values[i]}\r\n`);
        }
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('expires keys actively in real time, like redis-server', async () => {
    const [ra, rb] = await both(async (c) => {
      await c.command('FLUSHALL');
      for (let i = 0; i < 50; i++) await c.command('SET', `t${i}`, 'v', 'PX', String(20 + i));
      await c.command('SET', 'stay', 'v');
      const before = await c.command('DBSIZE');
      await new Promise((r) => setTimeout(r, 1500));
      return [before, await c.command('DBSIZE')];
    });
    expect(ra).toEqual([':51\r\n', ':1\r\n']);
    expect(rb).toEqual(ra);
  });
});
