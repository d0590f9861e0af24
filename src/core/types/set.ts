// The set type: a dense member array plus member -> slot map, giving O(1)
// add, remove, membership and uniform random picks (SPOP, SRANDMEMBER).
// `intset` tracks the encoding Redis 7.0 would use: true while every
// member is a canonical int64 and the size stays within
// set-max-intset-entries; once false it stays false (no conversion back).
// While intset, members iterate in ascending numeric order as Redis's
// intset does, so SMEMBERS/SINTER/... replies come out in the same order.
import type { Collection } from '../keyspace.js';
import { parseInt64 } from '../int64.js';

/** True if s is an integer as Redis's string2ll accepts it (canonical, int64 range). */
export function isInt64String(s: string): boolean {
  return parseInt64(s) !== null;
}

/** Numeric order of two canonical int64 strings. */
export function compareIntStrings(a: string, b: string): number {
  const an = a.charCodeAt(0) === 45;
  const bn = b.charCodeAt(0) === 45;
  if (an !== bn) return an ? -1 : 1;
  let c = a.length - b.length;
  if (c === 0) c = a < b ? -1 : a > b ? 1 : 0;
  return an ? -c : c;
}

/** A set value. */
export class SetValue implements Collection {
  readonly type = 'set' as const;
  /** Members in slot order (slot = index). */
  private readonly items: string[] = [];
  private readonly slots = new Map<string, number>();
  /** Numeric order while intset; rebuilt lazily after a mutation. */
  private sorted: string[] | null = null;

  constructor(public intset: boolean) {}

  /** A new set encoded as Redis's setTypeCreate would for its first member. */
  static forFirstMember(member: string): SetValue {
    return new SetValue(isInt64String(member));
  }

  encoding(): string {
    return this.intset ? 'intset' : 'hashtable';
  }

  get size(): number {
    return this.items.length;
  }

  has(member: string): boolean {
    return this.slots.has(member);
  }

  /** Adds member; true if it was new. `maxIntset` is set-max-intset-entries. */
  add(member: string, maxIntset: number): boolean {
    if (this.slots.has(member)) return false;
    if (this.intset) {
      const limit = maxIntset >= 1 << 30 ? 1 << 30 : maxIntset;
      if (!isInt64String(member) || this.items.length + 1 > limit) this.intset = false;
      this.sorted = null;
    }
    this.slots.set(member, this.items.length);
    this.items.push(member);
    return true;
  }

  /** Removes member; true if it was there. */
  delete(member: string): boolean {
    const slot = this.slots.get(member);
    if (slot === undefined) return false;
    this.slots.delete(member);
    const last = this.items.pop()!;
    if (slot < this.items.length) {
      this.items[slot] = last;
      this.slots.set(last, slot);
    }
    this.sorted = null;
    return true;
  }

  /** A uniformly random member (the set must not be empty). */
  random(): string {
    return this.items[Math.floor(Math.random() * this.items.length)];
  }

  /** Removes and returns a uniformly random member (the set must not be empty). */
  pop(): string {
    const m = this.random();
    this.delete(m);
    return m;
  }

  /** Members in Redis's iteration order (numeric for intset). Do not mutate the result. */
  members(): readonly string[] {
    if (!this.intset) return this.items;
    if (this.sorted === null) this.sorted = this.items.slice().sort(compareIntStrings);
    return this.sorted;
  }

  /** A live iterator over the members (SSCAN: survives mutations, see core/scan.ts). */
  liveMembers(): IterableIterator<string> {
    return this.slots.keys();
  }

  clone(): SetValue {
    const s = new SetValue(this.intset);
    for (const m of this.items) {
      s.slots.set(m, s.items.length);
      s.items.push(m);
    }
    return s;
  }
}
