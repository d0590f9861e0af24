// Malformed and unusual requests sent raw to redis-server and Redwire: the
// same reply bytes (error text included) and the same connection close.
// Commands before the bad bytes run; those after do not (checked on a new
// connection).
import { differentialSuite, type Script, type Step } from '../helpers/differential.js';

/** A script sending `raw` on a fresh connection, expecting `replies` replies and a close. */
function bad(name: string, raw: string | Buffer, replies = 1): Script {
  return { name, steps: [{ raw, replies, closes: true }], needs: ['ping'] };
}

/** Bytes past the 64 KB inline limit after `prefix`, as Redis's desync regression test sends. */
function desync(prefix: string): Buffer {
  return Buffer.from(prefix + 'payload'.repeat(Math.ceil(70_000 / 7)), 'latin1');
}

const after: Step[] = [{ reconnect: true, cmd: ['MGET', 'before', 'after'] }];

const scripts: Script[] = [
  { name: 'empty query, negative and zero multibulk lengths are ignored', steps: [
    { raw: '\r\n*-10\r\n*0\r\n*-1\r\nPING\r\n' },
  ], needs: ['ping'] },
  bad('out of range multibulk length', '*3000000000\r\n'),
  bad('multibulk length INT_MAX + 1', '*2147483648\r\n'),
  bad('non-numeric multibulk length', '*abc\r\n'),
  bad('multibulk length with leading zero', '*01\r\n$4\r\nPING\r\n'),
  bad('wrong multibulk payload header', '*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n'),
  bad('negative multibulk payload length', '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$-10\r\n'),
  bad('out of range multibulk payload length', '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$2000000000\r\n'),
  bad('non-number multibulk payload length', '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$blabla\r\n'),
  bad('multi bulk request not followed by bulk arguments', '*1\r\nfoo\r\n'),
  bad('integer where a bulk should be', '*2\r\n$3\r\nGET\r\n:1\r\n'),
  bad('high byte where a bulk should be', '*1\r\n\xe9\r\n'),
  bad('unbalanced number of quotes', 'set """test-key""" test-value\r\nping\r\n'),
  bad('unterminated single quote', "ECHO 'abc\r\n"),
  bad('closing quote followed by a letter', 'ECHO "a"b\r\n'),
  bad('desync regression #1 (NUL)', desync('\x00')),
  bad('desync regression #2 (* NUL)', desync('*\x00')),
  bad('desync regression #3 ($ NUL)', desync('$\x00')),
  bad('too big inline request', Buffer.alloc(70_000, 0x41)),
  bad('too big mbulk count string', `*${'1'.repeat(70_000)}`),
  bad('too big bulk count string', `*1\r\n$${'1'.repeat(70_000)}`),
  bad('good commands then a bad header', 'PING\r\n*1\r\n$4\r\nPING\r\n*1\r\nfoo\r\n', 3),
  { name: 'commands before the error run, commands after it do not', steps: [
    { raw: 'SET before 1\r\n*1\r\nfoo\r\nSET after 1\r\n', replies: 2, closes: true },
    ...after,
  ] },
  { name: 'an unbalanced inline line stops the batch', steps: [
    { raw: 'SET before 1\r\nECHO "x\r\nSET after 1\r\n', replies: 2, closes: true },
    ...after,
  ] },
  { name: 'a partial command then disconnect runs nothing', steps: [
    { raw: '*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n', replies: 0 },
    ...after,
  ] },
  { name: 'bulk data split across many writes', steps: [
    { raw: '*3\r\n$3\r\nSET\r\n$6\r\nbefore', replies: 0 },
    { raw: '\r\n$10\r\n01234', replies: 0 },
    { raw: '56789\r\n' },
    { cmd: ['GET', 'before'] },
  ] },
  { name: 'a 1 MB value sent raw in one write', steps: [
    { raw: Buffer.concat([Buffer.from('*3\r\n$3\r\nSET\r\n$6\r\nbefore\r\n$1048576\r\n'), Buffer.alloc(1 << 20, 0x7a), Buffer.from('\r\n')]) },
    { cmd: ['STRLEN', 'before'] },
  ] },
];

differentialSuite('protocol errors', scripts);
