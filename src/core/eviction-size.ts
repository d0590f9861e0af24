// The dataset size model behind used_memory and maxmemory. V8 cannot say how
// many bytes one key holds, and its heap figure counts garbage until the next
// GC, so eviction cannot measure what a delete freed the way Redis asks its
// allocator. Instead every key is charged an estimate calibrated on V8's
// object layout (Node 20, pointer compression off): a Map entry, string
// headers plus their bytes, and for collections a per-element overhead plus
// the mean size of a few sampled elements (as MEMORY USAGE samples in Redis).
// Estimates are deterministic for strings; a key's charge drops to zero the
// moment it is deleted, so eviction stops as soon as enough was freed.
// Calibrated with 200k-element workloads (strings with and without TTL,
// hashes, lists, sets, sorted sets, streams) against the growth of V8's heap
// after a full GC: every shape lands within 10% (most within 3%).
import type { Collection, Db, Value } from './keyspace.js';
import { HashValue } from './types/hash.js';
import { ListValue } from './types/list.js';
import { SetValue } from './types/set.js';
import { ZSetValue } from './types/zset.js';
import { Stream } from './types/stream.js';

/** A keyspace Map entry (key -> value), its share of the table's slack included (measured ~37 B). */
export const DICT_ENTRY_BYTES = 40;
/** A TTL: expires Map entry, the boxed deadline, and its slot in the deadline heap (measured ~33-53 B). */
export const TTL_ENTRY_BYTES = 48;
/** LRU/LFU metadata of one key under an LRU/LFU policy (access.ts: Map entry and boxed number). */
export const ACCESS_ENTRY_BYTES = 56;
/** A one-byte string's header with its average alignment padding. */
export const STRING_HEADER_BYTES = 20;

/** Fixed cost of a collection object (its fields, arrays and index Map headers). */
const COLLECTION_BASE_BYTES = 200;
// Per-element overheads besides the element strings themselves.
const LIST_ELEMENT_BYTES = 12; // ring-buffer slot, half empty on average
const SET_ELEMENT_BYTES = 48; // slot + index Map entry
const HASH_ELEMENT_BYTES = 64; // three slot arrays + index Map entry
const ZSET_ELEMENT_BYTES = 240; // SkipNode with its level arrays + dict entry + slot
const STREAM_ENTRY_BYTES = 210; // entry object, ID object, field/value array
const STREAM_GROUP_BYTES = 256;
/** Elements sampled to estimate a collection's mean element size. */
const SAMPLES = 5;

function str(s: string): number {
  return STRING_HEADER_BYTES + s.length;
}

/** Estimated bytes of a value, the key excluded (strings exactly by the model, collections sampled). */
export function valueBytes(v: Value): number {
  return typeof v === 'string' ? str(v) : collectionBytes(v);
}

/** Estimated bytes one key costs in its database: entry, key, value, TTL. */
export function keyBytes(key: string, v: Value, hasTtl: boolean): number {
  return DICT_ENTRY_BYTES + str(key) + valueBytes(v) + (hasTtl ? TTL_ENTRY_BYTES : 0);
}

/** Sampled size estimate of a collection. */
export function collectionBytes(v: Collection): number {
  if (v instanceof ListValue) {
    const n = v.length;
    if (n === 0) return COLLECTION_BASE_BYTES;
    // Evenly spaced positions: deterministic, and O(1) each.
    const k = Math.min(n, SAMPLES);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += str(v.at(k === 1 ? 0 : Math.floor((i * (n - 1)) / (k - 1))));
    return COLLECTION_BASE_BYTES + n * (LIST_ELEMENT_BYTES + sum / k);
  }
  if (v instanceof HashValue) {
    const n = v.size;
    if (n === 0) return COLLECTION_BASE_BYTES;
    const k = Math.min(n, SAMPLES);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const slot = v.randomSlot();
      sum += str(v.fieldAt(slot)) + str(v.valueAt(slot));
    }
    return COLLECTION_BASE_BYTES + n * (HASH_ELEMENT_BYTES + sum / k);
  }
  if (v instanceof SetValue) {
    const n = v.size;
    if (n === 0) return COLLECTION_BASE_BYTES;
    const k = Math.min(n, SAMPLES);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += str(v.random());
    return COLLECTION_BASE_BYTES + n * (SET_ELEMENT_BYTES + sum / k);
  }
  if (v instanceof ZSetValue) {
    const n = v.size;
    if (n === 0) return COLLECTION_BASE_BYTES;
    const k = Math.min(n, SAMPLES);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += str(v.random().member);
    return COLLECTION_BASE_BYTES + n * (ZSET_ELEMENT_BYTES + sum / k);
  }
  if (v instanceof Stream) {
    let bytes = COLLECTION_BASE_BYTES + (v.groups === null ? 0 : v.groups.size * STREAM_GROUP_BYTES);
    const nodes = v.nodes;
    if (nodes.length === 0) return bytes;
    // The newest node stands for all of them (streams are usually uniform).
    const last = nodes[nodes.length - 1].entries;
    const k = Math.min(last.length, SAMPLES);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const fv = last[last.length - 1 - i].fv;
      for (let j = 0; j < fv.length; j++) sum += str(fv[j]);
    }
    let entries = 0;
    for (let i = 0; i < nodes.length; i++) entries += nodes[i].entries.length;
    return bytes + entries * (STREAM_ENTRY_BYTES + (k === 0 ? 0 : sum / k));
  }
  return COLLECTION_BASE_BYTES;
}

