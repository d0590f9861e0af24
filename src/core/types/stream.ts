// The stream data type: entries ordered by ID in listpack-like nodes, the
// stream's counters (last generated ID, entries added, first entry, largest
// deleted ID) and its consumer groups. Commands live in src/commands/streams*.ts.
import type { Collection } from '../keyspace.js';
import { MAX_ID, MIN_ID, U64_MAX, StreamId, compareIds } from './stream-id.js';
import { ENTRY_DELETED, StreamNode, type StreamEntry } from './stream-node.js';
import { ConsumerGroup } from './stream-group.js';
import { radixTreeNodes } from './stream-size.js';

export { StreamId } from './stream-id.js';
export type { StreamEntry } from './stream-node.js';

/** Listpacks never grow past 1 GiB, whatever stream-node-max-bytes says. */
const LISTPACK_MAX_SIZE = 1 << 30;

/** Node limits (stream-node-max-bytes / stream-node-max-entries; 0 = no limit). */
export interface NodeLimits {
  maxBytes: number;
  maxEntries: number;
}

/** Why append() refused an entry. */
export const AppendError = {
  /** The ID is not greater than the last generated one. */
  IdTooSmall: 1,
  /** The fields are too large, or an "<ms>-*" sequence would overflow (Redis reports both alike). */
  TooLarge: 2,
} as const;
export type AppendError = (typeof AppendError)[keyof typeof AppendError];

/** Trimming request (XADD/XTRIM options). */
export interface TrimSpec {
  /** Trim by length (MAXLEN) when minId is null, else by ID (MINID). */
  maxLen: number;
  minId: StreamId | null;
  /** Only whole nodes are removed ('~'). */
  approx: boolean;
  /** Maximum entries removed; 0 = unlimited. */
  limit: number;
}

/** A Redis stream. */
export class Stream implements Collection {
  readonly type = 'stream' as const;
  readonly nodes: StreamNode[] = [];
  /** Live entries. */
  length = 0;
  lastId: StreamId = MIN_ID;
  /** First live entry ID as Redis records it (0-0 when empty). */
  firstId: StreamId = MIN_ID;
  maxDeletedId: StreamId = MIN_ID;
  /** Every entry ever added (XSETID may set it). */
  entriesAdded = 0n;
  groups: Map<string, ConsumerGroup> | null = null;
  /**
   * Bumped when Redis would signal blocked readers (XADD, XGROUP DESTROY):
   * other writes touch the key too, but must not wake an XREAD.
   */
  signals = 0;

  encoding(): string {
    return 'stream';
  }

  // ---- adding ---------------------------------------------------------------

  /**
   * Appends fields (flat field/value list) with an ID: generated from `now`
   * when useId is null, the given one, or useId.ms with the next sequence
   * when seqGiven is false. Returns the new ID or why it failed.
   */
  append(fv: string[], useId: StreamId | null, seqGiven: boolean, now: number, limits: NodeLimits): StreamId | AppendError {
    const last = this.lastId;
    let id: StreamId;
    if (useId === null) {
      const ms = BigInt(now);
      if (ms > last.ms) id = new StreamId(ms, 0n);
      else if (last.seq !== U64_MAX) id = new StreamId(last.ms, last.seq + 1n);
      else if (last.ms !== U64_MAX) id = new StreamId(last.ms + 1n, 0n);
      else return AppendError.IdTooSmall;
    } else if (seqGiven || useId.ms !== last.ms) {
      id = useId;
    } else {
      if (last.seq === U64_MAX) return AppendError.TooLarge;
      id = new StreamId(last.ms, last.seq + 1n);
    }
    if (compareIds(id, last) <= 0) return AppendError.IdTooSmall;
    let total = 0;
    for (let i = 0; i < fv.length; i++) total += fv[i].length;
    if (total > LISTPACK_MAX_SIZE) return AppendError.TooLarge;

    let node: StreamNode | undefined = this.nodes[this.nodes.length - 1];
    if (node !== undefined) {
      const maxBytes = limits.maxBytes === 0 || limits.maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : limits.maxBytes;
      if (node.bytes + total >= maxBytes) node = undefined;
      else if (limits.maxEntries !== 0 && node.live + node.deleted >= limits.maxEntries) node = undefined;
    }
    if (node === undefined) {
      const fields: string[] = new Array(fv.length >> 1);
      for (let i = 0; i < fields.length; i++) fields[i] = fv[i * 2];
      node = new StreamNode(id, fields);
      this.nodes.push(node);
    }
    node.append(id, fv);
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
    if (this.length === 1) this.firstId = id;
    return id;
  }

