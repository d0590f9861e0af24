// Deadline index: a binary min-heap of (deadline, key) for one database.
//
// Entries are never updated in place: a key whose TTL changed or vanished
// leaves a stale entry that is recognised (deadline no longer matches) and
// dropped when it reaches the top. The heap is rebuilt when stale entries
// outnumber live ones, so it stays O(keys with a TTL).

/** Min-heap of key deadlines (ms), with lazy deletion of stale entries. */
export class DeadlineHeap {
  private at: number[] = [];
  private keys: string[] = [];

  get size(): number {
    return this.at.length;
  }

  /** Adds a deadline for key. */
  push(deadline: number, key: string): void {
    const at = this.at, keys = this.keys;
    let i = at.length;
    at.push(deadline);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (at[parent] <= deadline) break;
      at[i] = at[parent];
      keys[i] = keys[parent];
      i = parent;
    }
    at[i] = deadline;
    keys[i] = key;
  }

  /** Earliest deadline, or Infinity when empty. */
  peekDeadline(): number {
    return this.at.length > 0 ? this.at[0] : Infinity;
  }

  /** Key of the earliest deadline (undefined when empty). */
  peekKey(): string | undefined {
    return this.keys[0];
  }

  /** Removes the earliest entry. */
  pop(): void {
    const at = this.at, keys = this.keys;
    const lastAt = at.pop()!;
    const lastKey = keys.pop()!;
    const n = at.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && at[r] < at[l] ? r : l;
      if (at[c] >= lastAt) break;
      at[i] = at[c];
      keys[i] = keys[c];
      i = c;
    }
    at[i] = lastAt;
    keys[i] = lastKey;
  }

  /** Replaces the contents with exactly the live deadlines. */
  rebuild(live: Map<string, number>): void {
    this.at = [];
    this.keys = [];
    for (const [key, deadline] of live) this.push(deadline, key);
  }

  clear(): void {
    this.at = [];
    this.keys = [];
  }
}
