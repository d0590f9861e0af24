// Inline (telnet) request splitting: Redis's sdssplitargs rules, checked on
// the splitter itself and through the decoder in every chunking.
import { describe, expect, it } from 'vitest';
import { splitInlineArgs } from '../../protocols/resp/inline.js';
import { RequestDecoder } from '../../protocols/resp/decoder.js';
import { bytes, chunkings, feed, show } from '../helpers/codec.js';

function split(line: string): string[] | null {
  const b = bytes(line);
  return splitInlineArgs(b, 0, b.length);
}

// [line, expected args or null for "unbalanced quotes"]
const TABLE: Array<[string, string[] | null]> = [
  ['', []],
  ['   ', []],
  [' \t\x0b\x0c\r ', []],
  ['PING', ['PING']],
  ['SET k v', ['SET', 'k', 'v']],
  ['  SET   k   v  ', ['SET', 'k', 'v']],
  ['a\tb', ['a', 'b']],
  ['a\x0bb', ['a\x0bb']], // \v and \f end no word, though they are skipped between words
  ['a\x0cb', ['a\x0cb']],
  ['a \x0b b', ['a', 'b']],
  ['a\rb', ['a', 'b']],
  // Double quotes and their escapes.
  ['"a b"', ['a b']],
  ['""', ['']],
  ['"" ""', ['', '']],
  ['"\\x41"', ['A']],
  ['"\\x41\\x42\\x43"', ['ABC']],
  ['"\\xff\\x00\\x80"', ['\xff\x00\x80']],
  ['"\\xAf\\xaF"', ['\xaf\xaf']],
  ['"\\x4"', ['x4']], // not two hex digits: \x is just an escaped x
  ['"\\x4g"', ['x4g']],
  ['"\\xg1"', ['xg1']],
  ['"\\n\\r\\t\\b\\a"', ['\n\r\t\b\x07']],
  ['"\\q\\"\\\\"', ['q"\\']],
  ['"a\'b"', ["a'b"]],
  ['"a"', ['a']],
  ['"a" b', ['a', 'b']],
  ['"a"\tb', ['a', 'b']],
  ['a"b c"d', null], // a quote opened mid-word must still close before a space or the end
  ['a"b c"', ['ab c']],
  ['"a"b', null],
  ['"abc', null],
  ['"abc\\"', null],
  ['"abc\\', null],
  ['"', null],
  // Single quotes: only \' is an escape.
  ["'a b'", ['a b']],
  ["''", ['']],
  ["'it\\'s'", ["it's"]],
  ["'a\\nb'", ['a\\nb']],
  ["'\\x41'", ['\\x41']],
  ["'a\"b'", ['a"b']],
  ["'a'b", null],
  ["'abc", null],
  ["'", null],
  // Mixed.
  ['SET "k 1" \'v 2\' plain', ['SET', 'k 1', 'v 2', 'plain']],
  ['ECHO \xe9\xff', ['ECHO', '\xe9\xff']],
  ['set """test-key""" test-value', null],
];

describe('splitInlineArgs (sdssplitargs)', () => {
  for (const [line, want] of TABLE) {
    it(`${show(line)} -> ${want === null ? 'unbalanced' : JSON.stringify(want)}`, () => {
      expect(split(line)).toEqual(want);
    });
  }

  it('splits only the given range of the buffer', () => {
    const b = bytes('xxSET a bxx');
    expect(splitInlineArgs(b, 2, 9)).toEqual(['SET', 'a', 'b']);
  });

  it('a NUL byte ends the line, as for a C string', () => {
    expect(split('SET a\x00b c')).toEqual(['SET', 'a']);
    expect(split('"ab\x00c"')).toBeNull();
  });

  it('many arguments and a long argument', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    expect(split(words.join(' '))).toEqual(words);
    const long = 'z'.repeat(60_000);
    expect(split(`ECHO ${long}`)).toEqual(['ECHO', long]);
  });
});

describe('inline requests through the decoder in every chunking', () => {
  const SPLITS = chunkings(30);
  const cases: Array<[string, string[][]]> = [
    ['SET "a b" \'c\'\r\nGET "a b"\n', [['SET', 'a b', 'c'], ['GET', 'a b']]],
    ['ECHO "\\x41\\n"\r\n', [['ECHO', 'A\n']]],
    ["ECHO 'it\\'s'\r\n", [['ECHO', "it's"]]],
    ['\r\n\r\nPING\r\n\r\n', [['PING']]],
    ['ECHO "a\rb"\n', [['ECHO', 'a\rb']]],
  ];
  for (const [input, want] of cases) {
    it(show(input), () => {
      for (const how of SPLITS) {
        const r = feed(new RequestDecoder(), how.chunks(bytes(input)));
        expect(r.error, how.name).toBeNull();
        expect(r.commands, how.name).toEqual(want);
      }
    });
  }

  it('an inline line just under 64 KB is accepted when its newline arrives', () => {
    const value = 'v'.repeat(60_000);
    for (const how of chunkings(5, { byteLimit: 0, maxChunk: 4096 })) {
      const r = feed(new RequestDecoder(), how.chunks(bytes(`ECHO ${value}\r\n`)));
      expect(r.error, how.name).toBeNull();
      expect(r.commands, how.name).toEqual([['ECHO', value]]);
    }
  });
});