/** The running total of a server's PayloadCounters: used_memory's dataset part in O(1). */
export interface DatasetTotal {
  bytes: number;
}

/**
 * The running size estimate of one database: entries, key and value strings,
 * TTLs, LRU/LFU metadata. Strings are charged by a pure function of key and
 * value, so no per-key record is kept; a collection's charge is recorded
 * against the object itself (a WeakMap, gone with the object) and refreshed
 * when the database is told it changed. Every change is mirrored into the
 * server-wide total, so used memory is one addition away.
 */
export class PayloadCounter {
  bytes = 0;
  private recorded = new WeakMap<Collection, number>();
  /** Per-key fixed cost: the Map entry, plus LRU/LFU metadata while tracked. */
  private entry: number;

  constructor(private readonly total: DatasetTotal, tracked: boolean) {
    this.entry = DICT_ENTRY_BYTES + (tracked ? ACCESS_ENTRY_BYTES : 0);
  }

  private add(n: number): void {
    this.bytes += n;
    this.total.bytes += n;
  }

  private charge(v: Value): number {
    if (typeof v === 'string') return str(v);
    let b = this.recorded.get(v);
    if (b === undefined) {
      b = collectionBytes(v);
      this.recorded.set(v, b);
    }
    return b;
  }

  /** key now holds value (old: what it held, if anything). */
  stored(key: string, old: Value | undefined, value: Value): void {
    let n = old === undefined ? this.entry + str(key) : -this.charge(old);
    if (typeof value !== 'string') this.recorded.delete(value); // re-measure: it may have changed in place
    n += this.charge(value);
    this.add(n);
  }

  /** key (holding old) was deleted; its TTL, if any, is reported separately (ttl(-1)). */
  removed(key: string, old: Value): void {
    this.add(-(this.entry + str(key) + this.charge(old)));
  }

  /** A TTL was added (+1) or dropped (-1). */
  ttl(delta: 1 | -1): void {
    this.add(delta * TTL_ENTRY_BYTES);
  }

  /** A collection was changed in place: re-estimate it. */
  changed(v: Collection): void {
    const before = this.recorded.get(v);
    if (before === undefined) return; // not charged here (not yet stored)
    const now = collectionBytes(v);
    this.recorded.set(v, now);
    this.add(now - before);
  }

  /** Forgets everything (FLUSHDB, accounting switched off). */
  clear(): void {
    this.add(-this.bytes);
    this.recorded = new WeakMap();
  }

  /** Charges every key from scratch (accounting switched on, LRU/LFU tracking switched). */
  recount(dict: Map<string, Value>, ttls: number, tracked: boolean): void {
    this.clear();
    this.entry = DICT_ENTRY_BYTES + (tracked ? ACCESS_ENTRY_BYTES : 0);
    let n = dict.size * this.entry + ttls * TTL_ENTRY_BYTES;
    for (const [key, v] of dict) n += str(key) + this.charge(v);
    this.add(n);
  }
}

/** Estimated bytes held by db's keyspace: the running counter, or a walk when accounting is off (same figure). */
export function datasetBytes(db: Db): number {
  return db.payload !== null ? db.payload.bytes : walkDatasetBytes(db);
}

/** What datasetBytes is by definition, computed by walking db (O(keys)). */
export function walkDatasetBytes(db: Db): number {
  const entry = DICT_ENTRY_BYTES + (db.access === null ? 0 : ACCESS_ENTRY_BYTES);
  return walkPayload(db.dict) + db.dict.size * entry + db.expires.size * TTL_ENTRY_BYTES;
}

/** Key and value bytes of dict, computed by walking it. */
export function walkPayload(dict: Map<string, Value>): number {
  let bytes = 0;
  for (const [key, v] of dict) bytes += str(key) + valueBytes(v);
  return bytes;
}
