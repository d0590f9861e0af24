// PatternIndex: the subscribed patterns, arranged so that finding the ones
// that match a channel does not test every pattern.
//
// A channel can only match a pattern if it starts with the pattern's literal
// prefix (the bytes before its first metacharacter * ? [ \): stringmatchlen
// compares those bytes one by one. So patterns with a prefix live in a trie
// keyed by the prefix; a PUBLISH walks the trie along the channel's bytes and
// tests only the patterns it passes. Patterns that start with a wildcard but
// use only * and ? end in a literal suffix the channel must end with; they
// live in a second trie keyed by the reversed suffix. What is left (e.g.
// "*[0-9]", "*") is tested on every channel. Patterns of the shapes
// "prefix*", "*suffix" and literal ones are decided without globMatch.
//
// Cost of a match: O(channel length) trie steps plus one test per candidate,
// independent of the number of non-matching patterns; adding or removing a
// pattern is O(pattern length), so pattern churn costs nothing extra.
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
  /** Trie depth (prefix or suffix length); 0 for unanchored patterns. */
  readonly anchor: number;
  constructor(
    readonly pattern: string,
    readonly subs: Set<S>,
    readonly shape: Shape,
    readonly side: 'prefix' | 'suffix' | 'none',
    anchor: number,
  ) {
    this.anchor = anchor;
  }
}

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

  /** Number of distinct patterns. */
  get size(): number {
    return this.byPattern.size;
  }

  /** The entry of `pattern`, if subscribed. */
  get(pattern: string): PatternEntry<S> | undefined {
    return this.byPattern.get(pattern);
  }

  /** Registers pattern with its (shared, live) subscriber set. */
  add(pattern: string, subs: Set<S>): PatternEntry<S> {
    const old = this.byPattern.get(pattern);
    if (old !== undefined) return old;
    const entry = classify(pattern, subs);
    this.byPattern.set(pattern, entry);
    if (entry.side === 'none') this.unanchored.push(entry);
    else {
      const suffix = entry.side === 'suffix';
      let node = suffix ? this.suffixes : this.prefixes;
      for (let i = 0; i < entry.anchor; i++) {
        const ch = pattern.charCodeAt(suffix ? pattern.length - 1 - i : i);
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
      return true;
    }
    const suffix = entry.side === 'suffix';
    const path: Array<TrieNode<S>> = [suffix ? this.suffixes : this.prefixes];
    for (let i = 0; i < entry.anchor; i++) {
      const ch = pattern.charCodeAt(suffix ? pattern.length - 1 - i : i);
      path.push(path[i].children!.get(ch)!);
    }
    const leaf = path[path.length - 1];
    removeFrom(leaf.entries!, entry);
    if (leaf.entries!.length === 0) leaf.entries = null;
    // Prune nodes left with neither entries nor children, deepest first.
    for (let i = path.length - 1; i > 0; i--) {
      const node = path[i];
      if (node.entries !== null || (node.children !== null && node.children.size !== 0)) break;
      const ch = pattern.charCodeAt(suffix ? pattern.length - i : i - 1);
      path[i - 1].children!.delete(ch);
    }
    return true;
  }

  /** Appends to `out` every entry whose pattern matches channel; returns how many were appended. */
  match(channel: string, out: Array<PatternEntry<S>>): number {
    const start = out.length;
    const len = channel.length;
    for (let i = 0; i < this.unanchored.length; i++) {
      const e = this.unanchored[i];
      if (e.shape === PREFIX_STAR ? len > 0 : globMatch(e.pattern, channel)) out.push(e);
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

  /** Every registered pattern (registration order within each group). */
  keys(): IterableIterator<string> {
    return this.byPattern.keys();
  }
}

function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) {
    list[i] = list[list.length - 1];
    list.pop();
  }
}

function isMeta(c: number): boolean {
  return c === 0x2a /* * */ || c === 0x3f /* ? */ || c === 0x5b /* [ */ || c === 0x5c /* \ */;
}

/** Decides where a pattern is indexed and how its candidates are confirmed. */
function classify<S>(pattern: string, subs: Set<S>): PatternEntry<S> {
  const n = pattern.length;
  if (n === 0) return new PatternEntry(pattern, subs, GLOB, 'none', 0); // "" matches only ""
  let prefix = 0;
  while (prefix < n && !isMeta(pattern.charCodeAt(prefix))) prefix++;
  if (prefix === n) return new PatternEntry(pattern, subs, LITERAL, 'prefix', n);
  let rest = prefix;
  while (rest < n && pattern.charCodeAt(rest) === 0x2a) rest++;
  if (prefix > 0) return new PatternEntry(pattern, subs, rest === n ? PREFIX_STAR : GLOB, 'prefix', prefix);
  if (rest === n) return new PatternEntry(pattern, subs, PREFIX_STAR, 'none', 0); // "*", "**"...
  // Starts with a metacharacter. With only * and ? in it (no classes, no
  // escapes), the bytes after the last * or ? are literal and end every match.
  let suffixStart = n;
  let simple = true;
  for (let i = 0; i < n; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x5b || c === 0x5c) {
      simple = false;
      break;
    }
    if (c === 0x2a || c === 0x3f) suffixStart = i + 1;
  }
  if (!simple || suffixStart === n) return new PatternEntry(pattern, subs, GLOB, 'none', 0);
  let onlyStars = true;
  for (let i = 0; i < suffixStart; i++) if (pattern.charCodeAt(i) !== 0x2a) onlyStars = false;
  return new PatternEntry(pattern, subs, onlyStars ? STAR_SUFFIX : GLOB, 'suffix', n - suffixStart);
}
