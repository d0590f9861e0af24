// RESP request decoder: malformed input. The abuse cases of Redis's
// tests/unit/protocol.tcl and more, each run whole, byte by byte (when small)
// and in seeded random splits: the same commands before the error, the same
// error text (the server prefixes "-ERR " and closes the connection).
import { describe, expect, it } from 'vitest';
import { OVERSIZED_COMMAND, RequestDecoder } from '../../protocols/resp/decoder.js';
import { bytes, chunkings, feed, show } from '../helpers/codec.js';

const SMALL = chunkings(40);
// Inputs past the 64 KB inline limit: no byte-by-byte run (the decoder would
// be fed 64K one-byte chunks), bigger random pieces.
const LARGE = chunkings(12, { byteLimit: 0, maxChunk: 2048, firstSeed: 1000 });

const E = (s: string) => `Protocol error: ${s}`;
const INVALID_MBULK = E('invalid multibulk length');
const INVALID_BULK = E('invalid bulk length');
const UNBALANCED = E('unbalanced quotes in request');

interface ErrCase {
  name: string;
  input: string | Buffer;
  /** Commands decoded before the error (Redis runs them before replying the error). */
  before?: string[][];
  error: string;
}

/** What Redis's desync regression test sends: a prefix, then "payload" repeated past 64 KB, no newline. */
function desync(prefix: string): Buffer {
  return bytes(prefix + 'payload'.repeat(Math.ceil(70_000 / 7)));
}

const CASES: ErrCase[] = [
  // Multibulk count line.
  { name: 'out of range multibulk length', input: '*3000000000\r\n', error: INVALID_MBULK },
  { name: 'multibulk length INT_MAX + 1', input: '*2147483648\r\n', error: INVALID_MBULK },
  { name: 'multibulk length beyond int64', input: '*9223372036854775808\r\n', error: INVALID_MBULK },
  { name: 'negative multibulk length beyond int64', input: '*-9223372036854775809\r\n', error: INVALID_MBULK },
  { name: 'non-numeric multibulk length', input: '*abc\r\n', error: INVALID_MBULK },
  { name: 'empty multibulk length', input: '*\r\n', error: INVALID_MBULK },
  { name: 'multibulk length with a leading zero', input: '*01\r\n$4\r\nPING\r\n', error: INVALID_MBULK },
  { name: 'multibulk length with a plus sign', input: '*+1\r\n$4\r\nPING\r\n', error: INVALID_MBULK },
  { name: 'multibulk length with a leading space', input: '* 1\r\n$4\r\nPING\r\n', error: INVALID_MBULK },
  { name: 'multibulk length with a trailing space', input: '*1 \r\n$4\r\nPING\r\n', error: INVALID_MBULK },
  { name: 'multibulk length -0', input: '*-0\r\n', error: INVALID_MBULK },
  { name: 'multibulk length 21 digits', input: '*100000000000000000000\r\n', error: INVALID_MBULK },
  { name: 'LF-terminated count line runs into the next CR', input: '*1\n$4\r\nPING\r\n', error: INVALID_MBULK },
  // Bulk header line.
  { name: 'wrong multibulk payload header', input: '*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n', error: E("expected '$', got 'f'") },
  { name: 'multibulk not followed by bulk arguments', input: '*1\r\nfoo\r\n', error: E("expected '$', got 'f'") },
  { name: 'integer instead of bulk', input: '*2\r\n$3\r\nGET\r\n:1\r\n', error: E("expected '$', got ':'") },
  { name: 'nested array instead of bulk', input: '*1\r\n*1\r\n$4\r\nPING\r\n', error: E("expected '$', got '*'") },
  { name: 'garbage high byte instead of $', input: '*1\r\n\xe9\r\n', error: E("expected '$', got '\xe9'") },
  { name: 'bulk header that is just CRLF', input: '*1\r\n\r\n', error: E("expected '$', got '\r'") },
  { name: 'negative bulk length', input: '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$-10\r\n', error: INVALID_BULK },
  { name: 'bulk length -1', input: '*1\r\n$-1\r\n', error: INVALID_BULK },
  { name: 'out of range bulk length', input: '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$2000000000\r\n', error: INVALID_BULK },
  { name: 'bulk length above proto-max-bulk-len (512 MB + 1)', input: '*1\r\n$536870913\r\n', error: INVALID_BULK },
  { name: 'bulk length beyond int64', input: '*1\r\n$9223372036854775808\r\n', error: INVALID_BULK },
  { name: 'non-numeric bulk length', input: '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$blabla\r\n', error: INVALID_BULK },
  { name: 'empty bulk length', input: '*1\r\n$\r\n', error: INVALID_BULK },
  { name: 'bulk length with a leading zero', input: '*1\r\n$04\r\nPING\r\n', error: INVALID_BULK },
  { name: 'bulk length with a trailing space', input: '*1\r\n$4 \r\nPING\r\n', error: INVALID_BULK },
  { name: 'bulk length -0', input: '*1\r\n$-0\r\n', error: INVALID_BULK },
  // Commands before the error still come out.
  {
    name: 'commands before a bad header are decoded',
    input: 'PING\r\n*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n*1\r\nfoo\r\nPING\r\n',
    before: [['PING'], ['PING'], ['ECHO', 'x']],
    error: E("expected '$', got 'f'"),
  },
  // Inline quoting.
  { name: 'unbalanced number of quotes', input: 'set """test-key""" test-value\r\nping\r\n', error: UNBALANCED },
  { name: 'unterminated double quote', input: 'ECHO "abc\r\n', error: UNBALANCED },
  { name: 'unterminated single quote', input: "ECHO 'abc\r\n", error: UNBALANCED },
  { name: 'closing double quote followed by a letter', input: 'ECHO "a"b\r\n', error: UNBALANCED },
  { name: "closing single quote followed by a letter", input: "ECHO 'a'b\r\n", error: UNBALANCED },
  { name: 'escaped closing double quote leaves it open', input: 'ECHO "abc\\"\r\n', error: UNBALANCED },
  { name: 'backslash at the end of a double-quoted word', input: 'ECHO "abc\\\r\n', error: UNBALANCED },
  { name: 'good inline then an unbalanced one', input: 'PING\r\nECHO "x\r\nPING\r\n', before: [['PING']], error: UNBALANCED },
];

