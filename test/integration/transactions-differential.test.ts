// Differential scripts for MULTI/EXEC/DISCARD/WATCH/UNWATCH: replies byte for
// byte against redis-server 7.0 (queueing, EXECABORT, null array on a touched
// WATCH, errors inside EXEC, RESP3 forms).
import { differentialSuite, script, type Script } from '../helpers/differential.js';

const scripts: Script[] = [
  script('MULTI / EXEC basics', `
    MULTI
    SET k v
    GET k
    PING
    ECHO "a\\r\\nb"
    EXEC
    GET k
  `),
  script('empty transaction and DISCARD', `
    MULTI
    EXEC
    MULTI
    SET k v
    DISCARD
    GET k
    DISCARD
    EXEC
  `),
  script('nested MULTI and WATCH inside MULTI are errors that keep the transaction', `
    MULTI
    MULTI
    WATCH x
    SET k 1
    EXEC
    GET k
  `),
  script('a rejected command aborts EXEC', `
    MULTI
    SET a 1
    NOSUCHCOMMAND x
    SET b
    SET c 3
    EXEC
    GET a
    PING
  `),
  script('runtime errors are elements of the EXEC reply', `
    SET s str
    MULTI
    SELECT 99
    SET k v
    SELECT x
    EXEC
    GET k
  `),
  script('commands not allowed in MULTI', `
    MULTI
    SHUTDOWN
    EXEC
  `),
  script('WATCH: untouched key lets EXEC run, UNWATCH forgets', `
    WATCH x y
    WATCH z
    MULTI
    PING
    EXEC
    SET x 1
    MULTI
    PING
    EXEC
    WATCH x
    SET x 2
    UNWATCH
    MULTI
    PING
    EXEC
    UNWATCH
  `),
  script('WATCH: a key touched by the same client makes EXEC return a null array', `
    SET x 30
    WATCH x
    SET x 40
    MULTI
    PING
    EXEC
    MULTI
    PING
    EXEC
  `),
  script('WATCH: EXPIRE touches; a missing key stays untouched by FLUSHDB', `
    SET x foo
    WATCH x
    EXPIRE x 10
    MULTI
    PING
    EXEC
    DEL x
    WATCH x
    FLUSHDB
    MULTI
    PING
    EXEC
  `),
  script('DISCARD clears the dirty flag', `
    WATCH x
    SET x 10
    MULTI
    DISCARD
    MULTI
    INCR x
    EXEC
  `),
  script('SELECT inside EXEC sticks', `
    MULTI
    SELECT 2
    SET k in2
    EXEC
    GET k
    SELECT 0
    GET k
  `),
  script('RESP3: EXEC and the aborted EXEC', `
    MULTI
    SET k v
    GET k
    EXEC
    WATCH k
    SET k w
    MULTI
    GET k
    EXEC
  `, { resp3: true }),
  script('SUBSCRIBE inside a transaction', `
    MULTI
    SUBSCRIBE ch
    PING
    EXEC
  `),
  script('pipelined transaction with an error while queueing', `
    MULTI
    SET a 1
    GET
    INCR a
    EXEC
    GET a
  `, { pipeline: true }),
];

differentialSuite('transactions', scripts);
