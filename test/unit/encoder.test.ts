// RESP reply encoder: every Reply kind, byte-exact in RESP2 and RESP3, as
// Redis 7.0's addReply* functions write them (networking.c).
import { describe, expect, it } from 'vitest';
import { OutBuf } from '../../protocols/outbuf.js';
import { encodeReply, putDigits, writeBulk, writeHeader, writeInteger, writeLine } from '../../protocols/resp/encoder.js';
import {
  BigNumberReply, BoolReply, DoubleReply, ERR_SYNTAX, ERR_WRONGTYPE, ErrorReply, MapReply, NO_REPLY, NULL_ARRAY,
  OK, PONG, PushReply, QUEUED, RawReply, SetReply, StatusReply, VerbatimReply, err, type Reply,
} from '../../protocols/reply.js';
import { show } from '../helpers/codec.js';

function enc(r: Reply, resp3: boolean): string {
  const out = new OutBuf();
  encodeReply(out, r, resp3);
  return out.view().toString('latin1');
}

const ALL_BYTES = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));

// [name, reply, RESP2 bytes, RESP3 bytes]
const CASES: Array<[string, Reply, string, string]> = [
  ['bulk', 'abc', '$3\r\nabc\r\n', '$3\r\nabc\r\n'],
  ['empty bulk', '', '$0\r\n\r\n', '$0\r\n\r\n'],
  ['bulk of 15 bytes (short copy path)', 'x'.repeat(15), `$15\r\n${'x'.repeat(15)}\r\n`, `$15\r\n${'x'.repeat(15)}\r\n`],
  ['bulk of 16 bytes (latin1Write path)', 'y'.repeat(16), `$16\r\n${'y'.repeat(16)}\r\n`, `$16\r\n${'y'.repeat(16)}\r\n`],
  ['bulk with CRLF inside', 'a\r\nb', '$4\r\na\r\nb\r\n', '$4\r\na\r\nb\r\n'],
  ['bulk with every byte value', ALL_BYTES, `$256\r\n${ALL_BYTES}\r\n`, `$256\r\n${ALL_BYTES}\r\n`],
  ['integer 0', 0, ':0\r\n', ':0\r\n'],
  ['integer 9', 9, ':9\r\n', ':9\r\n'],
  ['integer 10', 10, ':10\r\n', ':10\r\n'],
  ['integer -1', -1, ':-1\r\n', ':-1\r\n'],
  ['integer 1000000', 1000000, ':1000000\r\n', ':1000000\r\n'],
  ['integer 2^53-1', 9007199254740991, ':9007199254740991\r\n', ':9007199254740991\r\n'],
  ['integer -(2^53-1)', -9007199254740991, ':-9007199254740991\r\n', ':-9007199254740991\r\n'],
  ['integer 2^60 as a number', 2 ** 60, ':1152921504606846976\r\n', ':1152921504606846976\r\n'],
  ['bigint LLONG_MAX', 9223372036854775807n, ':9223372036854775807\r\n', ':9223372036854775807\r\n'],
  ['bigint LLONG_MIN', -9223372036854775808n, ':-9223372036854775808\r\n', ':-9223372036854775808\r\n'],
  ['bigint 0', 0n, ':0\r\n', ':0\r\n'],
  ['nil', null, '$-1\r\n', '_\r\n'],
  ['empty array', [], '*0\r\n', '*0\r\n'],
  ['array of bulks', ['a', 'bc'], '*2\r\n$1\r\na\r\n$2\r\nbc\r\n', '*2\r\n$1\r\na\r\n$2\r\nbc\r\n'],
  ['array with nil', ['a', null], '*2\r\n$1\r\na\r\n$-1\r\n', '*2\r\n$1\r\na\r\n_\r\n'],
  ['nested arrays', [[1, [2]], []], '*2\r\n*2\r\n:1\r\n*1\r\n:2\r\n*0\r\n', '*2\r\n*2\r\n:1\r\n*1\r\n:2\r\n*0\r\n'],
  ['status OK', OK, '+OK\r\n', '+OK\r\n'],
  ['status PONG', PONG, '+PONG\r\n', '+PONG\r\n'],
  ['status QUEUED', QUEUED, '+QUEUED\r\n', '+QUEUED\r\n'],
  ['status custom', new StatusReply('string'), '+string\r\n', '+string\r\n'],
  ['error syntax', ERR_SYNTAX, '-ERR syntax error\r\n', '-ERR syntax error\r\n'],
  [
    'error WRONGTYPE',
    ERR_WRONGTYPE,
    '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n',
    '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n',
  ],
  // addReplyErrorFormat turns CR and LF into spaces so the line cannot break the stream.
  ['error with newlines', err('ERR bad\r\nthing\n'), '-ERR bad  thing \r\n', '-ERR bad  thing \r\n'],
  ['map', new MapReply(['a', 1, 'b', null]), '*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n$-1\r\n', '%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n_\r\n'],
  ['empty map', new MapReply([]), '*0\r\n', '%0\r\n'],
  ['set', new SetReply(['x', 'y']), '*2\r\n$1\r\nx\r\n$1\r\ny\r\n', '~2\r\n$1\r\nx\r\n$1\r\ny\r\n'],
  ['empty set', new SetReply([]), '*0\r\n', '~0\r\n'],
  ['double 1.5', new DoubleReply(1.5), '$3\r\n1.5\r\n', ',1.5\r\n'],
  ['double 0.1 (%.17g)', new DoubleReply(0.1), '$19\r\n0.10000000000000001\r\n', ',0.10000000000000001\r\n'],
  ['double 3', new DoubleReply(3), '$1\r\n3\r\n', ',3\r\n'],
  ['double -0', new DoubleReply(-0), '$2\r\n-0\r\n', ',-0\r\n'],
  ['double 1e300', new DoubleReply(1e300), '$23\r\n1.0000000000000001e+300\r\n', ',1.0000000000000001e+300\r\n'],
  ['double inf', new DoubleReply(Infinity), '$3\r\ninf\r\n', ',inf\r\n'],
  ['double -inf', new DoubleReply(-Infinity), '$4\r\n-inf\r\n', ',-inf\r\n'],
  ['bool true', new BoolReply(true), ':1\r\n', '#t\r\n'],
  ['bool false', new BoolReply(false), ':0\r\n', '#f\r\n'],
  ['verbatim txt', new VerbatimReply('txt', 'hello'), '$5\r\nhello\r\n', '=9\r\ntxt:hello\r\n'],
  ['verbatim with CRLF inside', new VerbatimReply('txt', 'a\r\nb'), '$4\r\na\r\nb\r\n', '=8\r\ntxt:a\r\nb\r\n'],
  ['verbatim empty', new VerbatimReply('mkd', ''), '$0\r\n\r\n', '=4\r\nmkd:\r\n'],
  ['big number', new BigNumberReply('1234567890123456789012345678901234567890'),
    '$40\r\n1234567890123456789012345678901234567890\r\n', '(1234567890123456789012345678901234567890\r\n'],
  ['negative big number', new BigNumberReply('-1'), '$2\r\n-1\r\n', '(-1\r\n'],
  ['push', new PushReply(['message', 'ch', 'hi']),
    '*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n', '>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n'],
  ['push with integer', new PushReply(['subscribe', 'ch', 1]),
    '*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n', '>3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n'],
  ['null array', NULL_ARRAY, '*-1\r\n', '_\r\n'],
  ['raw bytes', new RawReply(Buffer.from('+already\r\n')), '+already\r\n', '+already\r\n'],
  ['NO_REPLY writes nothing', NO_REPLY, '', ''],
  ['map nested in array with doubles and sets', [new MapReply(['k', new SetReply([new DoubleReply(2.5)])])],
    '*1\r\n*2\r\n$1\r\nk\r\n*1\r\n$3\r\n2.5\r\n', '*1\r\n%1\r\n$1\r\nk\r\n~1\r\n,2.5\r\n'],
];

