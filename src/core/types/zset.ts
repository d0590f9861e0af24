// The sorted set type: member -> node map plus a skiplist ordered by
// (score, member bytes). One structure serves both of Redis's encodings;
// `listpack` only tracks which one Redis would be using, following Redis
// 7.0's conversion points so OBJECT ENCODING answers the same.
import type { Collection } from '../keyspace.js';
import { SkipList, type SkipNode } from './skiplist.js';

/** zset-max-listpack-entries / zset-max-listpack-value as read at mutation time. */
export interface ZsetLimits {
  maxEntries: number;
  maxValue: number;
}

/** Input flags of add() (ZADD options). */
export const ZADD_INCR = 1;
export const ZADD_NX = 2;
export const ZADD_XX = 4;
export const ZADD_GT = 8;
export const ZADD_LT = 16;

/** Outcome of add(). */
export const enum AddResult {
  /** The element was added. */
  Added,
  /** The element's score changed. */
  Updated,
  /** Present with the same score (or zero increment): nothing changed, but it counts as processed. */
  Same,
  /** Skipped because of NX / XX / GT / LT. */
  Nop,
  /** The increment produced NaN. */
  Nan,
}

/** A sorted set value. */
export class ZSetValue implements Collection {
  readonly type = 'zset' as const;
  readonly dict = new Map<string, SkipNode>();
  readonly zsl = new SkipList();
  /** Nodes in slot order (swap-remove): O(1) uniform random member. */
  private readonly nodes: SkipNode[] = [];
  /** Score after the last add() that did not return Nop/Nan (ZADD INCR's reply). */
  lastScore = 0;

  /** `listpack`: the encoding Redis would give a new set of this shape. */
  constructor(public listpack: boolean) {}

  /** A new set encoded as ZADD would create it for its first member. */
  static forFirstMember(member: string, limits: ZsetLimits): ZSetValue {
    return new ZSetValue(limits.maxEntries !== 0 && member.length <= limits.maxValue);
  }

  encoding(): string {
    return this.listpack ? 'listpack' : 'skiplist';
  }

  get size(): number {
    return this.dict.size;
  }

  /** Score of member, or undefined. */
  score(member: string): number | undefined {
    const n = this.dict.get(member);
    return n === undefined ? undefined : n.score;
  }

  /** Redis zsetAdd: adds or updates member per the ZADD_* flags; the new score is left in lastScore. */
  add(score: number, member: string, flags: number, limits: ZsetLimits): AddResult {
    if (score !== score) return AddResult.Nan;
    const node = this.dict.get(member);
    if (node !== undefined) {
      if ((flags & ZADD_NX) !== 0) return AddResult.Nop;
      const cur = node.score;
      if ((flags & ZADD_INCR) !== 0) {
        score += cur;
        if (score !== score) return AddResult.Nan;
      }
      if (((flags & ZADD_LT) !== 0 && score >= cur) || ((flags & ZADD_GT) !== 0 && score <= cur)) return AddResult.Nop;
      this.lastScore = score;
      if (score === cur) return AddResult.Same;
      const moved = this.zsl.updateScore(node, this.stored(score));
      if (moved !== node) {
        moved.slot = node.slot;
        this.nodes[node.slot] = moved;
        this.dict.set(member, moved);
      }
      return AddResult.Updated;
    }
    if ((flags & ZADD_XX) !== 0) return AddResult.Nop;
    if (this.listpack && (this.dict.size + 1 > limits.maxEntries || member.length > limits.maxValue)) this.listpack = false;
    this.link(this.zsl.insert(this.stored(score), member));
    this.lastScore = score;
    return AddResult.Added;
  }

  /** Inserts a member known to be absent, keeping the encoding flag as add() would. */
  insertNew(score: number, member: string, limits: ZsetLimits): void {
    if (this.listpack && (this.dict.size + 1 > limits.maxEntries || member.length > limits.maxValue)) this.listpack = false;
    this.link(this.zsl.insert(this.stored(score), member));
  }

  /** A listpack stores integral scores as integers, so -0 comes back as 0. */
  private stored(score: number): number {
    return this.listpack && score === 0 ? 0 : score;
  }

  private link(n: SkipNode): void {
    n.slot = this.nodes.length;
    this.nodes.push(n);
    this.dict.set(n.member, n);
  }

  private unlinkSlot(n: SkipNode): void {
    const last = this.nodes.pop()!;
    if (n.slot < this.nodes.length) {
      this.nodes[n.slot] = last;
      last.slot = n.slot;
    }
    this.dict.delete(n.member);
  }

  /** Removes member; true if it was there. */
  delete(member: string): boolean {
    const n = this.dict.get(member);
    if (n === undefined) return false;
    this.unlinkSlot(n);
    this.zsl.remove(n);
    return true;
  }

  /** Removes a node already unlinked from the skiplist (range deletes) from the map and slots. */
  forget(n: SkipNode): void {
    this.unlinkSlot(n);
  }

  /** A uniformly random node (the set must not be empty). */
  random(): SkipNode {
    return this.nodes[Math.floor(Math.random() * this.nodes.length)];
  }

  /** A live iterator over the members (ZSCAN: survives mutations, see core/scan.ts). */
  liveMembers(): IterableIterator<string> {
    return this.dict.keys();
  }

  /** 0-based rank of member (from the top when reverse), or -1. */
  rank(member: string, reverse: boolean): number {
    const n = this.dict.get(member);
    if (n === undefined) return -1;
    const r = this.zsl.rankOf(n.score, member);
    return reverse ? this.dict.size - r : r - 1;
  }

  /** Node at 0-based rank (ascending). */
  at(rank: number): SkipNode | null {
    return this.zsl.byRank(rank + 1);
  }

  /**
   * After a store command built this set as a skiplist: back to listpack when
   * small enough (Redis's zsetConvertToListpackIfNeeded).
   */
  shrinkIfSmall(limits: ZsetLimits): void {
    if (this.listpack) return;
    let maxLen = 0;
    for (const m of this.dict.keys()) if (m.length > maxLen) maxLen = m.length;
    if (this.dict.size <= limits.maxEntries && maxLen <= limits.maxValue) {
      this.listpack = true;
      // -0 and 0 compare equal, so normalizing in place keeps the order.
      for (let n = this.zsl.first(); n !== null; n = n.next[0]) if (n.score === 0) n.score = 0;
    }
  }

  clone(): ZSetValue {
    const z = new ZSetValue(this.listpack);
    // Insert from the highest down: every insert lands at the head.
    for (let n = this.zsl.tail; n !== null; n = n.backward) z.link(z.zsl.insert(n.score, n.member));
    return z;
  }
}
