// RESP request decoder: well-formed input. Every case runs whole, byte by
// byte and in many seeded random splits, and must give the same commands.
import { describe, expect, it } from 'vitest';
import { RequestDecoder } from '../../protocols/resp/decoder.js';
import { bytes, chunkings, feed, show } from '../helpers/codec.js';

const SPLITS = chunkings(60);

interface Case {
  name: string;
  input: string | Buffer;
  commands: string[][];
  /** True when the input ends inside a command (no command for it yet, no error). */
  partial?: boolean;
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const CASES: Case[] = [
  { name: 'PING as multibulk', input: '*1\r\n$4\r\nPING\r\n', commands: [['PING']] },
  { name: 'SET with an empty value', input: '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n', commands: [['SET', 'k', '']] },
  {
    name: 'pipelined multibulk commands',
    input: '*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n',
    commands: [['PING'], ['GET', 'k'], ['ECHO', 'hello']],
  },
  { name: 'inline PING with CRLF', input: 'PING\r\n', commands: [['PING']] },
  { name: 'inline PING with a bare LF', input: 'PING\n', commands: [['PING']] },
  { name: 'inline with surrounding and repeated spaces', input: '  SET   k  v \r\n', commands: [['SET', 'k', 'v']] },
  { name: 'inline with tabs', input: 'SET\tk\tv\r\n', commands: [['SET', 'k', 'v']] },
  { name: 'inline with \\v and \\f inside a word (not separators there)', input: 'ECHO a\x0bb\x0cc\r\n', commands: [['ECHO', 'a\x0bb\x0cc']] },
  { name: 'inline with a CR inside the line', input: 'ECHO a\rb\n', commands: [['ECHO', 'a', 'b']] },
  { name: 'inline with CR CR LF', input: 'PING\r\r\n', commands: [['PING']] },
  { name: 'inline quoted words', input: 'SET "a b" \'c d\'\r\n', commands: [['SET', 'a b', 'c d']] },
  { name: 'inline quoted empty strings', input: 'SET "" \'\'\r\n', commands: [['SET', '', '']] },
  { name: 'inline hex escape', input: 'ECHO "\\x41\\x4a\\xff\\x00z"\r\n', commands: [['ECHO', 'AJ\xff\x00z']] },
  {
    name: 'inline mixed with multibulk',
    input: 'PING\r\n*1\r\n$4\r\nPING\r\nECHO x\n*2\r\n$4\r\nECHO\r\n$1\r\ny\r\n',
    commands: [['PING'], ['PING'], ['ECHO', 'x'], ['ECHO', 'y']],
  },
  { name: 'inline high bytes', input: 'ECHO \xe9\xff\x80\r\n', commands: [['ECHO', '\xe9\xff\x80']] },
  { name: 'lower-case command names are kept as sent', input: '*1\r\n$4\r\nping\r\n', commands: [['ping']] },
  { name: 'bulk containing CRLFs', input: '*2\r\n$4\r\nECHO\r\n$4\r\n\r\n\r\n\r\n', commands: [['ECHO', '\r\n\r\n']] },
  { name: 'bulk containing NUL, * and $', input: '*2\r\n$4\r\nECHO\r\n$4\r\n\x00*\x00$\r\n', commands: [['ECHO', '\x00*\x00$']] },
  { name: 'bulk that is a single NUL', input: '*1\r\n$1\r\n\x00\r\n', commands: [['\x00']] },
  { name: 'bulk of a lone CR', input: '*2\r\n$4\r\nECHO\r\n$1\r\n\r\r\n', commands: [['ECHO', '\r']] },
  {
    name: 'the two bytes after a bulk are skipped unchecked (as Redis does)',
    input: '*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n',
    commands: [['PING'], ['PING']],
  },
  {
    name: 'every byte value in a bulk',
    input: Buffer.concat([bytes('*2\r\n$4\r\nECHO\r\n$256\r\n'), ALL_BYTES, bytes('\r\n')]),
    commands: [['ECHO', ALL_BYTES.toString('latin1')]],
  },
  { name: 'empty query (CRLF)', input: '\r\n', commands: [] },
  { name: 'empty query (bare LF)', input: '\n', commands: [] },
  { name: 'blank line of spaces and tabs', input: '   \t \r\n', commands: [] },
  { name: '*0', input: '*0\r\n', commands: [] },
  { name: '*-1', input: '*-1\r\n', commands: [] },
  { name: 'negative multibulk length (*-10)', input: '*-10\r\n', commands: [] },
  { name: 'most negative multibulk length', input: '*-9223372036854775808\r\n', commands: [] },
  { name: 'empty queries then a command', input: '\r\n\n*0\r\n*-1\r\n  \r\nPING\r\n', commands: [['PING']] },
  {
    name: 'multibulk with many short arguments',
    input: `*11\r\n$4\r\nMSET\r\n${'$1\r\na\r\n$1\r\nb\r\n'.repeat(5)}`,
    commands: [['MSET', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']],
  },
  {
    name: 'bulk lengths with two-digit and three-digit headers',
    input: `*2\r\n$4\r\nECHO\r\n$10\r\n${'x'.repeat(10)}\r\n*2\r\n$4\r\nECHO\r\n$100\r\n${'y'.repeat(100)}\r\n`,
    commands: [['ECHO', 'x'.repeat(10)], ['ECHO', 'y'.repeat(100)]],
  },
  // Incomplete input: nothing yet, no error.
  { name: 'partial bulk', input: '*1\r\n$4\r\nPIN', commands: [], partial: true },
  { name: 'header without its LF', input: '*1\r', commands: [], partial: true },
  { name: 'bulk header without its LF', input: '*1\r\n$4\r', commands: [], partial: true },
  { name: 'bulk without its trailing CRLF', input: '*1\r\n$4\r\nPING', commands: [], partial: true },
  { name: 'inline without a newline', input: 'PING', commands: [], partial: true },
  { name: 'complete command then a partial one', input: 'PING\r\n*2\r\n$4\r\nECHO\r\n$3\r\nab', commands: [['PING']], partial: true },
  { name: 'largest multibulk length is accepted and waits', input: '*2147483647\r\n$1\r\na\r\n', commands: [], partial: true },
  {
    name: 'NUL before the CR of a count line stalls the parser (strchr stops at NUL)',
    input: '*1\x00\r\n$4\r\nPING\r\n',
    commands: [],
    partial: true,
  },
  { name: 'NUL in an inline line stalls it', input: 'PI\x00NG\r\nPING\r\n', commands: [], partial: true },
];

describe('RequestDecoder: well-formed requests in every chunking', () => {
  for (const c of CASES) {
    it(`${c.name}: ${show(c.input, 50)}`, () => {
      const input = typeof c.input === 'string' ? bytes(c.input) : c.input;
      for (const how of SPLITS) {
        const r = feed(new RequestDecoder(), how.chunks(input));
        expect(r.error, how.name).toBeNull();
        expect(r.commands, how.name).toEqual(c.commands);
      }
    });
  }

  it('partial input leaves the unconsumed bytes pending', () => {
    const d = new RequestDecoder();
    expect(feed(d, [bytes('PING')]).pending).toBe(4);
    const e = new RequestDecoder();
    const r = feed(e, [bytes('*2\r\n$4\r\nECHO\r\n$10\r\n01234')]);
    expect(r.commands).toEqual([]);
    expect(r.pending).toBeGreaterThanOrEqual(9);
    const done = feed(e, [bytes('56789\r\n')]);
    expect(done.commands).toEqual([['ECHO', '0123456789']]);
    expect(done.pending).toBe(0);
  });

  it('a decoder keeps working across many calls (stream of 500 commands, one call per command piece)', () => {
    const d = new RequestDecoder();
    const got: string[][] = [];
    for (let i = 0; i < 500; i++) {
      const cmd = i % 3 === 0 ? `ECHO v${i}\r\n` : `*2\r\n$4\r\nECHO\r\n$${String(i).length + 1}\r\nv${i}\r\n`;
      const cut = i % 7;
      expect(d.decode(bytes(cmd.slice(0, cut)), got)).toBeNull();
      expect(d.decode(bytes(cmd.slice(cut)), got)).toBeNull();
    }
    expect(got.length).toBe(500);
    expect(got[499]).toEqual(['ECHO', 'v499']);
    expect(d.pendingBytes()).toBe(0);
  });

  it('clear() drops a partial command so the next one parses cleanly', () => {
    const d = new RequestDecoder();
    const out: string[][] = [];
    expect(d.decode(bytes('*2\r\n$4\r\nECHO\r\n$5\r\nab'), out)).toBeNull();
    d.clear();
    expect(d.pendingBytes()).toBe(0);
    expect(d.decode(bytes('*1\r\n$4\r\nPING\r\n'), out)).toBeNull();
    expect(out).toEqual([['PING']]);
  });

  it('maxBulkLen (proto-max-bulk-len) is the largest accepted bulk', () => {
    const ok = new RequestDecoder();
    ok.maxBulkLen = 10;
    expect(feed(ok, [bytes('*2\r\n$4\r\nECHO\r\n$10\r\n0123456789\r\n')]).commands).toEqual([['ECHO', '0123456789']]);
    const bad = new RequestDecoder();
    bad.maxBulkLen = 10;
    expect(feed(bad, [bytes('*2\r\n$4\r\nECHO\r\n$11\r\n')]).error).toBe('Protocol error: invalid bulk length');
  });
});
