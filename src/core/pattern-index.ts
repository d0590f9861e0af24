// PatternIndex: the subscribed patterns, arranged so that finding the ones
// that match a channel does not test every pattern.
//
// A pattern is a sequence of tokens as stringmatchlen reads it: literal
// bytes (an escaped byte is literal too), '?', a [class] (an unclosed one
// runs to the end), each consuming exactly one channel byte, and '*'. So a
// channel can only match a pattern if it starts with the pattern's leading
// literal bytes and ends with its trailing ones. Patterns with a literal
// prefix live in a trie keyed by it; a PUBLISH walks the trie along the
// channel's bytes and tests only the patterns it passes. Patterns without a
// prefix but with a literal suffix live in a second trie, walked from the
// channel's end. What is left (e.g. "*", "*x*", "?[0-9]") is tested on
// every channel, and once there are many such patterns their matches are
// cached per channel. The shapes "literal", "prefix*" and "*suffix" are
// decided without globMatch.
//
// Cost of a match: O(channel length) trie steps plus one test per candidate,
// independent of the number of non-matching patterns; adding or removing a
// pattern is O(pattern length), so churn does not invalidate anything
// (except the unanchored cache, and only when an unanchored pattern changes).
import { globMatch } from './glob.js';

// How a candidate found through the tries is confirmed (PatternEntry.shape).
/** No metacharacters: matches exactly itself. */
const LITERAL = 0;
/** Literal prefix then only '*': every non-empty channel with the prefix. */
const PREFIX_STAR = 1;
/** Only '*' then a literal suffix: every channel with the suffix. */
const STAR_SUFFIX = 2;
/** Anything else: globMatch decides. */
const GLOB = 3;
type Shape = typeof LITERAL | typeof PREFIX_STAR | typeof STAR_SUFFIX | typeof GLOB;

/** One subscribed pattern and the subscribers that follow it. */
export class PatternEntry<S> {
  constructor(
    readonly pattern: string,
    readonly subs: Set<S>,
    readonly shape: Shape,
    readonly side: 'prefix' | 'suffix' | 'none',
    /** The literal bytes the trie is keyed by (prefix, or suffix read forwards); '' when unanchored. */
    readonly key: string,
  ) {}
}

/** Unanchored patterns are cached per channel from this many on (below, testing them all is cheap). */
const CACHE_FROM = 32;
/** Channels remembered by the unanchored cache before it starts over. */
const CACHE_MAX = 10_000;

class TrieNode<S> {
  children: Map<number, TrieNode<S>> | null = null;
  entries: Array<PatternEntry<S>> | null = null;
}

/** Patterns -> subscriber sets, with matching that skips patterns a channel cannot match. */
export class PatternIndex<S> {
  private readonly byPattern = new Map<string, PatternEntry<S>>();
  private readonly prefixes = new TrieNode<S>();
  private readonly suffixes = new TrieNode<S>();
  /** Patterns neither trie can anchor: tested against every channel. */
  private readonly unanchored: Array<PatternEntry<S>> = [];
  /**
   * channel -> its matching unanchored entries, used once there are many of
   * them. Only unanchored (un)subscriptions clear it, so churn on ordinary
   * patterns never does; bounded by clearing when full.
   */
  private readonly unanchoredCache = new Map<string, Array<PatternEntry<S>>>();

  /** Number of distinct patterns. */
  get size(): number {
    return this.byPattern.size;
  }

  /** Registers pattern with its (shared, live) subscriber set. */
  add(pattern: string, subs: Set<S>): PatternEntry<S> {
    const old = this.byPattern.get(pattern);
    if (old !== undefined) return old;
    const entry = classify(pattern, subs);
    this.byPattern.set(pattern, entry);
    if (entry.side === 'none') {
      this.unanchored.push(entry);
      this.unanchoredCache.clear();
    }
    else {
      const suffix = entry.side === 'suffix';
      const key = entry.key;
      let node = suffix ? this.suffixes : this.prefixes;
      for (let i = 0; i < key.length; i++) {
        const ch = key.charCodeAt(suffix ? key.length - 1 - i : i);
        const children = (node.children ??= new Map());
        let next = children.get(ch);
        if (next === undefined) children.set(ch, (next = new TrieNode()));
        node = next;
      }
      (node.entries ??= []).push(entry);
    }
    return entry;
  }

  /** Unregisters pattern; false if it was not registered. */
  delete(pattern: string): boolean {
    const entry = this.byPattern.get(pattern);
    if (entry === undefined) return false;
    this.byPattern.delete(pattern);
    if (entry.side === 'none') {
      removeFrom(this.unanchored, entry);
      this.unanchoredCache.clear();
      return true;
    }
    const suffix = entry.side === 'suffix';
    const key = entry.key;
    const path: Array<TrieNode<S>> = [suffix ? this.suffixes : this.prefixes];
    for (let i = 0; i < key.length; i++) {
      const ch = key.charCodeAt(suffix ? key.length - 1 - i : i);
      path.push(path[i].children!.get(ch)!);
    }
    const leaf = path[path.length - 1];
    removeFrom(leaf.entries!, entry);
    if (leaf.entries!.length === 0) leaf.entries = null;
    // Prune nodes left with neither entries nor children, deepest first.
    for (let i = path.length - 1; i > 0; i--) {
      const node = path[i];
      if (node.entries !== null || (node.children !== null && node.children.size !== 0)) break;
      const ch = key.charCodeAt(suffix ? key.length - i : i - 1);
      path[i - 1].children!.delete(ch);
    }
    return true;
  }

