// One logical database: keys -> values, optional TTLs, lazy expiry on access.
import { performance } from 'node:perf_hooks';
import { SystemClock, type Clock } from './clock.js';
import { DeadlineHeap } from './expiry.js';
import { NotifyClass, type KeyspaceEvents } from './notify.js';
import { AccessTracker } from './access.js';
import { PayloadCounter, type DatasetTotal } from './eviction-size.js';

export type TypeName = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

/** A non-string value (list, set, hash, ...): each data type implements this. */
export interface Collection {
  readonly type: Exclude<TypeName, 'string'>;
  /** OBJECT ENCODING name, as Redis would report it for this content. */
  encoding(): string;
  /** A deep copy (COPY). */
  clone(): Collection;
}

/** A stored value: strings are latin1 JS strings (one char per byte). */
export type Value = string | Collection;

/** TYPE of a value. */
export function typeOf(v: Value): TypeName {
  return typeof v === 'string' ? 'string' : v.type;
}

/** What a database needs from its server: time, keyspace events (notify), counters. */
export interface DbHost extends KeyspaceEvents {
  readonly clock: Clock;
  readonly stats: { expiredKeys: number; keyspaceHits: number; keyspaceMisses: number };
  /** Called when a key's value changed or it was deleted (WATCH, blocking ops). */
  keyTouched(db: Db, key: string): void;
  /** While true (CLIENT PAUSE), expired keys read as missing but are not deleted. */
  readonly expiryPaused?: boolean;
}

/** One numbered database. */
export class Db {
  // Not readonly: SWAPDB exchanges these containers between two Db objects in O(1).
  dict = new Map<string, Value>();
  /** key -> absolute deadline in ms, only for keys with a TTL. */
  expires = new Map<string, number>();
  deadlines = new DeadlineHeap();
  /** Keys some client WATCHes or blocks on; touch() is a no-op for the rest. */
  readonly watched = new Set<string>();
  /** Persistent iterator used by randomKey() to walk the dict in random strides. */
  private randomIter: IterableIterator<string> | null = null;
  /** LRU/LFU metadata, only under an LRU/LFU maxmemory-policy (see access.ts); null costs nothing per key. */
  access: AccessTracker | null = null;
  /**
   * Keys whose string Redis would hold as a "raw" object although it is short
   * (modified in place: APPEND, SETRANGE, SETBIT ...), for OBJECT ENCODING;
   * forgotten when the key gets a new value. Null while empty.
   */
  rawStrings: Set<string> | null = null;
  /** Running size estimate of the keys (eviction-size.ts), only while used memory is accounted; null costs one check per write. */
  payload: PayloadCounter | null = null;

  constructor(readonly index: number, private readonly host: DbHost) {}

  get size(): number {
    return this.dict.size;
  }

  /** Value of key, or undefined if missing or expired (deleting it then). */
  get(key: string): Value | undefined {
    const v = this.peek(key);
    if (v !== undefined && this.access !== null) this.access.touch(key);
    return v;
  }

  /** get() without updating access metadata (Redis's LOOKUP_NOTOUCH: TYPE, TTL, EXISTS, OBJECT). */
  peek(key: string): Value | undefined {
    const v = this.dict.get(key);
    if (v === undefined) return undefined;
    if (this.expires.size !== 0 && this.expireIfDue(key)) return undefined;
    return v;
  }

  /** get() for read commands: counts keyspace hits/misses and fires keymiss events; noTouch as peek(). */
  lookupRead(key: string, noTouch = false): Value | undefined {
    const v = noTouch ? this.peek(key) : this.get(key);
    if (v === undefined) {
      this.host.stats.keyspaceMisses++;
      this.host.notify(NotifyClass.KEY_MISS, 'keymiss', key, this.index);
    } else this.host.stats.keyspaceHits++;
    return v;
  }

  /** Stores value, discarding any TTL unless keepTtl. */
  set(key: string, value: Value, keepTtl = false): void {
    if (this.payload !== null) this.payload.stored(key, this.dict.get(key), value);
    this.dict.set(key, value);
    if (!keepTtl && this.expires.size !== 0 && this.expires.delete(key) && this.payload !== null) this.payload.ttl(-1);
    if (this.access !== null) this.access.stored(key);
    if (this.rawStrings !== null) this.rawStrings.delete(key);
    if (this.watched.size !== 0) this.touch(key);
  }