const LARGE_CASES: ErrCase[] = [
  { name: 'desync #1: NUL then payload', input: desync('\x00'), error: E('too big inline request') },
  { name: 'desync #2: * NUL then payload', input: desync('*\x00'), error: E('too big mbulk count string') },
  { name: 'desync #3: $ NUL then payload', input: desync('$\x00'), error: E('too big inline request') },
  { name: 'NUL where a bulk header should start', input: desync('*1\r\n\x00'), error: E('too big bulk count string') },
  { name: 'NUL inside a count line', input: desync('*1\x00'), error: E('too big mbulk count string') },
  { name: 'endless multibulk count', input: bytes(`*${'1'.repeat(70_000)}`), error: E('too big mbulk count string') },
  { name: 'endless bulk count', input: bytes(`*1\r\n$${'1'.repeat(70_000)}`), error: E('too big bulk count string') },
  { name: 'too big inline request (64 KB + 1, no newline)', input: bytes('A'.repeat(64 * 1024 + 1)), error: E('too big inline request') },
  {
    name: 'too big inline request after complete commands',
    input: bytes(`PING\r\n*1\r\n$4\r\nPING\r\nECHO ${'A'.repeat(70_000)}`),
    before: [['PING'], ['PING']],
    error: E('too big inline request'),
  },
];

function check(c: ErrCase, splits: typeof SMALL): void {
  const input = typeof c.input === 'string' ? bytes(c.input) : c.input;
  for (const how of splits) {
    const r = feed(new RequestDecoder(), how.chunks(input));
    expect(r.error, how.name).toBe(c.error);
    expect(r.commands, how.name).toEqual(c.before ?? []);
  }
}

describe('RequestDecoder: protocol errors', () => {
  for (const c of CASES) it(`${c.name}: ${show(c.input, 40)}`, () => check(c, SMALL));
  for (const c of LARGE_CASES) it(`${c.name} (${show(c.input, 16)})`, () => check(c, LARGE));

  it('exactly 64 KB of inline request without a newline is still waiting', () => {
    const r = feed(new RequestDecoder(), [bytes('A'.repeat(64 * 1024))]);
    expect(r.error).toBeNull();
    expect(r.pending).toBe(64 * 1024);
  });

  it('the error is reported by the chunk that completes the bad line, not before', () => {
    // "*1\r\n$-1" is not an error until the CRLF arrives.
    const d = new RequestDecoder();
    const out: string[][] = [];
    expect(d.decode(bytes('*1\r\n$-1'), out)).toBeNull();
    expect(d.decode(bytes('\r'), out)).toBeNull();
    expect(d.decode(bytes('\n'), out)).toBe(INVALID_BULK);
  });

  it('V8 string limit: a bulk longer than 0x1fffffe8 bytes is accepted, counted without being kept, and answered with an error', () => {
    const ok = feed(new RequestDecoder(), [bytes('*1\r\n$536870888\r\nabc')]);
    expect(ok.error).toBeNull();
    // A client announcing a huge bulk and sending little must not cost the announced size.
    expect(ok.pending).toBeLessThan(1 << 16);
    // Above V8's limit but within proto-max-bulk-len: Redis accepts it, so the header is accepted too.
    const d = new RequestDecoder();
    const out: string[][] = [];
    expect(d.decode(bytes('*2\r\n$3\r\nSET\r\n$536870889\r\n'), out)).toBeNull();
    const zeros = Buffer.alloc(1 << 20);
    let left = 536870889 + 2;
    while (left > 0) {
      const n = Math.min(left, zeros.length);
      expect(d.decode(zeros, out, n)).toBeNull();
      left -= n;
      expect(d.pendingBytes()).toBeLessThan(536870889); // counted, never buffered whole
    }
    expect(out).toEqual([OVERSIZED_COMMAND]);
    expect(out[0]).toBe(OVERSIZED_COMMAND);
    // Beyond proto-max-bulk-len the header itself is a protocol error.
    expect(feed(new RequestDecoder(), [bytes('*1\r\n$536870913\r\n')]).error).toBe(INVALID_BULK);
  });

});