  /** Appends to `out` every entry whose pattern matches channel; returns how many were appended. */
  match(channel: string, out: Array<PatternEntry<S>>): number {
    const start = out.length;
    const len = channel.length;
    const unanchored = this.unanchored;
    if (unanchored.length < CACHE_FROM) {
      matchUnanchored(unanchored, channel, out);
    } else {
      let hits = this.unanchoredCache.get(channel);
      if (hits === undefined) {
        hits = [];
        matchUnanchored(unanchored, channel, hits);
        if (this.unanchoredCache.size >= CACHE_MAX) this.unanchoredCache.clear();
        this.unanchoredCache.set(channel, hits);
      }
      for (let i = 0; i < hits.length; i++) out.push(hits[i]);
    }
    let node: TrieNode<S> | undefined = this.prefixes;
    for (let i = 0; node.children !== null && i < len; i++) {
      node = node.children.get(channel.charCodeAt(i));
      if (node === undefined) break;
      const entries = node.entries;
      if (entries !== null) {
        for (let j = 0; j < entries.length; j++) {
          const e = entries[j];
          if (e.shape === PREFIX_STAR || (e.shape === LITERAL ? len === i + 1 : globMatch(e.pattern, channel))) out.push(e);
        }
      }
    }
    node = this.suffixes;
    for (let i = len - 1; node.children !== null && i >= 0; i--) {
      node = node.children.get(channel.charCodeAt(i));
      if (node === undefined) break;
      const entries = node.entries;
      if (entries !== null) {
        for (let j = 0; j < entries.length; j++) {
          const e = entries[j];
          if (e.shape === STAR_SUFFIX || globMatch(e.pattern, channel)) out.push(e);
        }
      }
    }
    return out.length - start;
  }
}

/** Appends to `out` the unanchored entries that match channel. */
function matchUnanchored<S>(unanchored: Array<PatternEntry<S>>, channel: string, out: Array<PatternEntry<S>>): void {
  for (let i = 0; i < unanchored.length; i++) {
    const e = unanchored[i];
    if (e.shape === PREFIX_STAR ? channel.length > 0 : globMatch(e.pattern, channel)) out.push(e);
  }
}

function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) {
    list[i] = list[list.length - 1];
    list.pop();
  }
}

// Token kinds of a pattern (see the file comment).
const T_LITERAL = 0;
const T_STAR = 1;
const T_ONE = 2; // '?' or a [class]: one byte, not a fixed one

/**
 * Splits a pattern into tokens exactly as stringmatchlen walks it: kinds[i]
 * and, for literals, bytes[i] (escapes resolved). An escape needs a byte
 * after it (a final lone backslash is a literal backslash); inside a class an
 * escape or an "a-z" range is one unit; a class with no closing ']' runs to
 * the end of the pattern.
 */
function tokenize(p: string): { kinds: number[]; bytes: string[] } {
  const kinds: number[] = [];
  const bytes: string[] = [];
  const n = p.length;
  let i = 0;
  while (i < n) {
    const c = p.charCodeAt(i);
    if (c === 0x2a /* * */) {
      kinds.push(T_STAR);
      bytes.push('');
      i++;
    } else if (c === 0x3f /* ? */) {
      kinds.push(T_ONE);
      bytes.push('');
      i++;
    } else if (c === 0x5b /* [ */) {
      i++;
      if (i < n && p.charCodeAt(i) === 0x5e /* ^ */) i++;
      for (;;) {
        const left = n - i;
        if (left <= 0) break; // unclosed: the class took the rest of the pattern
        const d = p.charCodeAt(i);
        if (d === 0x5c /* \ */ && left >= 2) i += 2;
        else if (d === 0x5d /* ] */) {
          i++;
          break;
        } else if (left >= 3 && p.charCodeAt(i + 1) === 0x2d /* - */) i += 3;
        else i++;
      }
      kinds.push(T_ONE);
      bytes.push('');
    } else if (c === 0x5c /* \ */ && n - i >= 2) {
      kinds.push(T_LITERAL);
      bytes.push(p[i + 1]);
      i += 2;
    } else {
      kinds.push(T_LITERAL);
      bytes.push(p[i]);
      i++;
    }
  }
  return { kinds, bytes };
}

/** Decides where a pattern is indexed and how its candidates are confirmed. */
function classify<S>(pattern: string, subs: Set<S>): PatternEntry<S> {
  if (pattern.length === 0) return new PatternEntry(pattern, subs, GLOB, 'none', ''); // "" matches only ""
  const { kinds, bytes } = tokenize(pattern);
  const n = kinds.length;
  let lead = 0;
  while (lead < n && kinds[lead] === T_LITERAL) lead++;
  if (lead === n) return new PatternEntry(pattern, subs, LITERAL, 'prefix', bytes.join(''));
  let stars = lead;
  while (stars < n && kinds[stars] === T_STAR) stars++;
  if (lead > 0) {
    return new PatternEntry(pattern, subs, stars === n ? PREFIX_STAR : GLOB, 'prefix', bytes.slice(0, lead).join(''));
  }
  if (stars === n) return new PatternEntry(pattern, subs, PREFIX_STAR, 'none', ''); // "*", "**": any non-empty channel
  let trail = n;
  while (trail > 0 && kinds[trail - 1] === T_LITERAL) trail--;
  if (trail === n) return new PatternEntry(pattern, subs, GLOB, 'none', '');
  // Leading wildcards only, then literals: every channel ending with them matches.
  const shape = trail === stars ? STAR_SUFFIX : GLOB;
  return new PatternEntry(pattern, subs, shape, 'suffix', bytes.slice(trail).join(''));
}