  /** Replaces the value of an existing key, keeping its TTL: set(key, value, true). */
  overwrite(key: string, value: Value): void {
    this.set(key, value, true);
  }

  /**
   * Stores value keeping the TTL and without signalling WATCH or blocked
   * clients: for writes Redis makes without a keyspace change signal (BITFIELD
   * creating or zero-extending a string whose bits all stay 0).
   */
  storeSilently(key: string, value: Value): void {
    if (this.payload !== null) this.payload.stored(key, this.dict.get(key), value);
    this.dict.set(key, value);
    if (this.access !== null) this.access.stored(key);
  }

  /** Deletes key; true if it existed (expired keys count as missing). */
  delete(key: string): boolean {
    if (this.peek(key) === undefined) return false;
    this.remove(key);
    return true;
  }

  /** Deletes without an expiry check (the caller knows the key is live). */
  remove(key: string): void {
    if (this.payload !== null) {
      const old = this.dict.get(key);
      if (old !== undefined) this.payload.removed(key, old);
    }
    this.dict.delete(key);
    if (this.expires.size !== 0 && this.expires.delete(key) && this.payload !== null) this.payload.ttl(-1);
    if (this.access !== null) this.access.forget(key);
    if (this.rawStrings !== null) this.rawStrings.delete(key);
    if (this.watched.size !== 0) this.touch(key);
  }

  /** Signals that key's value changed in place (collections mutated by commands). */
  touch(key: string): void {
    if (this.payload !== null) {
      const v = this.dict.get(key);
      if (v !== undefined && typeof v !== 'string') this.payload.changed(v);
    }
    if (this.watched.has(key)) this.host.keyTouched(this, key);
  }

  /** Absolute deadline of key in ms, or undefined when it has no TTL. */
  getExpire(key: string): number | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  /** Sets an absolute deadline (ms) on an existing key. */
  setExpire(key: string, deadline: number): void {
    if (this.payload !== null && !this.expires.has(key)) this.payload.ttl(1);
    this.expires.set(key, deadline);
    this.deadlines.push(deadline, key);
    if (this.deadlines.size > 2 * this.expires.size + 1024) this.deadlines.rebuild(this.expires);
  }

  /** Removes the TTL; true if there was one. */
  persist(key: string): boolean {
    const had = this.expires.delete(key);
    if (had && this.payload !== null) this.payload.ttl(-1);
    return had;
  }

  /** Deletes key now if its deadline has passed; true if it did. Fires 'expired'. */
  expireIfDue(key: string): boolean {
    const at = this.expires.get(key);
    // Redis keyIsExpired: expired once now > deadline (alive during the deadline millisecond).
    if (at === undefined || at >= this.host.clock.now()) return false;
    // Paused clients see a constant dataset: logically expired, deleted once the pause ends.
    if (this.host.expiryPaused === true) return true;
    this.expireNow(key);
    return true;
  }

  private expireNow(key: string): void {
    this.remove(key);
    this.host.stats.expiredKeys++;
    this.host.notify(NotifyClass.EXPIRED, 'expired', key, this.index);
  }

  /**
   * Active expiry: deletes keys whose deadline passed, earliest first, until
   * none is due or `budgetMs` is spent. Returns the number of keys expired.
   */
  expireDue(now: number, budgetMs: number, clock: Clock): number {
    const heap = this.deadlines;
    const start = clock.now();
    let n = 0;
    let checked = 0;
    while (heap.size > 0 && heap.peekDeadline() < now) {
      const key = heap.peekKey()!;
      const deadline = heap.peekDeadline();
      heap.pop();
      if (this.expires.get(key) === deadline) {
        this.expireNow(key);
        n++;
      }
      if ((++checked & 63) === 0 && clock.now() - start >= budgetMs) break;
    }
    return n;
  }

  /** A random live key, or null when the database is empty. */
  randomKey(): string | null {
    for (let attempts = 0; attempts < 100 && this.dict.size > 0; attempts++) {
      const key = this.randomStep();
      if (key === null) return null;
      if (this.expires.size === 0 || !this.expireIfDue(key)) return key;
    }
    // Everything we sampled was expired; fall back to a linear search.
    for (const key of this.dict.keys()) if (!this.expireIfDue(key)) return key;
    return null;
  }