describe('encodeReply: every kind, byte-exact', () => {
  for (const [name, reply, r2, r3] of CASES) {
    it(`${name} -> RESP2 ${show(r2, 40)}`, () => expect(enc(reply, false)).toBe(r2));
    it(`${name} -> RESP3 ${show(r3, 40)}`, () => expect(enc(reply, true)).toBe(r3));
  }
});

describe('encoder building blocks', () => {
  it('putDigits around every power of ten', () => {
    const b = Buffer.alloc(32);
    for (let e = 0; e <= 15; e++) {
      for (const n of [10 ** e - 1, 10 ** e, 10 ** e + 1].filter((x) => x >= 0 && Number.isSafeInteger(x))) {
        const end = putDigits(b, 3, n);
        expect(b.toString('latin1', 3, end)).toBe(String(n));
      }
    }
    expect(putDigits(b, 0, Number.MAX_SAFE_INTEGER)).toBe(16);
    expect(b.toString('latin1', 0, 16)).toBe('9007199254740991');
  });

  it('writeInteger for random safe integers matches String()', () => {
    const out = new OutBuf();
    let expected = '';
    let x = 1;
    for (let i = 0; i < 2000; i++) {
      x = (x * 48271) % 2147483647;
      const n = (i % 3 === 0 ? -1 : 1) * Math.floor((x / 2147483647) * 10 ** (i % 16));
      writeInteger(out, n);
      expected += `:${n === 0 ? 0 : n}\r\n`;
    }
    expect(out.view().toString('latin1')).toBe(expected);
  });

  it('writeHeader with negative lengths (nil headers)', () => {
    const out = new OutBuf();
    writeHeader(out, 0x24, -1);
    writeHeader(out, 0x2a, -1);
    writeHeader(out, 0x2a, 0);
    expect(out.view().toString('latin1')).toBe('$-1\r\n*-1\r\n*0\r\n');
  });

  it('writeLine replaces CR and LF so status and errors stay one line', () => {
    const out = new OutBuf();
    writeLine(out, 0x2b, 'a\rb\nc');
    expect(out.view().toString('latin1')).toBe('+a b c\r\n');
  });

  it('many replies into one buffer grow it without corrupting earlier bytes', () => {
    const out = new OutBuf();
    let expected = '';
    for (let i = 0; i < 5000; i++) {
      const v = `value-${i}-${'z'.repeat(i % 50)}`;
      writeBulk(out, v);
      expected += `$${v.length}\r\n${v}\r\n`;
    }
    const big = 'B'.repeat(300_000);
    encodeReply(out, [big, 1, null], false);
    expected += `*3\r\n$300000\r\n${big}\r\n:1\r\n$-1\r\n`;
    expect(out.len).toBe(expected.length);
    expect(out.view().toString('latin1') === expected).toBe(true);
  });

  it('a 10 MB bulk with every byte value repeated', () => {
    const s = ALL_BYTES.repeat(40960);
    const out = new OutBuf();
    encodeReply(out, s, true);
    const got = out.view();
    expect(got.toString('latin1', 0, 12)).toBe('$10485760\r\n\x00');
    expect(got.length).toBe(s.length + 13);
    expect(got.toString('latin1', 11, 11 + s.length) === s).toBe(true);
  });

  it('ErrorReply code and message', () => {
    const e = new ErrorReply('WRONGTYPE Operation against a key');
    expect(e.code).toBe('WRONGTYPE');
    expect(e.message).toBe('Operation against a key');
  });
});
