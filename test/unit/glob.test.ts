// Glob matching (src/core/glob.ts) against a table of Redis stringmatchlen
// results. The case-sensitive rows were checked against redis-server 7.0 with
// PUBSUB CHANNELS <pattern> (which calls stringmatchlen with no shortcut);
// test/integration/differential-glob.test.ts compares generated patterns live.
import { describe, expect, it } from 'vitest';
import { globMatch, isLiteralPattern } from '../../src/core/glob.js';
import { show } from '../helpers/codec.js';

/** [pattern, string, matches] for case-sensitive matching. */
const TABLE: Array<[string, string, boolean]> = [
  ['', '', true],
  ['', 'a', false],
  ['a', '', false],
  // stringmatchlen("*", "") is 0: the loop never runs and the pattern is left over.
  // KEYS and SCAN short-cut a lone "*" before matching; PSUBSCRIBE * and
  // PUBSUB CHANNELS * do not, so Redis never delivers a PUBLISH to "" to them.
  ['*', '', false],
  ['**', '', false],
  ['*', 'anything', true],
  ['a*', 'a', true],
  ['a**', 'a', true],
  ['*a', 'a', true],
  ['*a*', 'bab', true],
  ['*a*', 'bbb', false],
  ['h?llo', 'hello', true],
  ['h?llo', 'hllo', false],
  ['h*llo', 'hllo', true],
  ['h*llo', 'heeeello', true],
  ['h*llo', 'hellox', false],
  ['h[ae]llo', 'hello', true],
  ['h[ae]llo', 'hallo', true],
  ['h[ae]llo', 'hillo', false],
  ['h[^e]llo', 'hallo', true],
  ['h[^e]llo', 'hello', false],
  ['h[a-b]llo', 'hbllo', true],
  ['h[a-b]llo', 'hcllo', false],
  ['[b-a]', 'a', true],
  ['[b-a]', 'c', false],
  // "[a-]" is the range a..] (swapped to ]..a), closed by the ']' it used.
  ['[a-]', 'a', true],
  ['[a-]', '_', true],
  ['[a-]', '-', false],
  ['[a-c-e]', 'd', false],
  ['[a-c-e]', '-', true],
  ['[a-c-e]', 'e', true],
  // Unclosed brackets.
  ['[', 'x', false],
  ['[', '[', false],
  ['[^', 'x', true],
  ['[^', '', false],
  ['[abc', 'a', true],
  ['[abc', 'c', true],
  ['[abc', 'd', false],
  ['[abc', 'ab', false],
  ['a[', 'a', false],
  ['[[]', '[', true],
  // Empty and odd classes.
  ['[]]', ']', false],
  ['[]', 'x', false],
  ['[^]', 'x', true],
  ['[^]a', 'xa', true],
  // Escapes.
  ['\\*', '*', true],
  ['\\*', 'a', false],
  ['\\?', '?', true],
  ['\\?', 'x', false],
  ['\\a', 'a', true],
  ['a\\', 'a\\', true],
  ['\\\\', '\\', true],
  ['[\\]]', ']', true],
  ['[\\-]', '-', true],
  ['[\\-]', 'a', false],
  ['[\\', '\\', true],
  ['*\\', 'ab\\', true],
  // Bytes above 0x7f compare as C's signed char in ranges.
  ['[a-z]', '\xe9', false],
  ['[\x80-\xff]', '\xe9', true],
  ['[\x80-\xff]', 'A', false],
  ['[a-\xff]', 'b', false],
  ['[a-\xff]', 'A', true],
  ['[a-\xff]', '\xff', true],
  ['[a-\xff]', '\x80', false],
  ['?', '\xff', true],
  ['\xe9*', '\xe9t\xe9', true],
  ['[^\x00]', '\x00', false],
  ['a\x00b', 'a\x00b', true],
  ['a?b', 'a\x00b', true],
  // Backtracking.
  ['a*a*a*a*a*a*a*a*b', 'a'.repeat(40), false],
  ['*a*b*c*d*e*', 'xaxbxcxdxex', true],
  ['*?*?*?', 'ab', false],
  ['*?*?*?', 'abc', true],
];

/** [pattern, string, matches] with nocase (CONFIG GET, COMMAND LIST FILTERBY PATTERN). */
const NOCASE: Array<[string, string, boolean]> = [
  ['HELLO', 'hello', true],
  ['h*O', 'hello', true],
  ['[A-C]', 'b', true],
  ['[a-c]', 'B', true],
  ['[^A]', 'a', false],
  ['[Q]', 'q', true],
  // Escaped class members compare exactly, even without case.
  ['[\\A]', 'a', false],
  ['[\\A]', 'A', true],
  // The swap happens before lowering: Z-a becomes z..a, which holds nothing.
  ['[Z-a]', '_', false],
  ['\xc9', '\xe9', false], // tolower is ASCII-only in the C locale
];

describe('globMatch (stringmatchlen)', () => {
  for (const [p, s, want] of TABLE) {
    it(`${show(p)} ${want ? 'matches' : 'does not match'} ${show(s)}`, () => {
      expect(globMatch(p, s)).toBe(want);
    });
  }
  for (const [p, s, want] of NOCASE) {
    it(`nocase: ${show(p)} ${want ? 'matches' : 'does not match'} ${show(s)}`, () => {
      expect(globMatch(p, s, true)).toBe(want);
    });
  }

  it('case-sensitive by default', () => {
    expect(globMatch('HELLO', 'hello')).toBe(false);
    expect(globMatch('[A-C]', 'b')).toBe(false);
  });

  it('pathological patterns finish quickly (skip-longer-matches)', () => {
    const t = Date.now();
    expect(globMatch(`${'*a'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('isLiteralPattern', () => {
    expect(isLiteralPattern('news.sport')).toBe(true);
    expect(isLiteralPattern('')).toBe(true);
    for (const p of ['a*', '?', '[a]', 'a\\b']) expect(isLiteralPattern(p)).toBe(false);
  });
});