  private randomStep(): string | null {
    const stride = 1 + Math.floor(Math.random() * Math.min(32, this.dict.size));
    let key: string | null = null;
    for (let i = 0; i < stride; i++) {
      if (this.randomIter === null) this.randomIter = this.dict.keys();
      let r = this.randomIter.next();
      if (r.done) {
        this.randomIter = this.dict.keys();
        r = this.randomIter.next();
        if (r.done) return null;
      }
      key = r.value;
    }
    return key;
  }

  /** Call after storing a string modified in place (APPEND, SETRANGE ...): OBJECT ENCODING then says "raw". */
  markRaw(key: string): void {
    (this.rawStrings ??= new Set()).add(key);
  }

  /** True if key's string was marked by markRaw() since it last got a new value. */
  isRaw(key: string): boolean {
    return this.rawStrings !== null && this.rawStrings.has(key);
  }

  /** Starts, switches or stops LRU/LFU tracking (maxmemory-policy changed). */
  setAccessMode(mode: 'lru' | 'lfu' | null): void {
    if (mode === null) this.access = null;
    else if (this.access === null || this.access.lfu !== (mode === 'lfu')) {
      const clock = this.host.clock;
      // On the system clock, stamps come from the monotonic clock, which dispatch reads once per batch (access.ts batchTime).
      this.access = clock instanceof SystemClock
        ? new AccessTracker(mode === 'lfu', () => performance.timeOrigin + performance.now(), true)
        : new AccessTracker(mode === 'lfu', () => clock.now());
    }
    // Metadata per key appeared or went away: the size estimate starts over.
    if (this.payload !== null) this.payload.recount(this.dict, this.expires.size, this.access !== null);
  }

  /** Starts (counting every key once, into total) or stops the running size estimate (maxmemory set / unset). */
  setAccounting(total: DatasetTotal | null): void {
    if (total === null) {
      if (this.payload !== null) this.payload.clear();
      this.payload = null;
    } else if (this.payload === null) {
      this.payload = new PayloadCounter(total, this.access !== null);
      this.payload.recount(this.dict, this.expires.size, this.access !== null);
    }
  }

  /** True if key is stored with a deadline that has passed; unlike get() it deletes nothing (KEYS). */
  isExpired(key: string): boolean {
    if (this.expires.size === 0) return false;
    const at = this.expires.get(key);
    return at !== undefined && at < this.host.clock.now();
  }

  /** Deletes every key; returns how many there were. */
  flush(): number {
    const n = this.dict.size;
    // Watched keys are touched after the flush, as deletions (WATCH treats a deleted stale key as unchanged).
    let gone: string[] | null = null;
    if (this.watched.size !== 0) for (const key of this.watched) if (this.dict.has(key)) (gone ??= []).push(key);
    this.dict.clear();
    this.expires.clear();
    this.deadlines.clear();
    if (this.access !== null) this.access.clear();
    if (this.payload !== null) this.payload.clear();
    this.rawStrings = null;
    this.randomIter = null;
    if (gone !== null) for (const key of gone) this.touch(key);
    return n;
  }

  /**
   * Swaps the contents of two databases (SWAPDB) in O(1); watchers and
   * blocked clients stay with their database index and are signalled for
   * every watched key that exists on either side.
   */
  swapWith(other: Db): void {
    // Collected before and signalled after the swap, so listeners see the new contents.
    const collect = (db: Db): string[] | null => {
      let keys: string[] | null = null;
      for (const key of db.watched) if (this.dict.has(key) || other.dict.has(key)) (keys ??= []).push(key);
      return keys;
    };
    const mine = this.watched.size === 0 ? null : collect(this);
    const theirs = other.watched.size === 0 ? null : collect(other);
    const dict = this.dict, expires = this.expires, deadlines = this.deadlines, access = this.access, raw = this.rawStrings, payload = this.payload;
    this.dict = other.dict;
    this.expires = other.expires;
    this.deadlines = other.deadlines;
    this.access = other.access;
    this.rawStrings = other.rawStrings;
    this.payload = other.payload;
    other.dict = dict;
    other.expires = expires;
    other.deadlines = deadlines;
    other.access = access;
    other.rawStrings = raw;
    other.payload = payload;
    this.randomIter = other.randomIter = null;
    if (mine !== null) for (const key of mine) this.touch(key);
    if (theirs !== null) for (const key of theirs) other.touch(key);
  }
}
