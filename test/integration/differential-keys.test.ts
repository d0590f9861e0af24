// Differential scripts for the generic key commands (keys, expire, dump
// families): every reply byte for byte against redis-server 7.0.
import { differentialSuite, script, approxInt, type Script } from '../helpers/differential.js';

const scripts: Script[] = [
  script('DEL EXISTS UNLINK TOUCH', `
    MSET a 1 b 2 c 3
    EXISTS a
    EXISTS a a a missing
    DEL a missing a
    EXISTS a
    UNLINK b c d
    EXISTS b c
    SET t 1
    TOUCH t t missing
    DEL
    EXISTS
    UNLINK
    TOUCH
  `),
  script('TYPE', `
    SET s v
    TYPE s
    TYPE missing
    TYPE
    TYPE a b
  `),
  script('TYPE of every kind', `
    SET s v
    LPUSH l a
    SADD set a
    ZADD z 1 a
    HSET h f v
    XADD x 1-1 f v
    TYPE s
    TYPE l
    TYPE set
    TYPE z
    TYPE h
    TYPE x
  `),
  script('RENAME RENAMENX', `
    SET a 1
    RENAME a b
    GET b
    EXISTS a
    RENAME missing x
    RENAMENX missing x
    RENAME b b
    GET b
    SET c 3
    RENAMENX b c
    RENAMENX b d
    MGET b c d
    SET e 5 EX 100
    RENAME e f
    TTL f
    SET g 7
    RENAME f g
    TTL g
    RENAMENX g g
    RENAME a
  `),
  script('KEYS with glob patterns', `
    MSET hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5 "h*llo" 6 "h[a]llo" 7 "" 8 "\\xe9t\\xe9" 9
    ~ KEYS *
    ~ KEYS h?llo
    ~ KEYS h*llo
    ~ KEYS h[ae]llo
    ~ KEYS h[^e]llo
    ~ KEYS h[a-b]llo
    ~ KEYS h\\*llo
    ~ KEYS h\\[a\\]llo
    ~ KEYS **
    ~ KEYS ?*
    ~ KEYS [
    ~ KEYS [^
    ~ KEYS [h
    ~ KEYS "\\xe9*"
    ~ KEYS "[\\x80-\\xff]*"
    ~ KEYS ""
    ~ KEYS nomatch*
    KEYS
  `),
  script('EXPIRE TTL PERSIST', `
    SET k v
    TTL k
    PTTL k
    TTL missing
    PTTL missing
    EXPIRE missing 100
    EXPIRE k 100
    TTL k
    PERSIST k
    PERSIST k
    PERSIST missing
    TTL k
    EXPIRE k 100 NX
    EXPIRE k 200 NX
    EXPIRE k 200 XX
    TTL k
    EXPIRE k 100 GT
    EXPIRE k 300 GT
    TTL k
    EXPIRE k 400 LT
    EXPIRE k 50 LT
    TTL k
    EXPIRE k 10 NX XX
    EXPIRE k 10 GT LT
    EXPIRE k 10 NX GT
    EXPIRE k 10 BOGUS
    PERSIST k
    EXPIRE k 10 XX
    EXPIRE k 10 GT
    EXPIRE k 10 LT
    TTL k
    EXPIRE k abc
    EXPIRE k 1.5
    EXPIRE k 9223372036854775807
    EXPIRE k 9223372036854775
    PEXPIRE k 9223372036854775807
    EXPIRE k -9223372036854775808
    EXPIRE k 0
    EXISTS k
    SET k v
    EXPIRE k -1
    EXISTS k
    SET k v
    PEXPIRE k 0
    EXISTS k
    EXPIRE k
  `),
  script('EXPIREAT PEXPIREAT EXPIRETIME PEXPIRETIME', `
    SET k v
    EXPIRETIME k
    PEXPIRETIME k
    EXPIRETIME missing
    PEXPIRETIME missing
    EXPIREAT k 99999999999
    EXPIRETIME k
    PEXPIRETIME k
    PEXPIREAT k 99999999999123
    PEXPIRETIME k
    EXPIRETIME k
    EXPIREAT k 1
    EXISTS k
    SET k v
    PEXPIREAT k 1
    EXISTS k
    SET k v
    EXPIREAT k 99999999999 NX
    EXPIREAT k 99999999998 GT
    EXPIREAT k 99999999998 LT
    EXPIRETIME k
    EXPIREAT k abc
    EXPIREAT k 9223372036854775807
    PEXPIREAT k 9223372036854775807
    EXPIREAT missing 99999999999
  `),
  { name: 'PTTL and PEXPIRE are close', steps: [
    { cmd: ['SET', 'k', 'v'] },
    { cmd: ['PEXPIRE', 'k', '100000'] },
    { cmd: ['PTTL', 'k'], compare: approxInt(200) },
    { cmd: ['EXPIRE', 'k', '50'] },
    { cmd: ['PTTL', 'k'], compare: approxInt(200) },
  ] },
  script('SCAN', `
    MSET k1 1 k2 2 k3 3 other 4
    ~ SCAN 0
    ~ SCAN 0 COUNT 100
    ~ SCAN 0 MATCH k*
    ~ SCAN 0 MATCH k* COUNT 1000
    ~ SCAN 0 MATCH nomatch*
    ~ SCAN 0 TYPE string
    ~ SCAN 0 TYPE list
    ~ SCAN 0 TYPE nosuchtype
    SCAN abc
    ? SCAN -1    # a valid (huge) cursor; which keys it returns is implementation-specific
    SCAN 0 COUNT 0
    SCAN 0 COUNT -1
    SCAN 0 COUNT abc
    SCAN 0 MATCH
    SCAN 0 BOGUS x
    SCAN 18446744073709551616
    SCAN
  `),
  script('OBJECT ENCODING and friends', `
    SET i 12345
    OBJECT ENCODING i
    SET neg -1
    OBJECT ENCODING neg
    SET big 9223372036854775807
    OBJECT ENCODING big
    SET toobig 9223372036854775808
    OBJECT ENCODING toobig
    SET lz 01
    OBJECT ENCODING lz
    SET e44 12345678901234567890123456789012345678901234
    OBJECT ENCODING e44
    SET r45 123456789012345678901234567890123456789012345
    OBJECT ENCODING r45
    SET s short
    OBJECT ENCODING s
    APPEND s x
    OBJECT ENCODING s
    INCR i
    OBJECT ENCODING i
    OBJECT ENCODING missing
    OBJECT FREQ i
    ? OBJECT IDLETIME i
    OBJECT IDLETIME missing
    OBJECT BOGUS i
    OBJECT ENCODING
  `),
  script('DBSIZE RANDOMKEY FLUSHDB', `
    DBSIZE
    RANDOMKEY
    SET only v
    RANDOMKEY
    DBSIZE
    MSET a 1 b 2
    DBSIZE
    ? RANDOMKEY
    FLUSHDB
    DBSIZE
    FLUSHDB ASYNC
    FLUSHDB SYNC
    FLUSHDB BOGUS
    DBSIZE x
  `),
  script('SELECT MOVE SWAPDB COPY', `
    SET k v
    MOVE k 1
    EXISTS k
    SELECT 1
    GET k
    MOVE k 1
    MOVE k 0
    SET k other
    MOVE k 0
    MOVE missing 0
    MOVE k 16
    MOVE k abc
    SELECT 0
    GET k
    SWAPDB 0 1
    GET k
    SWAPDB 0 16
    SWAPDB a 1
    SET src v EX 100
    COPY src dst
    GET dst
    TTL dst
    COPY src dst
    COPY src dst REPLACE
    COPY src dst DB 2
    SELECT 2
    GET dst
    SELECT 0
    COPY missing x
    COPY src src
    COPY src x DB 99
    COPY src x BOGUS
  `),
  script('DUMP RESTORE', `
    SET s hello
    SET i 12345
    DUMP s
    DUMP i
    DUMP missing
    RESTORE s2 0 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x10"
    GET s2
    RESTORE s2 0 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x10"
    RESTORE s2 0 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x10" REPLACE
    RESTORE s3 100000 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x10"
    TTL s3
    RESTORE s4 0 "garbage"
    RESTORE s4 -1 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x10"
    RESTORE s4 abc "x"
    RESTORE s4 0 "\\x00\\x05hello\\n\\x00\\xa4_\\x0f\\x89\\x93\\x1dq\\x11"
  `),
  script('keys: wrong arity and unknown subcommands', `
    DEL
    EXPIRE
    EXPIRE k
    TTL
    PERSIST
    RENAME x
    OBJECT
    OBJECT HELP x
  `),
  script('keys in RESP3', `
    MSET a 1 b 2
    EXISTS a b
    TTL a
    TYPE a
    ~ KEYS *
    ~ SCAN 0
    OBJECT ENCODING a
    ? RANDOMKEY
  `, { resp3: true }),
];

differentialSuite('keys', scripts);
