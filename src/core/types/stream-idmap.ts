// An ordered map keyed by stream ID: the pending entries lists (PELs) of
// consumer groups and consumers. Kept as a list of small sorted chunks, so
// inserting at the end (new deliveries) and deleting at the front (acks)
// stay cheap, and lookups are two binary searches.
import { compareIds, type StreamId } from './stream-id.js';

const CHUNK_MAX = 256;

interface Chunk<V> {
  keys: StreamId[];
  vals: V[];
}

/** Sorted StreamId -> V map. */
export class IdMap<V> {
  private chunks: Chunk<V>[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose last key is >= id (chunks.length if none). */
  private chunkFor(id: StreamId): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const keys = chunks[mid].keys;
      if (compareIds(keys[keys.length - 1], id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The value stored for id. */
  get(id: StreamId): V | undefined {
    const ci = this.chunkFor(id);
    if (ci === this.chunks.length) return undefined;
    const chunk = this.chunks[ci];
    const i = lowerBound(chunk.keys, id);
    return i < chunk.keys.length && compareIds(chunk.keys[i], id) === 0 ? chunk.vals[i] : undefined;
  }

  has(id: StreamId): boolean {
    return this.get(id) !== undefined;
  }

  /** Inserts id -> v unless id is present; true if inserted. */
  insertNew(id: StreamId, v: V): boolean {
    const chunks = this.chunks;
    if (chunks.length === 0) {
      chunks.push({ keys: [id], vals: [v] });
      this.count++;
      return true;
    }
    let ci = this.chunkFor(id);
    if (ci === chunks.length) ci--; // beyond every key: append to the last chunk
    const chunk = chunks[ci];
    const i = lowerBound(chunk.keys, id);
    if (i < chunk.keys.length && compareIds(chunk.keys[i], id) === 0) return false;
    if (i === chunk.keys.length) {
      chunk.keys.push(id);
      chunk.vals.push(v);
    } else {
      chunk.keys.splice(i, 0, id);
      chunk.vals.splice(i, 0, v);
    }
    this.count++;
    if (chunk.keys.length > CHUNK_MAX) {
      const half = chunk.keys.length >> 1;
      chunks.splice(ci + 1, 0, { keys: chunk.keys.splice(half), vals: chunk.vals.splice(half) });
    }
    return true;
  }

  /** Sets id -> v, replacing any previous value. */
  set(id: StreamId, v: V): void {
    if (this.insertNew(id, v)) return;
    const chunk = this.chunks[this.chunkFor(id)];
    chunk.vals[lowerBound(chunk.keys, id)] = v;
  }

  /** Removes id; returns its value, or undefined if it was absent. */
  delete(id: StreamId): V | undefined {
    const ci = this.chunkFor(id);
    if (ci === this.chunks.length) return undefined;
    const chunk = this.chunks[ci];
    const i = lowerBound(chunk.keys, id);
    if (i === chunk.keys.length || compareIds(chunk.keys[i], id) !== 0) return undefined;
    const v = chunk.vals[i];
    if (i === 0) {
      chunk.keys.shift();
      chunk.vals.shift();
    } else {
      chunk.keys.splice(i, 1);
      chunk.vals.splice(i, 1);
    }
    if (chunk.keys.length === 0) this.chunks.splice(ci, 1);
    this.count--;
    return v;
  }

  /** The smallest key, or undefined when empty. */
  firstKey(): StreamId | undefined {
    return this.chunks.length === 0 ? undefined : this.chunks[0].keys[0];
  }

  /** The largest key, or undefined when empty. */
  lastKey(): StreamId | undefined {
    if (this.chunks.length === 0) return undefined;
    const keys = this.chunks[this.chunks.length - 1].keys;
    return keys[keys.length - 1];
  }

  /** The smallest key >= id (or > id when strict), or undefined. */
  ceilingKey(id: StreamId, strict = false): StreamId | undefined {
    const chunks = this.chunks;
    let ci = this.chunkFor(id);
    while (ci < chunks.length) {
      const keys = chunks[ci].keys;
      let i = lowerBound(keys, id);
      if (strict && i < keys.length && compareIds(keys[i], id) === 0) i++;
      if (i < keys.length) return keys[i];
      ci++;
    }
    return undefined;
  }

  /**
   * Calls fn(key, value) in key order for keys >= from, until fn returns
   * false. The map must not be changed while iterating.
   */
  forEachFrom(from: StreamId | null, fn: (key: StreamId, value: V) => boolean): void {
    const chunks = this.chunks;
    let ci = from === null ? 0 : this.chunkFor(from);
    if (ci === chunks.length) return;
    let i = from === null ? 0 : lowerBound(chunks[ci].keys, from);
    for (; ci < chunks.length; ci++, i = 0) {
      const { keys, vals } = chunks[ci];
      for (; i < keys.length; i++) if (!fn(keys[i], vals[i])) return;
    }
  }
}

/** First index in sorted keys whose key is >= id. */
function lowerBound(keys: StreamId[], id: StreamId): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(keys[mid], id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
