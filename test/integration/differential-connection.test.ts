// Differential scripts for connection handling: PING ECHO SELECT QUIT HELLO
// CLIENT RESET, unknown commands and arity errors, inline commands,
// subscribed-mode rules; replies byte for byte against redis-server 7.0.
import { differentialSuite, HELLO_REPLY, script, type Script } from '../helpers/differential.js';

const LONG = 'a'.repeat(200);

const scripts: Script[] = [
  script('PING and ECHO', `
    PING
    PING hello
    PING ""
    PING a b
    ECHO hi
    ECHO ""
    ECHO "\\x00\\r\\n\\xff"
    ECHO
    ECHO a b
    pInG
    echo LoWeR
  `),
  script('unknown commands and their arguments in the error', `
    FOO
    FOO a b
    FOO "" ""
    ""
    "\\x00"
    FOO "a\\r\\nb"
    FOO "a\\x00b" c
    FOO ${LONG}
    FOO a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt
    ${LONG} x
    "GET " k
  `),
  script('arity errors name the command as sent, lower-cased', `
    GET
    get
    GeT a b
    SET k
    PING a b c
    SELECT
    ECHO
  `),
  script('SELECT', `
    SELECT 0
    SELECT 15
    SELECT 16
    SELECT -1
    SELECT abc
    SELECT "1 "
    SELECT 01
    SELECT 9223372036854775808
    SELECT 1.0
    SET k db15
    SELECT 1
    GET k
  `),
  { name: 'QUIT replies OK and closes', steps: [{ cmd: ['QUIT'], closes: true }] },
  { name: 'QUIT with arguments', steps: [{ cmd: ['QUIT', 'now'], closes: true }] },
  { name: 'commands pipelined after QUIT are not run', steps: [
    { raw: 'SET before 1\r\nQUIT\r\nSET after 1\r\n', replies: 2, closes: true },
    { reconnect: true, cmd: ['MGET', 'before', 'after'] },
  ] },
  { name: 'HELLO', steps: [
    { cmd: ['HELLO'], compare: HELLO_REPLY },
    { cmd: ['HELLO', '2'], compare: HELLO_REPLY },
    ...script('', `
      HELLO 4
      HELLO 1
      HELLO 0
      HELLO abc
      HELLO -1
      HELLO 3 AUTH onlyuser
      HELLO 2 BOGUS
      HELLO 2 SETNAME "bad name"
    `).steps,
    // The default user has no password: any password is accepted.
    { cmd: ['HELLO', '3', 'AUTH', 'default', 'whatever'], compare: HELLO_REPLY },
    { cmd: ['HELLO', '3', 'AUTH', 'nosuchuser', 'pw'] },
    { cmd: ['HELLO', '2', 'SETNAME', 'myname'], compare: HELLO_REPLY },
    { cmd: ['CLIENT', 'GETNAME'] },
    { cmd: ['HELLO', '3', 'SETNAME', 'other', 'AUTH', 'default', 'x'], compare: HELLO_REPLY },
    { cmd: ['CLIENT', 'GETNAME'] },
    { cmd: ['PING'] },
  ] },
  script('HELLO 3 switches replies to RESP3', `
    ! HELLO 3
    GET missing
    PING
    ECHO x
    SET k v
    ! HELLO 2
    GET missing
  `),
  script('CLIENT SETNAME GETNAME ID', `
    CLIENT GETNAME
    CLIENT SETNAME myname
    CLIENT GETNAME
    CLIENT SETNAME "with space"
    CLIENT SETNAME "a\\nb"
    CLIENT SETNAME ""
    CLIENT GETNAME
    ? CLIENT ID
    ! CLIENT INFO
    CLIENT BOGUS
    CLIENT
    CLIENT SETNAME
  `),
  { name: 'CLIENT REPLY SKIP and OFF/ON', steps: [
    { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
    { cmd: ['PING'], replies: 0 },
    { cmd: ['ECHO', 'after-skip'] },
    { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
    { cmd: ['SET', 'k', 'v'], replies: 0 },
    { cmd: ['GET', 'k'], replies: 0 },
    { cmd: ['CLIENT', 'REPLY', 'ON'] },
    { cmd: ['GET', 'k'] },
    { cmd: ['CLIENT', 'REPLY', 'BOGUS'] },
  ] },
  script('RESET', `
    SELECT 3
    CLIENT SETNAME n1
    RESET
    CLIENT GETNAME
    SET k v
    SELECT 0
    GET k
    RESET extra
  `),
  script('subscribed mode (RESP2) allows only a few commands', `
    SUBSCRIBE ch
    GET k
    SET k v
    PING
    PING msg
    ECHO x
    UNSUBSCRIBE ch
    GET k
  `),
  { name: 'inline commands', steps: [
    { raw: 'PING\r\n' },
    { raw: 'ECHO "hello world"\r\n' },
    { raw: 'SET k "a b"\r\nGET k\r\n', replies: 2 },
    { raw: '\r\n\n\r\nPING\r\n' },
    { raw: '*0\r\n*-1\r\n*-10\r\nPING\r\n' },
    { raw: "ECHO 'it\\'s'\r\n" },
    { raw: 'ECHO "\\x41\\x42\\n"\r\n' },
    { raw: 'ECHO \xe9\xff\r\n' },
    { raw: 'ECHO a b\r\n' },
    { raw: 'ECHO\r\n' },
    { raw: 'ECHO "a\\q\\"b"\r\n' },
    { raw: 'ECHO a\x0bb\r\n' },
    { raw: '   ECHO   spaced    \n' },
    { raw: 'PING\rPONG\n' },
    { raw: 'ping\r\r\n' },
  ], needs: ['set', 'get', 'echo'] },
  { name: 'mixed inline and multibulk in one write', steps: [
    { raw: 'SET a 1\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\nECHO x\n*1\r\n$4\r\nPING\r\n', replies: 4 },
  ], needs: ['set', 'get', 'echo'] },
  { name: 'the two bytes after a bulk are not checked', steps: [
    { raw: '*2\r\n$4\r\nECHO\r\n$1\r\nxAB*1\r\n$4\r\nPING\r\n', replies: 2 },
  ], needs: ['echo'] },
  script('connection commands in RESP3', `
    PING
    PING x
    ECHO y
    SELECT 2
    FOO bar
    CLIENT GETNAME
  `, { resp3: true }),
];

differentialSuite('connection', scripts);
