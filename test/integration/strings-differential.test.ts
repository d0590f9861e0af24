// String and bitmap commands against a real redis-server, replies compared
// byte for byte (RESP2, and RESP3 where the reply shape differs).
import { approxInt, differentialSuite, script, type Script } from '../helpers/differential.js';

const scripts: Script[] = [
  script('GET/SET basics and options', `
    GET k
    SET k v
    GET k
    SET k "\\x00\\xff\\r\\n"
    GET k
    SET k ""
    GET k
    SET k 1 XX
    SET n 1 XX
    SET n 1 NX
    SET n 2 NX
    SET n 3 nx nx
    SET n 4 NX XX
    SET n 4 XX NX
    SET n 5 GET
    SET n 6 GET NX
    SET nn 6 GET XX
    SET nn 6 NX GET
    GET nn
    SET n v EX 100
    TTL n
    SET n v EX 10 EX 20
    TTL n
    SET n v EX junk EX 30
    TTL n
    SET n w KEEPTTL
    TTL n
    SET n w KEEPTTL KEEPTTL GET
    TTL n
    SET n x
    TTL n
    SET n v EX 1 PX 1
    SET n v PX 1 EX 1
    SET n v EXAT 1 PXAT 1
    SET n v EX 1 KEEPTTL
    SET n v KEEPTTL EX 1
    SET n v PERSIST
    SET n v EX
    SET n v GET EX
    SET n v foo
    SET n v EX 0
    SET n v EX -1
    SET n v PX 0
    SET n v EXAT 0
    SET n v PXAT -5
    SET n v EX 1.5
    SET n v EX 9223372036854775808
    SET n v EX 9223372036854776
    SET n v EXAT 9223372036854775
    SET n v PX 9223372036854775807
    SET n v PXAT 9223372036854775807
    SET n v PXAT 1
    GET n
    SET
    SET k
  `),
  script('SETNX SETEX PSETEX GETSET GETDEL', `
    SETNX k a
    SETNX k b
    GET k
    SETEX k 100 v
    TTL k
    SETEX k 0 v
    SETEX k -1 v
    SETEX k x v
    SETEX k 10
    PSETEX k 100000 w
    ? PTTL k
    PSETEX k 0 w
    GETSET k new
    TTL k
    GETSET missing x
    GET missing
    GETDEL k
    GETDEL k
    SADD list a
    GETSET list x
    GETDEL list
    SET list x GET
    SETNX list x
    GET list
  `),
  script('GETEX', `
    GETEX k
    GETEX k EX junk
    GETEX k foo
    SET k v
    GETEX k
    TTL k
    GETEX k EX 100
    TTL k
    GETEX k PX 50000
    ? PTTL k
    GETEX k PERSIST
    TTL k
    GETEX k PERSIST
    GETEX k EXAT 9999999999
    TTL k
    GETEX k EX 0
    GETEX k PX -1
    GETEX k EX x
    GETEX k EX 1 PX 1
    GETEX k PERSIST EX 1
    GETEX k EX 1 PERSIST
    GETEX k NX
    GETEX k KEEPTTL
    GETEX k GET
    GETEX k EX
    GETEX k PXAT 1
    GET k
    EXISTS k
    SADD list a
    GETEX list
    GETEX list EX 10
    GETEX
  `),
  script('MGET MSET MSETNX STRLEN APPEND', `
    MSET a 1 b 2 c 3
    MGET a b c d
    MSET a 1 b
    MSET a
    MSETNX a 9 z 9
    MGET a z
    MSETNX y 1 z 2
    MSETNX q 1 q 2
    MGET y z q
    MSETNX q 1 r
    SADD list x
    MGET a list
    STRLEN a
    STRLEN missing
    STRLEN list
    APPEND s foo
    APPEND s "\\x00bar"
    APPEND s ""
    GET s
    STRLEN s
    APPEND list x
    APPEND e ""
    EXISTS e
    SET i -555
    STRLEN i
    APPEND i 5
    GET i
  `),
  script('INCR family', `
    INCR n
    INCR n
    DECR n
    INCRBY n 10
    DECRBY n 20
    INCRBY n -5
    INCRBY n x
    INCRBY n 1.5
    INCRBY n 9223372036854775808
    SET n 17179869184
    INCRBY n 17179869184
    DECRBY n 17179869185
    SET n 9007199254740991
    INCR n
    INCR n
    GET n
    SET n 9223372036854775806
    INCR n
    INCR n
    GET n
    SET n -9223372036854775807
    DECR n
    DECR n
    INCRBY n -1
    INCRBY n 9223372036854775807
    SET n 0
    DECRBY n -9223372036854775808
    INCRBY n -9223372036854775808
    INCRBY n 9223372036854775807
    SET n "    11"
    INCR n
    SET n "11    "
    INCR n
    SET n +1
    INCR n
    SET n 01
    INCR n
    SET n -0
    INCR n
    SET n 1e3
    INCR n
    SET n ""
    INCR n
    SADD list 1
    INCR list
    INCRBY list x
    SET t 10 EX 100
    INCR t
    TTL t
  `),
  script('INCRBYFLOAT', `
    INCRBYFLOAT f 1
    INCRBYFLOAT f 0.25
    GET f
    SET f 1.5
    INCRBYFLOAT f 1.5
    SET f 17179869184
    INCRBYFLOAT f 1.5
    INCRBYFLOAT f 17179869184
    SET f 0.1
    INCRBYFLOAT f 0.2
    INCRBYFLOAT f 0.3
    INCRBYFLOAT f -0.6
    INCRBYFLOAT f 1e-20
    INCRBYFLOAT f 3.0e3
    INCRBYFLOAT f 5.0e3
    INCRBYFLOAT f 1e300
    INCRBYFLOAT f 1e4000
    INCRBYFLOAT f -1e4000
    INCRBYFLOAT f 1e4932
    INCRBYFLOAT f 1e4932
    INCRBYFLOAT f 0x10
    INCRBYFLOAT f -0x1.8p1
    INCRBYFLOAT f inf
    INCRBYFLOAT f -inf
    INCRBYFLOAT f nan
    INCRBYFLOAT f abc
    INCRBYFLOAT f " 1"
    INCRBYFLOAT f "1 "
    INCRBYFLOAT f ""
    INCRBYFLOAT f 1e5000
    INCRBYFLOAT f 1e-5000
    GET f
    SET f "    11"
    INCRBYFLOAT f 1.0
    SET f 1
    SETRANGE f 2 2
    INCRBYFLOAT f 1
    SET f 1
    INCRBYFLOAT f -1.1
    DEL f
    INCRBYFLOAT f 0.024390243902439025
    INCRBYFLOAT f -0.024390243902439025
    SET f 9223372036854775807
    INCRBYFLOAT f 1
    INCRBYFLOAT f 18446744073709551617
    SET f 5 EX 100
    INCRBYFLOAT f 1
    TTL f
    SADD list 1
    INCRBYFLOAT list abc
  `),
  script('GETRANGE SUBSTR SETRANGE', `
    GETRANGE k 0 -1
    SET k "Hello World"
    GETRANGE k 0 3
    GETRANGE k 0 -1
    GETRANGE k -4 -1
    GETRANGE k 5 3
    GETRANGE k 5 5000
    GETRANGE k -5000 10000
    GETRANGE k -1 -5
    GETRANGE k -100 -50
    GETRANGE k 0 4294967297
    GETRANGE k -9223372036854775808 9223372036854775807
    GETRANGE k -9223372036854775807 -9223372036854775808
    GETRANGE k x 1
    GETRANGE k 0 1.5
    SUBSTR k 6 -1
    SET i 1234
    GETRANGE i 0 2
    GETRANGE i -3 -1
    SET e ""
    GETRANGE e 0 -1
    SETRANGE r 0 ""
    EXISTS r
    SETRANGE r 1 foo
    GET r
    SETRANGE r 0 b
    SETRANGE r 7 q
    GET r
    SETRANGE r 2 ""
    SETRANGE r -1 x
    SETRANGE r x x
    SETRANGE r 536870908 world
    SETRANGE nr 536870908 world
    SETRANGE nr 9223372036854775807 A
    SETRANGE nr 2147483647 A
    SETRANGE nr 9223372036854775807 ""
    SET t abc EX 100
    SETRANGE t 1 X
    TTL t
    GET t
    SADD list a
    SETRANGE list 0 x
    GETRANGE list 0 1
  `),
  script('LCS', `
    SET a ohmytext
    SET b mynewtext
    LCS a b
    LCS a b LEN
    LCS a b IDX
    LCS a b IDX WITHMATCHLEN
    LCS a b IDX MINMATCHLEN 4
    LCS a b IDX MINMATCHLEN -3 WITHMATCHLEN
    LCS a b idx minmatchlen 3 withmatchlen len
    LCS a b LEN IDX
    LCS a b junk
    LCS a b MINMATCHLEN
    LCS a b MINMATCHLEN x
    LCS a missing
    LCS missing missing IDX
    SET v1 CACCTTCCCAGGTAACAAACCAACCAACTTTCGATCTCTTGTAGATCTGTTCTCTAAACGAACTTTAAAATCTGTGTGGCTGTCACTCGGCTGCATGC
    SET v2 ATTAAAGGTTTATACCTTCCCAGGTAACAAACCAACCAACTTTCGATCTCTTGTAGATCTGTTCTCTAAACGAACTTTAAAATCTGTGTGGCTGT
    LCS v1 v2
    LCS v1 v2 IDX WITHMATCHLEN
    LCS v1 v2 IDX MINMATCHLEN 5
    SADD list x
    LCS a list
    LCS list a junk
  `),
  script('LCS IDX in RESP3', `
    SET a ohmytext
    SET b mynewtext
    LCS a b IDX WITHMATCHLEN
    LCS a b LEN
  `, { resp3: true }),
  script('SETBIT GETBIT', `
    SETBIT k 1 1
    GET k
    SETBIT k 1 1
    SETBIT k 1 0
    SETBIT k 17 0
    GET k
    SET k 1
    SETBIT k 6 1
    GET k
    GETBIT k 0
    GETBIT k 2
    GETBIT k 3
    GETBIT k 8
    GETBIT k 10000
    GETBIT missing 5
    SETBIT k -1 1
    SETBIT k 4294967296 1
    SETBIT k x 1
    SETBIT k #1 1
    SETBIT k 0 2
    SETBIT k 0 -1
    SETBIT k 0 x
    SETBIT k 0 ""
    GETBIT k -1
    GETBIT k 4294967296
    GETBIT k 4294967295
    SADD list a
    SETBIT list 0 1
    GETBIT list 0
    SETBIT list x 1
    SET t a EX 100
    SETBIT t 0 1
    TTL t
  `),
  script('BITCOUNT BITPOS', `
    BITCOUNT no
    BITCOUNT no 0 1000 bit
    BITCOUNT no 0
    SET s foobar
    BITCOUNT s
    BITCOUNT s 1 -2
    BITCOUNT s -2 1
    BITCOUNT s 0 1000
    BITCOUNT s 0 -1 bit
    BITCOUNT s 10 14 bit
    BITCOUNT s 3 29 BIT
    BITCOUNT s 10 -34 bit
    BITCOUNT s 3 -19 bit
    BITCOUNT s -2 1 bit
    BITCOUNT s -6 -7
    BITCOUNT s -6 -15 bit
    BITCOUNT s -1 -2 hello
    BITCOUNT s 0
    BITCOUNT s 0 1 hello
    BITCOUNT s 0 1 bit x
    BITCOUNT s a 1
    BITCOUNT s 0 4294967296
    BITCOUNT s 7 7 byte
    SET e ""
    BITCOUNT e
    BITCOUNT e 0 -1 bit
    BITPOS no 0
    BITPOS no 1
    BITPOS no 0 junk
    BITPOS no 2
    SET s "\\xff\\xf0\\x00"
    BITPOS s 0
    BITPOS s 0 1
    BITPOS s 0 1 -1 bit
    BITPOS s 1
    SET s "\\x00\\xff\\x00"
    BITPOS s 0 0 -1
    BITPOS s 0 1 -1
    BITPOS s 0 2 200
    BITPOS s 0 1 1
    BITPOS s 0 8 8 bit
    BITPOS s 1 0 -1
    BITPOS s 1 2 -1
    BITPOS s 1 16 200 BIT
    BITPOS s 1 8 8 bit
    BITPOS s 1 9 14 bit
    BITPOS s 1 -1 -2
    SET s "\\xff\\xff\\xff"
    BITPOS s 0
    BITPOS s 0 0
    BITPOS s 0 0 -1
    BITPOS s 0 0 -1 bit
    BITPOS s 0 5 1
    BITPOS s 2
    BITPOS s x
    BITPOS s 1 a
    BITPOS s 1 0 a
    BITPOS s 1 0 1 bits
    BITPOS s 1 0 1 bit x
    BITPOS e 0
    BITPOS e 1
    SADD list a
    BITCOUNT list
    BITPOS list 1
  `),
  script('BITOP', `
    SET a "\\x01\\x02\\xff\\xff"
    SET b "\\x01\\x02\\xff"
    BITOP AND r1 a b
    BITOP or r2 a b
    BITOP XoR r3 a b
    MGET r1 r2 r3
    BITOP AND r4 missing a
    GET r4
    SET s "\\xaa\\x00\\xff\\x55"
    BITOP NOT s s
    GET s
    MSET i 1 j 2
    BITOP XOR d i j i
    GET d
    SET e ""
    BITOP OR d e missing
    EXISTS d
    BITOP NAND d a
    BITOP NOT d a a
    SADD list x
    BITOP XOR d a list missing
    BITOP NOT d missing
  `),
  script('BITFIELD', `
    BITFIELD b SET i8 0 -100
    BITFIELD b set i8 0 101
    BITFIELD b GET i8 0
    BITFIELD b SET u8 0 255 INCRBY u8 0 100 GET u8 0
    BITFIELD b
    BITFIELD b OVERFLOW SAT SET u8 0 -1
    BITFIELD b OVERFLOW WRAP SET u8 0 -1
    BITFIELD b OVERFLOW FAIL SET u8 0 -1
    BITFIELD b SET i64 0 -9223372036854775808 INCRBY i64 0 -1 GET i64 0
    BITFIELD b OVERFLOW SAT INCRBY i64 0 -1 INCRBY i64 0 9223372036854775807 INCRBY i64 0 9223372036854775807
    BITFIELD b GET u63 1 GET i1 0 GET u1 0
    BITFIELD c OVERFLOW FAIL INCRBY u2 100 10
    GET c
    BITFIELD c SET u8 #1 65 GET u4 4 GET u8 #1
    BITFIELD c GET u64 0
    BITFIELD c GET i65 0
    BITFIELD c GET u0 0
    BITFIELD c GET U8 0
    BITFIELD c GET u8
    BITFIELD c OVERFLOW NOPE
    BITFIELD c OVERFLOW
    BITFIELD c SET u8 0 x
    BITFIELD c GET u8 -1
    BITFIELD c GET u8 #-1
    BITFIELD c FOO u8 0
    BITFIELD c GET u8 4294967296
    BITFIELD_RO c GET u8 0 SET u8 0 1
    BITFIELD_RO c GET u8 #1
    BITFIELD_RO c
    BITFIELD nokey GET i8 0
    EXISTS nokey
    BITFIELD m SET i8 0 10 SET i8 64 10 INCRBY i8 10 99900
    BITFIELD s SET i8 #0 100
    BITFIELD s OVERFLOW SAT INCRBY i8 #0 257 OVERFLOW WRAP INCRBY i8 #0 257 OVERFLOW FAIL INCRBY i8 #0 -300
    SADD list x
    BITFIELD list GET u8 0
    BITFIELD list SET u8 0 1
  `),
  script('OBJECT ENCODING after string edits', `
    SET a 1
    APPEND a 2
    OBJECT ENCODING a
    APPEND n 12
    OBJECT ENCODING n
    SETRANGE r 0 12
    OBJECT ENCODING r
    SET s 12
    SETRANGE s 0 ""
    OBJECT ENCODING s
    SETBIT s 0 0
    OBJECT ENCODING s
    SET b x
    BITFIELD b GET u8 0
    OBJECT ENCODING b
    BITFIELD b OVERFLOW FAIL INCRBY u2 0 9
    OBJECT ENCODING b
    MSET x 1 y 2
    BITOP OR d x y
    OBJECT ENCODING d
    INCR i
    OBJECT ENCODING i
    SET long 123456789012345678901234567890123456789012345
    OBJECT ENCODING long
    GETSET a 5
    OBJECT ENCODING a
  `),
];

// Relative TTLs may differ by a millisecond between the two servers.
for (const s of scripts) for (const st of s.steps) if (st.cmd?.[0].toString().toUpperCase() === 'PTTL') st.compare = approxInt(50);

differentialSuite('strings and bitmaps', scripts);
