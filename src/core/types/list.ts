// The list type: a ring-buffer deque of latin1 strings. Push and pop at
// either end are O(1) amortized, indexing (LINDEX, LSET) is O(1), ranges are
// O(k); inserting or removing in the middle shifts the shorter side.
import type { Collection } from '../keyspace.js';

const MIN_CAPACITY = 8;

/** A Redis list. */
export class ListValue implements Collection {
  readonly type = 'list' as const;
  private buf: Array<string | undefined>;
  private mask: number;
  private head = 0;
  private len = 0;

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY;
    while (cap < capacity) cap *= 2;
    this.buf = new Array<string | undefined>(cap);
    this.mask = cap - 1;
  }

  /** Builds a list holding `items` in order. */
  static from(items: readonly string[]): ListValue {
    const l = new ListValue(items.length);
    for (let i = 0; i < items.length; i++) l.buf[i] = items[i];
    l.len = items.length;
    return l;
  }

  get length(): number {
    return this.len;
  }

  /** Redis 7.0 stores every list as a quicklist, whatever its size. */
  encoding(): string {
    return 'quicklist';
  }

  clone(): ListValue {
    return ListValue.from(this.toArray());
  }

  pushHead(v: string): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = v;
    this.len++;
  }

  pushTail(v: string): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & this.mask] = v;
    this.len++;
  }

  /** Removes and returns the first element (undefined when empty). */
  popHead(): string | undefined {
    if (this.len === 0) return undefined;
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    this.maybeShrink();
    return v;
  }

  /** Removes and returns the last element (undefined when empty). */
  popTail(): string | undefined {
    if (this.len === 0) return undefined;
    const i = (this.head + this.len - 1) & this.mask;
    const v = this.buf[i];
    this.buf[i] = undefined;
    this.len--;
    this.maybeShrink();
    return v;
  }

  /** Element at index 0..length-1 (no negative indexes here). */
  at(i: number): string {
    return this.buf[(this.head + i) & this.mask]!;
  }

  /** Replaces the element at index 0..length-1. */
  setAt(i: number, v: string): void {
    this.buf[(this.head + i) & this.mask] = v;
  }

  /** Elements start..end inclusive (already clamped to the list), reversed if asked. */
  range(start: number, end: number, reverse = false): string[] {
    const n = end - start + 1;
    const out = new Array<string>(n);
    const buf = this.buf;
    const mask = this.mask;
    const base = this.head + start;
    if (reverse) for (let k = 0; k < n; k++) out[k] = buf[(base + n - 1 - k) & mask]!;
    else for (let k = 0; k < n; k++) out[k] = buf[(base + k) & mask]!;
    return out;
  }

  /** Every element in order. */
  toArray(): string[] {
    return this.len === 0 ? [] : this.range(0, this.len - 1);
  }

  /** Index of the first element equal to v, or -1. */
  indexOf(v: string): number {
    for (let i = 0; i < this.len; i++) if (this.at(i) === v) return i;
    return -1;
  }

  /** Inserts v so that it ends up at index i (0..length). */
  insertAt(i: number, v: string): void {
    if (i <= 0) return this.pushHead(v);
    if (i >= this.len) return this.pushTail(v);
    if (this.len === this.buf.length) this.grow();
    if (i < this.len - i) {
      // Shift the head side one slot to the left.
      this.head = (this.head - 1) & this.mask;
      for (let k = 0; k < i; k++) this.setAt(k, this.at(k + 1));
    } else {
      for (let k = this.len; k > i; k--) this.setAt(k, this.at(k - 1));
    }
    this.setAt(i, v);
    this.len++;
  }

  /** Drops `left` elements from the head and `right` from the tail. */
  trim(left: number, right: number): void {
    for (let k = 0; k < left && this.len > 0; k++) {
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) & this.mask;
      this.len--;
    }
    for (let k = 0; k < right && this.len > 0; k++) {
      const i = (this.head + this.len - 1) & this.mask;
      this.buf[i] = undefined;
      this.len--;
    }
    this.maybeShrink();
  }

  /**
   * Removes up to `limit` elements equal to v (0 = all), scanning from the
   * head, or from the tail when fromTail; returns how many were removed.
   */
  remove(v: string, limit: number, fromTail: boolean): number {
    const n = this.len;
    const keep = new Array<boolean>(n);
    let removed = 0;
    for (let k = 0; k < n; k++) {
      const i = fromTail ? n - 1 - k : k;
      const hit = (limit === 0 || removed < limit) && this.at(i) === v;
      keep[i] = !hit;
      if (hit) removed++;
    }
    if (removed === 0) return 0;
    let w = 0;
    for (let r = 0; r < n; r++) {
      if (!keep[r]) continue;
      if (w !== r) this.setAt(w, this.at(r));
      w++;
    }
    for (let k = w; k < n; k++) this.setAt(k, undefined as unknown as string);
    this.len = w;
    this.maybeShrink();
    return removed;
  }

  private grow(): void {
    this.relocate(this.buf.length * 2);
  }

  private maybeShrink(): void {
    const cap = this.buf.length;
    if (cap > 64 && this.len * 8 < cap) this.relocate(cap >> 2);
    else if (this.len === 0) this.head = 0;
  }

  private relocate(cap: number): void {
    const next = new Array<string | undefined>(cap);
    for (let k = 0; k < this.len; k++) next[k] = this.buf[(this.head + k) & this.mask];
    this.buf = next;
    this.mask = cap - 1;
    this.head = 0;
  }
}
