// The write-command script the keyspace-events differential runs on both
// servers: every family, each command's event-relevant edge cases (no-op
// writes fire nothing, emptied keys fire "del", stores of empty results,
// type errors), reads of missing keys (keymiss), blocking pops served by a
// push, MULTI/EXEC, two databases, active and lazy expiry, eviction.
//
// Step syntax (one per line):
//   CMD args...        run on connection A, wait for the reply
//   @B CMD args...     send on connection B without waiting (blocking commands)
//   @B<                read one reply on B
//   SLEEP ms           wait
//   WAITDBSIZE n       poll DBSIZE (which expires nothing) until it is n
//   DUMPRESTORE s d    DUMP s, then RESTORE d 0 <payload>
// Each step is followed by a marker PUBLISH, so events are attributed to it.

export const FAMILIES: Record<string, string> = {
  strings: `
    SET s1 v
    SET s1 v2 NX
    SET s1 v3 XX GET
    SET s1 v4 XX
    SET nx1 v XX
    SET s2 v EX 100
    SET s2 w KEEPTTL
    SET s2 v PXAT 1
    SETNX s3 a
    SETNX s3 b
    SETEX s4 100 v
    PSETEX s5 100000 v
    GETEX s4 PERSIST
    GETEX s4 EX 100
    GETEX s4
    GETEX s4 PXAT 1
    GETEX missing EX 10
    GETDEL s5
    GETDEL missing
    GETSET s1 new
    GETSET gs1 new
    MSET m1 a m2 b
    MSETNX m1 x m3 y
    MSETNX m3 x m4 y
    APPEND s1 tail
    APPEND app1 x
    SETRANGE s1 2 XX
    SETRANGE rng1 3 x
    SETRANGE s1 0 ""
    SETRANGE rng2 0 ""
    INCR n1
    DECR n1
    INCRBY n1 5
    DECRBY n1 2
    INCRBYFLOAT n1 1.5
    INCR s1
    INCRBYFLOAT n1 abc
    SETBIT b1 7 1
    SETBIT b1 7 1
    SETBIT b1 100 0
    BITOP AND bdst b1 b1
    BITOP OR bdst missing1 missing2
    BITOP NOT bdst2 b1
    BITFIELD bf SET u8 0 255
    BITFIELD bf INCRBY u8 0 1
    BITFIELD bf GET u8 0
    BITFIELD bf2 GET u8 0
    BITFIELD_RO bf GET u8 0
    GET missing
    MGET missing s1 missing2
    STRLEN missing
    GETRANGE missing 0 1
    GETBIT missing 1
    BITCOUNT missing
    BITPOS missing 1
    LCS s1 missing
    SUBSTR missing 0 1
    GET s1
    DEL s1 s3 s4 n1 b1 bdst bdst2 bf m1 m2 m3 m4 app1 rng1 gs1 missing
  `,
  keys: `
    SET k1 v
    SET k2 v
    DEL k1 missing
    DEL missing
    UNLINK k2 missing
    SET k1 v
    EXPIRE k1 100
    EXPIRE k1 100 NX
    EXPIRE k1 200 XX
    EXPIRE k1 50 GT
    EXPIRE k1 50 LT
    PEXPIRE k1 100000
    EXPIREAT k1 99999999999
    PEXPIREAT k1 99999999999999
    PERSIST k1
    PERSIST k1
    PERSIST missing
    EXPIRE missing 10
    SET k2 v
    EXPIRE k2 -1
    SET k2 v
    PEXPIREAT k2 1
    SET k2 v
    EXPIREAT k2 0
    RENAME k1 k3
    RENAME k3 k3
    RENAME missing k4
    SET k4 v
    RENAMENX k3 k4
    RENAMENX k3 k5
    COPY k5 k6
    COPY k5 k6
    COPY k5 k6 REPLACE
    COPY missing k7
    COPY k5 k7 DB 1
    MOVE k6 1
    MOVE k6 1
    MOVE k5 1
    SELECT 1
    SET inone v
    DEL k5 k7 inone
    SELECT 0
    DUMPRESTORE k4 kr
    TOUCH k4 missing
    EXISTS missing k4
    TYPE missing
    TTL missing
    OBJECT ENCODING missing
    DUMP missing
    RPUSH sl 3 1 2
    SORT sl STORE sdst
    SORT missing STORE sdst
    SORT_RO sl
    SWAPDB 0 1
    SWAPDB 0 1
    FLUSHDB
    SET k1 v
    FLUSHALL
  `,
  hashes: `
    HSET h f v f2 v2
    HSET h f v
    HSET h f w
    HSETNX h f x
    HSETNX h f3 x
    HMSET h a 1 b 2
    HDEL h f missing
    HDEL h nothing
    HDEL missing f
    HINCRBY h n 1
    HINCRBY h f2 1
    HINCRBYFLOAT h fl 1.5
    HGET missing f
    HGETALL missing
    HLEN missing
    HSTRLEN missing f
    HEXISTS missing f
    HMGET missing a b
    HKEYS missing
    HVALS missing
    HRANDFIELD missing
    HSCAN missing 0
    HDEL h f2 f3 a b n fl
    SET str v
    HSET str f v
    DEL str
  `,
  lists: `
    LPUSH l a b
    RPUSH l c
    LPUSHX missing a
    LPUSHX l z
    RPUSHX l y
    LPOP l
    RPOP l 2
    LPOP missing
    LPOP l 0
    LSET l 0 q
    LSET missing 0 q
    LINSERT l BEFORE q w
    LINSERT l BEFORE nothere w
    LREM l 0 w
    LREM l 0 nothere
    RPUSH l 1 2 3 4
    LTRIM l 0 2
    LTRIM l 0 -1
    LTRIM l 1 0
    RPUSH src a b c
    LMOVE src dst LEFT RIGHT
    LMOVE src src RIGHT LEFT
    RPOPLPUSH src dst
    LMOVE missing dst LEFT LEFT
    LMPOP 2 missing src LEFT
    LMPOP 1 dst RIGHT COUNT 5
    LRANGE missing 0 -1
    LLEN missing
    LINDEX missing 0
    LPOS missing a
    RPUSH src a b c d e f
    RPUSH dst x
    BLPOP missing src 1
    BRPOP src missing 1
    BLMOVE src dst RIGHT LEFT 1
    BRPOPLPUSH dst src 1
    BLMPOP 1 1 src LEFT
    DEL src dst
    @B BLPOP bl 0
    SLEEP 50
    LPUSH bl x y
    @B<
    @B BLMOVE bsrc bdst LEFT LEFT 0
    SLEEP 50
    RPUSH bsrc x
    @B<
    DEL bl bdst
  `,
  sets: `
    SADD s a b c d
    SADD s a
    SREM s a
    SREM s zz
    SREM missing a
    SMOVE s s2 b
    SMOVE s s2 zz
    SMOVE s s2 c
    SADD s3 x
    SMOVE s3 s2 x
    SPOP s2
    SPOP s2 0
    SPOP s2 10
    SPOP missing
    SADD a 1 2 3
    SADD b 2 3 4
    SINTERSTORE dst a b
    SUNIONSTORE dst a b
    SDIFFSTORE dst a b
    SDIFFSTORE dst a a
    SINTERSTORE dst2 missing a
    SMEMBERS missing
    SISMEMBER missing a
    SCARD missing
    SRANDMEMBER missing
    SINTER missing a
    SINTERCARD 2 missing a
    SSCAN missing 0
    DEL a b s dst
  `,
  zsets: `
    ZADD z 1 a 2 b
    ZADD z 1 a
    ZADD z 3 a
    ZADD z NX 5 a
    ZADD z XX 5 newm
    ZADD z INCR 1 a
    ZADD z GT CH 1 a
    ZINCRBY z 2 b
    ZINCRBY z 2 c
    ZREM z c zz
    ZREM z zz
    ZADD z 1 m1 2 m2 3 m3 4 m4 5 m5
    ZREMRANGEBYRANK z 0 0
    ZREMRANGEBYRANK z 100 200
    ZREMRANGEBYSCORE z 2 2
    ZREMRANGEBYLEX z [m4 [m5
    ZPOPMIN z
    ZPOPMAX z 2
    ZPOPMIN missing
    ZMPOP 1 z MIN
    ZADD zz 1 a 2 b
    ZADD zy 2 b 3 c
    ZRANGESTORE dst zz 0 -1
    ZRANGESTORE dst zz 5 10
    ZUNIONSTORE dst 2 zz zy
    ZINTERSTORE dst 2 zz zy
    ZDIFFSTORE dst 2 zz zy
    ZDIFFSTORE dst 2 zz zz
    ZSCORE missing a
    ZRANGE missing 0 -1
    ZCARD missing
    ZRANK missing a
    ZMSCORE missing a
    ZRANDMEMBER missing
    BZPOPMIN missing zz 1
    BZPOPMAX zz 1
    BZMPOP 1 1 zy MAX
    @B BZPOPMIN bz 0
    SLEEP 50
    ZADD bz 1 x 2 y
    @B<
    DEL zz zy bz dst
  `,
  streams: `
    XADD st 1-1 f v
    XADD st MAXLEN 1 2-1 f v
    XADD st 1-1 f v
    XADD st NOMKSTREAM 3-1 f v
    XADD missing NOMKSTREAM * f v
    XTRIM st MAXLEN 0
    XTRIM st MAXLEN 0
    XADD st 4-1 f v
    XDEL st 4-1
    XDEL st 9-9
    XSETID st 10-1
    XGROUP CREATE st g $
    XGROUP CREATE st g $
    XGROUP CREATE st2 g $ MKSTREAM
    XGROUP CREATECONSUMER st g alice
    XGROUP CREATECONSUMER st g alice
    XADD st 11-1 f v
    XREADGROUP GROUP g bob COUNT 1 STREAMS st >
    XACK st g 11-1
    XCLAIM st g carol 0 11-1
    XCLAIM st g carol 0 11-1 FORCE
    XAUTOCLAIM st g dave 0 0
    XAUTOCLAIM st g dave 0 0
    XGROUP SETID st g 0
    XGROUP DELCONSUMER st g nobody
    XGROUP DELCONSUMER st g alice
    XGROUP DESTROY st g
    XGROUP DESTROY st g
    XLEN missing
    XRANGE missing - +
    XREAD STREAMS missing 0
    XINFO STREAM missing
    XPENDING missing g
    DEL st st2
  `,
  'hyperloglog, geo, sort': `
    PFADD hll a b c
    PFADD hll a
    PFADD hll2
    PFADD hll2
    PFMERGE hll3 hll hll2
    PFMERGE hll4
    PFCOUNT missing
    PFCOUNT hll
    GEOADD geo 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
    GEOADD geo 13.361389 38.115556 Palermo
    GEOADD geo XX CH 13.0 38.0 Palermo
    GEOSEARCHSTORE gdst geo FROMLONLAT 15 37 BYRADIUS 200 km ASC
    GEOSEARCHSTORE gdst geo FROMLONLAT 0 0 BYRADIUS 1 km ASC
    GEORADIUS geo 15 37 200 km STORE gdst2
    GEORADIUSBYMEMBER geo Palermo 300 km STOREDIST gdst3
    GEOPOS missing a
    GEODIST missing a b
    GEOSEARCH missing FROMLONLAT 0 0 BYRADIUS 1 km
    RPUSH sl 3 1 2
    SORT sl STORE sorted
    SORT sl BY nosort LIMIT 5 10 STORE sorted
    DEL hll hll2 hll3 hll4 geo gdst gdst2 gdst3 sl sorted
  `,
  transactions: `
    MULTI
    SET t1 v
    LPUSH t2 a
    INCR t1
    DEL t2
    EXEC
    MULTI
    SET t3 v
    DISCARD
    DEL t1
  `,
  'two databases': `
    SELECT 3
    SET d3 v
    HSET d3h f v
    EXPIRE d3 100
    SELECT 0
    SET d0 v
    MOVE d0 3
    SELECT 3
    DEL d3 d3h d0
    SELECT 0
  `,
  expiry: `
    DEBUG SET-ACTIVE-EXPIRE 1
    SET ax v PX 30
    WAITDBSIZE 0
    HSET axh f v
    PEXPIRE axh 30
    WAITDBSIZE 0
    DEBUG SET-ACTIVE-EXPIRE 0
    SET lx v PX 10
    SLEEP 40
    GET lx
    SET lx v PX 10
    SLEEP 40
    EXISTS lx
    SET lx v PX 10
    SLEEP 40
    SET lx w
    RPUSH ll a
    PEXPIRE ll 10
    SLEEP 40
    LPUSH ll b
    SET lx2 v PX 10
    SLEEP 40
    TTL lx2
    SET lx3 v PX 10
    SLEEP 40
    DEL lx3
    SET lx4 v PX 10
    SLEEP 40
    RENAME lx4 lx5
    DEBUG SET-ACTIVE-EXPIRE 1
    DEL lx ll
  `,
  eviction: `
    FLUSHALL
    SET ev1 v
    CONFIG SET maxmemory-policy allkeys-random
    CONFIG SET maxmemory 1
    SET ev2 v
    GET ev1
    CONFIG SET maxmemory 0
    CONFIG SET maxmemory-policy noeviction
    FLUSHALL
  `,
};
