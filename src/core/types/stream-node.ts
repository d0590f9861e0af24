// Stream storage units. Entries are kept in nodes the way Redis keeps them in
// listpacks under a radix tree: a node is keyed by its first ("master") ID,
// remembers its master fields, and keeps deleted entries as tombstones until
// the whole node goes. Node boundaries decide approximate trimming, and
// tombstones count against stream-node-max-entries, as in Redis.
import { compareIds, type StreamId } from './stream-id.js';
import { LP_EMPTY_BYTES, int64Delta, lpIntBytes, lpStringBytes } from './stream-size.js';

/** Entry flag: deleted (a tombstone). */
export const ENTRY_DELETED = 1;
/** Entry flag: same field names as the node's master entry. */
export const ENTRY_SAMEFIELDS = 2;

/** One stream entry. */
export interface StreamEntry {
  readonly id: StreamId;
  /** field, value, field, value, ...: shared with replies, never mutated. */
  readonly fv: string[];
  flags: number;
}

/** A radix-tree node: a run of consecutive entries sharing a master entry. */
export class StreamNode {
  readonly entries: StreamEntry[] = [];
  /** Live (not deleted) entries. */
  live = 0;
  /** Tombstones. */
  deleted = 0;
  /** Listpack bytes except the live/deleted counters (which change size as they grow). */
  private body: number;

  constructor(readonly master: StreamId, readonly masterFields: string[]) {
    let body = LP_EMPTY_BYTES + lpIntBytes(masterFields.length) + 2; // + the zero terminator
    for (const f of masterFields) body += lpStringBytes(f);
    this.body = body;
  }

  /** The listpack size Redis would report for this node (lpBytes). */
  get bytes(): number {
    return this.body + lpIntBytes(this.live) + lpIntBytes(this.deleted);
  }

  /** Appends an entry (its ID is greater than every ID in the node). */
  append(id: StreamId, fv: string[]): StreamEntry {
    const numFields = fv.length >> 1;
    const mf = this.masterFields;
    let same = numFields === mf.length;
    for (let i = 0; same && i < numFields; i++) if (fv[i * 2] !== mf[i]) same = false;
    let bytes = 2 /* flags */ + lpIntBytes(int64Delta(id.ms, this.master.ms)) + lpIntBytes(int64Delta(id.seq, this.master.seq));
    for (let i = same ? 1 : 0; i < fv.length; i += same ? 2 : 1) bytes += lpStringBytes(fv[i]);
    let lpCount = numFields + 3;
    if (!same) {
      bytes += lpIntBytes(numFields);
      lpCount += numFields + 1;
    }
    bytes += lpIntBytes(lpCount);
    this.body += bytes;
    const e: StreamEntry = { id, fv, flags: same ? ENTRY_SAMEFIELDS : 0 };
    this.entries.push(e);
    this.live++;
    return e;
  }

  /** Marks a live entry deleted. */
  markDeleted(e: StreamEntry): void {
    e.flags |= ENTRY_DELETED;
    this.live--;
    this.deleted++;
  }

  /** Index of the first entry with ID >= id (entries.length if none). */
  lowerBound(id: StreamId): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds(entries[mid].id, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last entry, tombstone or not. */
  lastEntry(): StreamEntry {
    return this.entries[this.entries.length - 1];
  }

  /** A copy with copied entry flags (IDs and field arrays are immutable and shared). */
  clone(): StreamNode {
    const n = new StreamNode(this.master, this.masterFields);
    n.body = this.body;
    n.live = this.live;
    n.deleted = this.deleted;
    for (const e of this.entries) n.entries.push({ id: e.id, fv: e.fv, flags: e.flags });
    return n;
  }
}