  // ---- lookups and iteration --------------------------------------------------

  /** Index of the last node whose master ID is <= id, or -1. */
  private nodeAtOrBefore(id: StreamId): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds(nodes[mid].master, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The live entry with exactly this ID. */
  get(id: StreamId): StreamEntry | undefined {
    const ni = this.nodeAtOrBefore(id);
    if (ni < 0) return undefined;
    const node = this.nodes[ni];
    const i = node.lowerBound(id);
    const e = node.entries[i];
    return e !== undefined && (e.flags & ENTRY_DELETED) === 0 && compareIds(e.id, id) === 0 ? e : undefined;
  }

  /**
   * Live entries with start <= ID <= end, ascending (descending when rev),
   * at most count of them (0 = all).
   */
  range(start: StreamId, end: StreamId, count: number, rev: boolean): StreamEntry[] {
    const out: StreamEntry[] = [];
    if (compareIds(start, end) > 0) return out;
    const nodes = this.nodes;
    if (!rev) {
      let ni = Math.max(0, this.nodeAtOrBefore(start));
      let i = ni < nodes.length ? nodes[ni].lowerBound(start) : 0;
      for (; ni < nodes.length; ni++, i = 0) {
        const entries = nodes[ni].entries;
        for (; i < entries.length; i++) {
          const e = entries[i];
          if ((e.flags & ENTRY_DELETED) !== 0) continue;
          if (compareIds(e.id, end) > 0) return out;
          out.push(e);
          if (out.length === count) return out;
        }
      }
    } else {
      let ni = this.nodeAtOrBefore(end);
      if (ni < 0) return out;
      let i = nodes[ni].lowerBound(end);
      if (i === nodes[ni].entries.length || compareIds(nodes[ni].entries[i].id, end) > 0) i--;
      for (; ni >= 0; ni--, i = ni >= 0 ? nodes[ni].entries.length - 1 : 0) {
        const entries = nodes[ni].entries;
        for (; i >= 0; i--) {
          const e = entries[i];
          if ((e.flags & ENTRY_DELETED) !== 0) continue;
          if (compareIds(e.id, start) < 0) return out;
          out.push(e);
          if (out.length === count) return out;
        }
      }
    }
    return out;
  }

  /** ID of the first live entry (firstOrLast) or the last one; null when empty. */
  edgeId(first: boolean): StreamId | null {
    if (this.length === 0) return null;
    const e = this.range(MIN_ID, MAX_ID, 1, !first);
    return e.length === 0 ? null : e[0].id;
  }

  /** The last live entry's ID (streamLastValidID); 0-0 when empty. */
  lastValidId(): StreamId {
    return this.edgeId(false) ?? MIN_ID;
  }

  // ---- deleting -------------------------------------------------------------

  /** Deletes the live entry with this ID (XDEL); true if there was one. */
  delete(id: StreamId): boolean {
    const ni = this.nodeAtOrBefore(id);
    if (ni < 0) return false;
    const node = this.nodes[ni];
    const e = node.entries[node.lowerBound(id)];
    if (e === undefined || (e.flags & ENTRY_DELETED) !== 0 || compareIds(e.id, id) !== 0) return false;
    // The last live entry of a node takes the node (and its tombstones) with it.
    if (node.live === 1) this.nodes.splice(ni, 1);
    else node.markDeleted(e);
    this.length--;
    return true;
  }

  /** Trims from the head as XADD/XTRIM do; returns how many entries were removed. */
  trim(spec: TrimSpec): number {
    const byLen = spec.minId === null;
    const minId = spec.minId ?? MIN_ID;
    const limit = spec.limit;
    let removed = 0;
    const nodes = this.nodes;
    let ni = 0;
    while (ni < nodes.length) {
      if (byLen && this.length <= spec.maxLen) break;
      const node = nodes[ni];
      const entries = node.live;
      if (limit !== 0 && removed + entries > limit) break;
      const removeNode = byLen ? this.length - entries >= spec.maxLen : compareIds(node.lastEntry().id, minId) < 0;
      if (removeNode) {
        ni++;
        this.length -= entries;
        removed += entries;
        continue;
      }
      if (spec.approx) break;
      // Mark entries deleted inside this node; Redis never needs to look further.
      for (const e of node.entries) {
        if (byLen ? this.length <= spec.maxLen : compareIds(e.id, minId) >= 0) break;
        if ((e.flags & ENTRY_DELETED) === 0) {
          node.markDeleted(e);
          this.length--;
          removed++;
        }
      }
      break;
    }
    if (ni > 0) nodes.splice(0, ni);
    if (this.length === 0) this.firstId = MIN_ID;
    else if (removed !== 0) this.firstId = this.edgeId(true)!;
    return removed;
  }

  // ---- consumer groups --------------------------------------------------------

  /** The group called name. */
  group(name: string): ConsumerGroup | undefined {
    return this.groups === null ? undefined : this.groups.get(name);
  }

  /** Creates a group; undefined when the name is taken. */
  createGroup(name: string, lastId: StreamId, entriesRead: bigint): ConsumerGroup | undefined {
    if (this.groups === null) this.groups = new Map();
    if (this.groups.has(name)) return undefined;
    const g = new ConsumerGroup(name, lastId, entriesRead);
    this.groups.set(name, g);
    return g;
  }

  /** Removes a group; true if it existed. */
  destroyGroup(name: string): boolean {
    return this.groups !== null && this.groups.delete(name);
  }

  /** Groups in name order. */
  sortedGroups(): ConsumerGroup[] {
    if (this.groups === null) return [];
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** True when a deleted entry may lie in [start, end] (the read counter cannot be trusted there). */
  rangeHasTombstones(start: StreamId, end: StreamId = MAX_ID): boolean {
    if (this.length === 0 || this.maxDeletedId.isZero()) return false;
    if (compareIds(this.firstId, this.maxDeletedId) > 0) return false;
    return compareIds(start, this.maxDeletedId) <= 0 && compareIds(this.maxDeletedId, end) <= 0;
  }

  /** The logical read counter of id (entries from the first ever to id), or -1n when unknowable. */
  estimateDistance(id: StreamId): bigint {
    if (this.entriesAdded === 0n) return 0n;
    const cmpLast = compareIds(id, this.lastId);
    if (this.length === 0 && cmpLast < 1) return this.entriesAdded;
    if (cmpLast === 0) return this.entriesAdded;
    if (cmpLast > 0) return -1n;
    if (this.maxDeletedId.isZero() || compareIds(this.maxDeletedId, this.firstId) < 0) {
      const cmpFirst = compareIds(id, this.firstId);
      if (cmpFirst < 0) return this.entriesAdded - BigInt(this.length);
      if (cmpFirst === 0) return this.entriesAdded - BigInt(this.length) + 1n;
    }
    return -1n;
  }

  /** Entries not yet delivered to the group, or null when that cannot be told. */
  lag(g: ConsumerGroup): bigint | null {
    if (this.entriesAdded === 0n) return 0n;
    if (g.entriesRead !== -1n && !this.rangeHasTombstones(g.lastId)) return this.entriesAdded - g.entriesRead;
    const read = this.estimateDistance(g.lastId);
    return read === -1n ? null : this.entriesAdded - read;
  }

  /** XINFO radix-tree-keys: number of nodes. */
  get radixTreeKeys(): number {
    return this.nodes.length;
  }

  /** XINFO radix-tree-nodes: nodes of the radix tree Redis would hold. */
  radixTreeNodes(): number {
    return radixTreeNodes(this.nodes.map((n) => n.master));
  }

  // ---- Collection -------------------------------------------------------------

  clone(): Stream {
    const s = new Stream();
    for (const n of this.nodes) s.nodes.push(n.clone());
    s.length = this.length;
    s.lastId = this.lastId;
    s.firstId = this.firstId;
    s.maxDeletedId = this.maxDeletedId;
    s.entriesAdded = this.entriesAdded;
    if (this.groups !== null) {
      s.groups = new Map();
      for (const [name, g] of this.groups) s.groups.set(name, g.clone());
    }
    return s;
  }
}
