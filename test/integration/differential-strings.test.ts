// Differential scripts for the string family: every reply byte for byte
// against redis-server 7.0. A script runs once every command it uses exists.
import { differentialSuite, script, approxInt, type Script } from '../helpers/differential.js';

const BIG = 'x'.repeat(100_000);

const scripts: Script[] = [
  script('GET and SET basics', `
    GET missing
    SET k v
    GET k
    SET k ""
    GET k
    SET "" empty-key
    GET ""
    SET k "\\x00\\xff\\r\\n"
    GET k
    SET K upper
    GET K
    GET k
    set lower case
    get lower
  `),
  script('GET and SET errors', `
    SET k v extra
    SET k
    SET
    GET
    GET a b
    SET k v EX
    SET k v PX
    SET k v BOGUS
    SET k v NX XX
    SET k v XX NX
    SET k v EX 10 PX 10
    SET k v PX 10 EX 10
    SET k v EX 10 KEEPTTL
    SET k v KEEPTTL EX 10
    SET k v EX 10 EX 10
    SET k v EXAT 10 PXAT 10
    GET k
  `),
  script('SET NX / XX / GET', `
    SET k v NX
    SET k w NX
    GET k
    SET k w XX
    GET k
    SET nokey v XX
    GET nokey
    SET k x GET
    SET nokey2 x GET
    GET nokey2
    SET k y NX GET
    GET k
    SET k z XX GET
    SET nokey3 z XX GET
    EXISTS nokey3
    SET k v nx
    SET k v xx get
    SET k v GET GET
    SET k v NX NX
  `),
  script('SET expiry options', `
    SET k v EX 100
    TTL k
    SET k v PX 100000
    TTL k
    SET k v EX 0
    SET k v EX -1
    SET k v PX 0
    SET k v PX -5
    SET k v EXAT 0
    SET k v EX abc
    SET k v EX 1.5
    SET k v EX " 10"
    SET k v EX 010
    SET k v EX 9223372036854775807
    SET k v PX 9223372036854775807
    SET k v EX 9223372036854775
    SET k v EX 9223372036854776
    SET k v EX 100
    SET k w KEEPTTL
    TTL k
    GET k
    SET k w
    TTL k
    SET k v EXAT 1
    GET k
    EXISTS k
    SET k v PXAT 1
    EXISTS k
    SET k v EXAT 99999999999
    ? TTL k
    SET k v PXAT 99999999999999
    ? PTTL k
    SET k v EX 100 GET
    SET k v px 100000 get
    TTL k
  `),
  { name: 'PTTL after SET PX is close', steps: [
    { cmd: ['SET', 'k', 'v', 'PX', '50000'] },
    { cmd: ['PTTL', 'k'], compare: approxInt(200) },
  ] },
  script('SETNX SETEX PSETEX GETSET', `
    SETNX k v
    SETNX k w
    GET k
    SETEX k 100 v2
    TTL k
    GET k
    SETEX k 0 v
    SETEX k -10 v
    SETEX k abc v
    SETEX k 100
    PSETEX k 100000 v3
    TTL k
    PSETEX k 0 v
    GETSET k v4
    TTL k
    GETSET missing v
    GET missing
    GETSET k
  `),
  script('MSET MGET MSETNX', `
    MSET a 1 b 2 c 3
    MGET a b c missing
    MGET missing
    MSET a
    MSET a 1 b
    MSET a x a y
    GET a
    MSETNX a 1 d 4
    EXISTS d
    MSETNX d 4 e 5
    MGET d e
    MSETNX f 1 f 2
    GET f
    MSETNX g
    MGET
  `),
  script('APPEND STRLEN', `
    APPEND k hello
    APPEND k " world"
    GET k
    STRLEN k
    STRLEN missing
    APPEND k ""
    APPEND e ""
    EXISTS e
    GET e
    STRLEN e
    SET n 12345
    APPEND n 6
    GET n
    STRLEN n
    SET bin "\\x00\\x01"
    APPEND bin "\\xff"
    STRLEN bin
    GET bin
    APPEND k
    STRLEN
  `),
  script('GETRANGE SUBSTR', `
    SET k "Hello World"
    GETRANGE k 0 4
    GETRANGE k -5 -1
    GETRANGE k 0 -1
    GETRANGE k 0 1000
    GETRANGE k 5 3
    GETRANGE k -100 -50
    GETRANGE k -100 2
    GETRANGE k 100 200
    GETRANGE k -1 -5
    GETRANGE k 0 0
    GETRANGE missing 0 -1
    GETRANGE k a 1
    GETRANGE k 0 b
    GETRANGE k 0 9223372036854775808
    GETRANGE k -9223372036854775808 9223372036854775807
    SUBSTR k 0 4
    SET e ""
    GETRANGE e 0 -1
    GETRANGE e 0 0
    GETRANGE e -1 -1
    SET n 1234
    GETRANGE n 1 2
    GETRANGE k 0
  `),
  script('SETRANGE', `
    SETRANGE k 0 hello
    GET k
    SETRANGE k 6 world
    GET k
    STRLEN k
    SETRANGE k 1 E
    GET k
    SETRANGE k 0 ""
    SETRANGE missing 5 ""
    EXISTS missing
    SETRANGE missing 0 ""
    EXISTS missing
    SETRANGE k -1 x
    SETRANGE k abc x
    SETRANGE pad 100000 x
    STRLEN pad
    GETRANGE pad 99990 -1
    SETRANGE k 536870912 x
    SETRANGE big 536870912 ""
    SET n 123
    SETRANGE n 1 X
    GET n
    SETRANGE k 3
  `),
  script('INCR DECR INCRBY DECRBY', `
    INCR n
    INCR n
    GET n
    DECR n
    DECR n
    DECR n
    INCRBY n 10
    INCRBY n -20
    DECRBY n 5
    DECRBY n -5
    INCRBY n abc
    INCRBY n 1.5
    INCRBY n ""
    SET n 9223372036854775806
    INCR n
    INCR n
    GET n
    SET n -9223372036854775807
    DECR n
    DECR n
    DECRBY n 1
    SET n 0
    DECRBY n -9223372036854775808
    INCRBY n -9223372036854775808
    INCRBY n 9223372036854775808
    SET s abc
    INCR s
    SET s " 10"
    INCR s
    SET s "10 "
    INCR s
    SET s 010
    INCR s
    SET s +1
    INCR s
    SET s -0
    INCR s
    SET s 0x10
    INCR s
    SET s ""
    INCR s
    SET s 1e3
    INCR s
    SET s 99999999999999999999
    INCR s
    INCR
    INCRBY n
  `),
  script('INCRBYFLOAT (long double, human formatting)', `
    INCRBYFLOAT f 10.5
    INCRBYFLOAT f 0.1
    GET f
    INCRBYFLOAT f -0.1
    INCRBYFLOAT f 5.0e3
    INCRBYFLOAT f 1e-10
    SET f 3
    INCRBYFLOAT f 0
    SET f 10.50
    INCRBYFLOAT f 0.1
    SET f 0.1
    INCRBYFLOAT f 0.2
    SET f 1.7976931348623157e308
    INCRBYFLOAT f 1.7976931348623157e308
    GET f
    INCRBYFLOAT f inf
    INCRBYFLOAT f -inf
    INCRBYFLOAT f nan
    INCRBYFLOAT f abc
    INCRBYFLOAT f ""
    INCRBYFLOAT f " 1"
    INCRBYFLOAT f "1 "
    SET f abc
    INCRBYFLOAT f 1
    SET f 5
    INCRBYFLOAT f 1.0e-2
    INCRBYFLOAT f 1e400
    INCRBYFLOAT f 123456789012345678
    INCRBYFLOAT g -1.5
    INCRBYFLOAT g 0.5
    INCRBYFLOAT h 0x10
    INCRBYFLOAT h 1
    INCRBYFLOAT h
  `),
  script('GETDEL GETEX', `
    SET k v
    GETDEL k
    GETDEL k
    EXISTS k
    SET k v EX 100
    GETEX k
    TTL k
    GETEX k PERSIST
    TTL k
    GETEX k EX 50
    TTL k
    GETEX k PX 60000
    TTL k
    GETEX k EXAT 99999999999
    ? TTL k
    GETEX k PXAT 99999999999000
    GETEX k EX 0
    GETEX k EX -1
    GETEX k EX abc
    GETEX k EX 10 PX 10
    GETEX k PERSIST EX 10
    GETEX k BOGUS
    GETEX k EX
    GETEX missing
    GETEX missing EX 10
    GETEX k EXAT 1
    EXISTS k
    GETDEL
  `),
  script('LCS', `
    MSET key1 ohmytext key2 mynewtext
    LCS key1 key2
    LCS key1 key2 LEN
    LCS key1 key2 IDX
    LCS key1 key2 IDX MINMATCHLEN 4
    LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN
    LCS key1 key2 IDX WITHMATCHLEN
    LCS key1 key2 LEN IDX
    LCS key1 missing
    LCS missing missing2
    LCS key1 key2 MINMATCHLEN abc
    LCS key1 key2 BOGUS
    LCS key1
  `),
  script('big values', [
    `SET big ${BIG}`,
    'STRLEN big',
    'GETRANGE big 99990 -1',
    'APPEND big yyy',
    'STRLEN big',
    'GETRANGE big -5 -1',
  ].join('\n')),
  { name: 'big value round trip', steps: [{ cmd: ['SET', 'b', BIG + '\r\n\x00'] }, { cmd: ['GET', 'b'] }, { cmd: ['STRLEN', 'b'] }] },
  { name: 'binary values with every byte', steps: [
    { cmd: ['SET', 'bin', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))] },
    { cmd: ['GET', 'bin'] },
    { cmd: ['STRLEN', 'bin'] },
    { cmd: ['GETRANGE', 'bin', '250', '-1'] },
    { cmd: ['APPEND', 'bin', '\r\n'] },
  ] },
  script('wrong type against a list', `
    LPUSH l a
    GET l
    SET l x GET
    GETSET l x
    APPEND l x
    STRLEN l
    INCR l
    INCRBYFLOAT l 1
    GETRANGE l 0 -1
    SETRANGE l 0 x
    GETDEL l
    GETEX l
    MGET l missing
    LCS l l
    SET l x
    GET l
  `),
  script('pipelined strings', `
    SET a 1
    INCR a
    GET a
    APPEND a 0
    GET a
    MSET x 1 y 2
    MGET x y a
  `, { pipeline: true }),
  script('RESP3 replies for strings', `
    GET missing
    SET k v
    GET k
    MGET k missing
    INCR n
    INCRBYFLOAT f 1.5
    SET k v GET
    LCS k k IDX
  `, { resp3: true }),
];

differentialSuite('strings', scripts);
