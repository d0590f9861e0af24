// Differential scripts for CLIENT, HELLO, AUTH, RESET, CONFIG, COMMAND,
// SLOWLOG and friends: byte for byte against redis-server 7.0 wherever the
// reply is deterministic (ids and addresses are masked).
import { describe, expect, it } from 'vitest';
import { differentialSuite, HELLO_REPLY, runScript, script, type Script } from '../helpers/differential.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';

const scripts: Script[] = [
  script('CLIENT names', `
    CLIENT GETNAME
    CLIENT SETNAME myname
    CLIENT GETNAME
    CLIENT SETNAME "a b"
    CLIENT SETNAME "a\\nb"
    CLIENT SETNAME ""
    CLIENT GETNAME
    CLIENT SETNAME
  `),
  script('CLIENT KILL argument errors', `
    CLIENT KILL
    CLIENT KILL id 10 wrong_arg
    CLIENT KILL id str
    CLIENT KILL id -1
    CLIENT KILL id 0
    CLIENT KILL type wrong_type
    CLIENT KILL user wrong_user
    CLIENT KILL skipme yes_or_no
    CLIENT KILL 1.2.3.4:5
    CLIENT KILL id 999999
    CLIENT KILL addr 1.2.3.4:5 type normal
  `),
  script('CLIENT LIST argument errors and empty selections', `
    CLIENT LIST TYPE bogus
    CLIENT LIST TYPE replica
    CLIENT LIST TYPE master
    CLIENT LIST ID x
    CLIENT LIST ID 999999
    CLIENT LIST FOO
    CLIENT LIST TYPE
  `),
  script('CLIENT REPLY, NO-EVICT, UNBLOCK, PAUSE argument errors', `
    CLIENT REPLY maybe
    CLIENT REPLY
    CLIENT NO-EVICT maybe
    CLIENT NO-EVICT on
    CLIENT NO-EVICT off
    CLIENT UNBLOCK 999999
    CLIENT UNBLOCK x
    CLIENT UNBLOCK 1 maybe
    CLIENT PAUSE x
    CLIENT PAUSE -1
    CLIENT PAUSE 10 SOMETIMES
    CLIENT UNPAUSE
    CLIENT GETREDIR
    CLIENT TRACKINGINFO
    CLIENT FOO
  `),
  { name: 'CLIENT REPLY OFF and SKIP (pipelined)', pipeline: true, steps: [
    { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
    { cmd: ['PING', 'skipped'], replies: 0 },
    { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
    { cmd: ['PING', 'silent'], replies: 0 },
    { cmd: ['CLIENT', 'REPLY', 'ON'] },
    { cmd: ['PING', 'heard'] },
  ] },
  { name: 'HELLO', steps: [
    { cmd: ['HELLO', '3'], compare: HELLO_REPLY },
    { cmd: ['HELLO'], compare: HELLO_REPLY },
    { cmd: ['HELLO', '2'], compare: HELLO_REPLY },
    { cmd: ['HELLO', '4'] },
    { cmd: ['HELLO', 'x'] },
    { cmd: ['HELLO', '3', 'FOO'] },
    { cmd: ['HELLO', '3', 'AUTH', 'default'] },
    { cmd: ['HELLO', '3', 'AUTH', 'default', 'pw'], compare: HELLO_REPLY },
    { cmd: ['HELLO', '2', 'AUTH', 'nobody', 'pw'] },
    { cmd: ['HELLO', '2', 'SETNAME', 'bad name'] },
    { cmd: ['HELLO', '2', 'SETNAME', 'good'], compare: HELLO_REPLY },
    { cmd: ['CLIENT', 'GETNAME'] },
  ] },
  script('AUTH without requirepass', `
    AUTH x
    AUTH default anything
    AUTH nobody x
    AUTH a b c
  `),
  script('RESET', `
    SELECT 3
    CLIENT SETNAME n
    MULTI
    RESET
    CLIENT GETNAME
    SET k v
    SELECT 0
    GET k
    SUBSCRIBE ch
    RESET
    PING
  `),
  script('RESET in RESP3 goes back to RESP2', `
    DEBUG PROTOCOL null
    RESET
    HGETALL nokey
  `, { resp3: true, needs: ['hgetall'] }),
  script('CONFIG errors', `
    CONFIG SET maxmemory
    CONFIG SET maxmemory 1 hz
    CONFIG SET maxmemory 10000001 maxmemory 10000002
    CONFIG SET nosuchparam 1
    CONFIG GET
    CONFIG REWRITE
    CONFIG FOO
    CONFIG HELP
    CONFIG GET nosuchparam
  `),
  script('SLOWLOG and LATENCY', `
    SLOWLOG GET -2
    SLOWLOG GET x
    SLOWLOG GET 1 2
    SLOWLOG HELP
    LATENCY LATEST
    LATENCY HISTORY command
    LATENCY GRAPH command
    LATENCY FOO
    LATENCY HELP
  `),
  script('FUNCTION with no libraries', `
    FUNCTION FLUSH
    FUNCTION FLUSH ASYNC
    FUNCTION FLUSH later
    FUNCTION FLUSH a b
    FUNCTION LIST
    FUNCTION LIST WITHCODE
    FUNCTION LIST LIBRARYNAME
    FUNCTION LIST foo
    FUNCTION STATS
    FUNCTION KILL
    FUNCTION DELETE nolib
  `),
  script('FUNCTION STATS in RESP3', `
    FUNCTION STATS
  `, { resp3: true }),
  script('SHUTDOWN argument errors', `
    SHUTDOWN ABORT
    SHUTDOWN SAVE NOSAVE
    SHUTDOWN NOW ABORT
    SHUTDOWN SOMETIME
  `),
  script('MEMORY argument errors', `
    MEMORY USAGE nokey
    SET k v
    MEMORY USAGE k SAMPLES -1
    MEMORY USAGE k FOO
    MEMORY FOO
    MEMORY HELP
  `),
  script('COMMAND', `
    COMMAND INFO get
    COMMAND INFO get|key config|get|key nosuch
    COMMAND INFO GET SETNX WATCH ECHO QUIT SELECT
    COMMAND GETKEYS get key
    COMMAND GETKEYS MEMORY USAGE key
    COMMAND GETKEYS nosuch key
    COMMAND GETKEYS ping x
    COMMAND GETKEYS get a b
    COMMAND GETKEYS get
    COMMAND GETKEYSANDFLAGS set k1 v1
    COMMAND GETKEYSANDFLAGS set k1 v1 GET
    COMMAND GETKEYSANDFLAGS mset k1 v1 k2 v2
    COMMAND GETKEYSANDFLAGS del a b
    COMMAND LIST bad
    COMMAND LIST FILTERBY bad x
    COMMAND LIST FILTERBY ACLCAT nosuch
    COMMAND LIST FILTERBY MODULE nosuch
    COMMAND LIST FILTERBY PATTERN set
    COMMAND HELP
  `, { needs: ['mset', 'del', 'setnx'] }),
  script('COMMAND INFO in RESP3', `
    COMMAND INFO get setnx watch
  `, { resp3: true, needs: ['setnx'] }),
  script('TIME and LASTSAVE shapes', `
    ? TIME
    ? LASTSAVE
    TIME x
  `),
  script('INFO of unknown sections is empty', `
    INFO nosuchsection
    INFO sentinel
  `),
];

differentialSuite('client and server commands', scripts);

// DEBUG needs enable-debug-command on both servers.
const debugScripts: Script[] = [
  script('DEBUG PROTOCOL in RESP2', `
    DEBUG PROTOCOL string
    DEBUG PROTOCOL integer
    DEBUG PROTOCOL double
    DEBUG PROTOCOL bignum
    DEBUG PROTOCOL null
    DEBUG PROTOCOL array
    DEBUG PROTOCOL set
    DEBUG PROTOCOL map
    DEBUG PROTOCOL attrib
    DEBUG PROTOCOL push
    DEBUG PROTOCOL verbatim
    DEBUG PROTOCOL true
    DEBUG PROTOCOL false
    DEBUG PROTOCOL xml
  `),
  { name: 'DEBUG PROTOCOL in RESP3', resp3: true, steps: [
    ...['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'verbatim', 'true', 'false']
      .map((t) => ({ cmd: ['DEBUG', 'PROTOCOL', t] })),
    { cmd: ['DEBUG', 'PROTOCOL', 'push'], replies: 2 },
  ] },
  script('DEBUG errors and simple subcommands', `
    DEBUG
    DEBUG NOSUCH
    DEBUG SLEEP
    DEBUG SLEEP 0
    DEBUG SET-ACTIVE-EXPIRE 1
    DEBUG ERROR "MYERR custom"
    DEBUG OBJECT nokey
    DEBUG POPULATE -1
    DEBUG POPULATE 3
    GET key:2
    DEBUG POPULATE 2 p 12
    GET p:1
    DEBUG POPULATE 1 q 3
    GET q:0
    DEBUG LOG hello
  `),
];

describe('differential: DEBUG', () => {
  const redis = useRedisServer(['--enable-debug-command', 'yes']);
  const redwire = useTestServer({ 'enable-debug-command': 'yes' });
  for (const s of debugScripts) {
    it(s.name, async () => {
      expect(await runScript(s, redis, redwire, { selectDb: 9 })).toBe('');
    });
  }
  it('CLIENT INFO has Redis 7.0\'s fields in order, then lib-name, lib-ver and transport', async () => {
    const fields = async (port: number) => {
      const c = await RawConnection.connect(port);
      const r = await c.command('CLIENT', 'INFO');
      c.close();
      return r.split('\r\n')[1].trim().split(' ').map((kv) => kv.slice(0, kv.indexOf('=')));
    };
    const [theirs, ours] = await Promise.all([fields(redis.port), fields(redwire.port)]);
    expect(ours).toEqual([...theirs, 'lib-name', 'lib-ver', 'transport']);
  });
});
