// The hash type: field -> value with insertion order, O(1) random access
// (HRANDFIELD) and stable scan cursors (HSCAN).
//
// Fields live in parallel slot arrays; deleting leaves a hole that a stable
// compaction removes later, so iteration order is insertion order (as a
// Redis listpack keeps it) and every live field keeps an increasing sequence
// number that HSCAN uses as its cursor, even across compactions.
import type { Collection } from '../keyspace.js';

/** hash-max-listpack-entries / hash-max-listpack-value, read once per command. */
export interface HashLimits {
  entries: number;
  value: number;
}

/** A Redis hash. */
export class HashValue implements Collection {
  readonly type = 'hash' as const;
  /** Field per slot; undefined marks a hole left by a deletion. */
  private fields: Array<string | undefined> = [];
  private values: string[] = [];
  /** Sequence number per slot (strictly increasing with the slot index). */
  private seqs: number[] = [];
  private readonly index = new Map<string, number>();
  private nextSeq = 1;
  private holes = 0;
  /** Redis converts listpack -> hashtable once and never back. */
  private listpack = true;

  /** Number of fields. */
  get size(): number {
    return this.index.size;
  }

  encoding(): string {
    return this.listpack ? 'listpack' : 'hashtable';
  }

  /** True while OBJECT ENCODING would say "listpack" (HSCAN then returns everything at once). */
  get isListpack(): boolean {
    return this.listpack;
  }

  /** Switches to "hashtable" for good (RESTORE of a big hash, DEBUG conversions). */
  convertToHashtable(): void {
    this.listpack = false;
  }

  clone(): HashValue {
    const h = new HashValue();
    h.listpack = this.listpack;
    this.forEach((f, v) => h.append(f, v));
    return h;
  }

  /** Value of field, or undefined. */
  get(field: string): string | undefined {
    const i = this.index.get(field);
    return i === undefined ? undefined : this.values[i];
  }

  has(field: string): boolean {
    return this.index.has(field);
  }

  /** Sets field to value; true if the field was created. Converts the encoding as Redis does. */
  set(field: string, value: string, limits: HashLimits): boolean {
    if (this.listpack && (field.length > limits.value || value.length > limits.value)) this.listpack = false;
    const i = this.index.get(field);
    if (i !== undefined) {
      this.values[i] = value;
      return false;
    }
    this.append(field, value);
    if (this.listpack && this.index.size > limits.entries) this.listpack = false;
    return true;
  }

  /** Removes field; true if it existed. */
  delete(field: string): boolean {
    const i = this.index.get(field);
    if (i === undefined) return false;
    this.index.delete(field);
    const last = this.fields.length - 1;
    if (i === last) {
      this.fields.pop();
      this.values.pop();
      this.seqs.pop();
      // Trailing holes are free to drop too.
      while (this.fields.length > 0 && this.fields[this.fields.length - 1] === undefined) {
        this.fields.pop();
        this.values.pop();
        this.seqs.pop();
        this.holes--;
      }
    } else {
      this.fields[i] = undefined;
      this.values[i] = '';
      this.holes++;
      if (this.holes > 16 && this.holes * 2 > this.fields.length) this.compact();
    }
    if (this.index.size === 0) this.reset();
    return true;
  }

  /** Calls fn for every field in order. */
  forEach(fn: (field: string, value: string) => void): void {
    const fields = this.fields;
    const values = this.values;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f !== undefined) fn(f, values[i]);
    }
  }

  /** Calls fn with the slot index of every field, in order. */
  forEachSlot(fn: (slot: number) => void): void {
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) if (fields[i] !== undefined) fn(i);
  }

  /** A uniformly random slot index holding a field (the hash must not be empty). */
  randomSlot(): number {
    const n = this.fields.length;
    for (;;) {
      const i = Math.floor(Math.random() * n);
      if (this.fields[i] !== undefined) return i;
    }
  }

  /** Field at a slot returned by randomSlot(). */
  fieldAt(slot: number): string {
    return this.fields[slot]!;
  }

  /** Value at a slot returned by randomSlot(). */
  valueAt(slot: number): string {
    return this.values[slot];
  }

  /**
   * Visits up to `count` fields whose sequence number is >= cursor, in order;
   * returns the cursor to continue from, or 0 when the walk is complete.
   */
  scan(cursor: number, count: number, fn: (field: string, value: string) => void): number {
    const seqs = this.seqs;
    // Binary search: the first slot whose sequence number is >= cursor.
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqs[mid] < cursor) lo = mid + 1;
      else hi = mid;
    }
    let visited = 0;
    for (let i = lo; i < seqs.length; i++) {
      const f = this.fields[i];
      if (f === undefined) continue;
      if (visited === count) return seqs[i];
      fn(f, this.values[i]);
      visited++;
    }
    return 0;
  }

  private append(field: string, value: string): void {
    this.index.set(field, this.fields.length);
    this.fields.push(field);
    this.values.push(value);
    this.seqs.push(this.nextSeq++);
  }

  /** Removes holes, keeping order and sequence numbers. */
  private compact(): void {
    const { fields, values, seqs } = this;
    let w = 0;
    for (let r = 0; r < fields.length; r++) {
      const f = fields[r];
      if (f === undefined) continue;
      if (w !== r) {
        fields[w] = f;
        values[w] = values[r];
        seqs[w] = seqs[r];
        this.index.set(f, w);
      }
      w++;
    }
    fields.length = w;
    values.length = w;
    seqs.length = w;
    this.holes = 0;
  }

  private reset(): void {
    this.fields = [];
    this.values = [];
    this.seqs = [];
    this.holes = 0;
  }
}
