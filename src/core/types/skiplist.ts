// A skiplist with spans (as in Redis's t_zset.c design): elements ordered by
// score, then by member bytes; O(log n) insert, delete, rank and
// rank -> element. Members are latin1 strings, so JS string comparison is
// exactly memcmp on the bytes.

const MAX_LEVEL = 32;
const P = 0.25;

/** One element of the list; `next[i]` / `span[i]` are the forward links per level. */
export class SkipNode {
  backward: SkipNode | null = null;
  /** Position in the owner's dense node array (random picks). */
  slot = 0;
  readonly next: Array<SkipNode | null>;
  readonly span: number[];
  constructor(public score: number, readonly member: string, level: number) {
    this.next = new Array<SkipNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

/** A score range; `minEx`/`maxEx` make the bound exclusive. */
export interface ScoreRange {
  min: number;
  max: number;
  minEx: boolean;
  maxEx: boolean;
}

/** A lex bound: a member string, or '-' (below everything) / '+' (above everything). */
export const LEX_MIN = 0;
export const LEX_MAX = 1;
export type LexBound = string | typeof LEX_MIN | typeof LEX_MAX;

/** A lex range as ZRANGEBYLEX parses it; `minEx`/`maxEx` make a bound exclusive. */
export interface LexRange {
  min: LexBound;
  max: LexBound;
  minEx: boolean;
  maxEx: boolean;
}

/** Orders (score, member) pairs as Redis does; negative if a < b. */
export function compareEntry(s1: number, m1: string, s2: number, m2: string): number {
  if (s1 < s2) return -1;
  if (s1 > s2) return 1;
  return m1 < m2 ? -1 : m1 > m2 ? 1 : 0;
}

/** score >= min (or > when exclusive). */
export function gteMin(v: number, r: ScoreRange): boolean {
  return r.minEx ? v > r.min : v >= r.min;
}

/** score <= max (or < when exclusive). */
export function lteMax(v: number, r: ScoreRange): boolean {
  return r.maxEx ? v < r.max : v <= r.max;
}

function cmpLex(a: LexBound, b: LexBound): number {
  if (a === b) return 0;
  if (a === LEX_MIN || b === LEX_MAX) return -1;
  if (a === LEX_MAX || b === LEX_MIN) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** member >= min (or > when exclusive) in lex order. */
export function lexGteMin(m: string, r: LexRange): boolean {
  const c = cmpLex(m, r.min);
  return r.minEx ? c > 0 : c >= 0;
}

/** member <= max (or < when exclusive) in lex order. */
export function lexLteMax(m: string, r: LexRange): boolean {
  const c = cmpLex(m, r.max);
  return r.maxEx ? c < 0 : c <= 0;
}

/** True when no string can be in the range (min above max, or equal with an exclusive end). */
export function lexRangeEmpty(r: LexRange): boolean {
  const c = cmpLex(r.min, r.max);
  return c > 0 || (c === 0 && (r.minEx || r.maxEx));
}

function randomLevel(): number {
  let level = 1;
  while (level < MAX_LEVEL && Math.random() < P) level++;
  return level;
}

/** The ordered index of a sorted set. */
export class SkipList {
  readonly head = new SkipNode(0, '', MAX_LEVEL);
  tail: SkipNode | null = null;
  length = 0;
  level = 1;
  // Scratch arrays reused by every update to avoid allocating per call.
  private readonly update: SkipNode[] = new Array<SkipNode>(MAX_LEVEL);
  private readonly rank: number[] = new Array<number>(MAX_LEVEL).fill(0);

  /** First element (lowest), or null. */
  first(): SkipNode | null {
    return this.head.next[0];
  }

  /** Inserts a member that is not present; returns its node. */
  insert(score: number, member: string): SkipNode {
    const update = this.update;
    const rank = this.rank;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : rank[i + 1];
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        rank[i] += x.span[i];
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    const level = randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.length;
      }
      this.level = level;
    }
    const node = new SkipNode(score, member, level);
    for (let i = 0; i < level; i++) {
      const u = update[i];
      node.next[i] = u.next[i];
      u.next[i] = node;
      node.span[i] = u.span[i] - (rank[0] - rank[i]);
      u.span[i] = rank[0] - rank[i] + 1;
    }
    for (let i = level; i < this.level; i++) update[i].span[i]++;
    node.backward = update[0] === this.head ? null : update[0];
    if (node.next[0] !== null) node.next[0].backward = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  private unlink(x: SkipNode, update: SkipNode[]): void {
    for (let i = 0; i < this.level; i++) {
      const u = update[i];
      if (u.next[i] === x) {
        u.span[i] += x.span[i] - 1;
        u.next[i] = x.next[i];
      } else {
        u.span[i] -= 1;
      }
    }
    const after = x.next[0];
    if (after !== null) after.backward = x.backward;
    else this.tail = x.backward;
    while (this.level > 1 && this.head.next[this.level - 1] === null) this.level--;
    this.length--;
  }

  /** Fills `update` with the last node before (score, member) on each level. */
  private findUpdate(score: number, member: string): SkipNode {
    const update = this.update;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    return x;
  }

  /** Removes (score, member); true if it was there. */
  delete(score: number, member: string): boolean {
    const x = this.findUpdate(score, member).next[0];
    if (x === null || x.score !== score || x.member !== member) return false;
    this.unlink(x, this.update);
    return true;
  }

  /** Changes the score of a present member; returns its (possibly new) node. */
  updateScore(node: SkipNode, newScore: number): SkipNode {
    const prev = node.backward;
    const next = node.next[0];
    // Still in place: update without relinking.
    if ((prev === null || prev.score < newScore || (prev.score === newScore && prev.member < node.member)) &&
        (next === null || next.score > newScore || (next.score === newScore && next.member > node.member))) {
      node.score = newScore;
      return node;
    }
    this.delete(node.score, node.member);
    return this.insert(newScore, node.member);
  }

  /** 1-based rank of (score, member), 0 if absent. */
  rankOf(score: number, member: string): number {
    let x = this.head;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member <= member))) {
        rank += x.span[i];
        x = n;
        n = x.next[i];
      }
      if (x !== this.head && x.score === score && x.member === member) return rank;
    }
    return 0;
  }

  /** Node at 1-based rank, or null. */
  byRank(rank: number): SkipNode | null {
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && traversed + x.span[i] <= rank) {
        traversed += x.span[i];
        x = n;
        n = x.next[i];
      }
      if (traversed === rank) return x === this.head ? null : x;
    }
    return null;
  }

  /** True if some element may fall in the range (cheap bounds test). */
  private inRange(r: ScoreRange): boolean {
    if (r.min > r.max || (r.min === r.max && (r.minEx || r.maxEx))) return false;
    const t = this.tail;
    if (t === null || !gteMin(t.score, r)) return false;
    const f = this.head.next[0];
    return f !== null && lteMax(f.score, r);
  }

  /** First node whose score is in range, or null. */
  firstInRange(r: ScoreRange): SkipNode | null {
    if (!this.inRange(r)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && !gteMin(n.score, r)) {
        x = n;
        n = x.next[i];
      }
    }
    const f = x.next[0];
    return f !== null && lteMax(f.score, r) ? f : null;
  }

  /** Last node whose score is in range, or null. */
  lastInRange(r: ScoreRange): SkipNode | null {
    if (!this.inRange(r)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && lteMax(n.score, r)) {
        x = n;
        n = x.next[i];
      }
    }
    return x !== this.head && gteMin(x.score, r) ? x : null;
  }

  private inLexRange(r: LexRange): boolean {
    if (lexRangeEmpty(r)) return false;
    const t = this.tail;
    if (t === null || !lexGteMin(t.member, r)) return false;
    const f = this.head.next[0];
    return f !== null && lexLteMax(f.member, r);
  }

  /** First node whose member is in the lex range, or null. */
  firstInLexRange(r: LexRange): SkipNode | null {
    if (!this.inLexRange(r)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && !lexGteMin(n.member, r)) {
        x = n;
        n = x.next[i];
      }
    }
    const f = x.next[0];
    return f !== null && lexLteMax(f.member, r) ? f : null;
  }

  /** Last node whose member is in the lex range, or null. */
  lastInLexRange(r: LexRange): SkipNode | null {
    if (!this.inLexRange(r)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && lexLteMax(n.member, r)) {
        x = n;
        n = x.next[i];
      }
    }
    return x !== this.head && lexGteMin(x.member, r) ? x : null;
  }

  /** Removes the node (found by a previous lookup); O(log n). */
  remove(node: SkipNode): void {
    this.findUpdate(node.score, node.member);
    this.unlink(node, this.update);
  }

  /** Removes nodes of 1-based ranks start..end inclusive; calls onRemove for each. */
  deleteRankRange(start: number, end: number, onRemove: (n: SkipNode) => void): number {
    const update = this.update;
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && traversed + x.span[i] < start) {
        traversed += x.span[i];
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    traversed++;
    let cur = x.next[0];
    let removed = 0;
    while (cur !== null && traversed <= end) {
      const next = cur.next[0];
      this.unlink(cur, update);
      onRemove(cur);
      removed++;
      traversed++;
      cur = next;
    }
    return removed;
  }
}
