// maxmemory eviction (Redis's performEvictions): when used memory is over
// the limit, delete keys chosen by maxmemory-policy until the estimated
// bytes freed cover the excess, within a time budget set by
// maxmemory-eviction-tenacity; past the budget, a background job
// (setImmediate) keeps going. LRU, LFU and TTL policies keep a pool of the
// best candidates among keys sampled from every database (maxmemory-samples
// per database per round), as Redis approximates them; random policies take
// one random key per database in turn.
import { performance } from 'node:perf_hooks';
import type { Db } from './keyspace.js';
import { NotifyClass } from './notify.js';
import { datasetBytes } from './eviction-size.js';

/** perform(): memory within the limit (or eviction not allowed now). */
export const EVICT_OK = 0;
/** perform(): still over the limit, a background job keeps evicting. */
export const EVICT_RUNNING = 1;
/** perform(): over the limit with nothing the policy may evict: deny-oom commands are refused. */
export const EVICT_FAIL = 2;

/** Servers in this process with maxmemory > 0: dispatch skips the OOM gate entirely while 0. */
export let maxmemoryActive = 0;

/** Counts a server's maxmemory turning on (+1) or off (-1). */
export function countMaxmemory(delta: 1 | -1): void {
  maxmemoryActive += delta;
}

/** What eviction needs from the server. */
export interface EvictionHost {
  readonly dbs: Db[];
  readonly stats: { evictedKeys: number; evictionExceededUsec: number; evictionExceededSince: number };
  notify(cls: number, event: string, key: string, dbIndex: number): void;
  /** True during CLIENT PAUSE: the dataset stays constant, nothing is evicted. */
  readonly expiryPaused: boolean;
  /** Wakes clients whose blocking or WATCH state a background eviction changed. */
  afterCommand(): void;
}

const POOL_SIZE = 16;
const NO_EVICTION = 0, RANDOM = 1, LRU = 2, LFU = 3, TTL = 4;

/** Walks a Map's keys in a cycle from a persistent iterator: Redis's dictGetSomeKeys without random access. */
class KeySampler {
  private map: Map<string, unknown> | null = null;
  private it: Iterator<string> | null = null;

  private next(map: Map<string, unknown>): string | undefined {
    if (this.map !== map || this.it === null) {
      this.map = map;
      this.it = map.keys();
    }
    let r = this.it.next();
    if (r.done === true) {
      this.it = map.keys();
      r = this.it.next();
    }
    return r.done === true ? undefined : r.value;
  }

  /**
   * Up to count distinct keys of map (fewer if it is smaller). Map order is
   * insertion order, so neighbours tend to be keys of the same age: a random
   * gap of up to `gap` keys before each pick decorrelates them, at a cost of
   * O(count * gap) iterator steps.
   */
  sample(map: Map<string, unknown>, count: number, gap: number, out: string[]): void {
    out.length = 0;
    const size = map.size;
    if (size === 0) return;
    const n = Math.min(count, size);
    // Gaps never make the walk wrap around onto keys already taken.
    const maxGap = Math.max(1, Math.min(gap, Math.floor(size / n)));
    for (let i = 0; i < n; i++) {
      const skip = Math.floor(Math.random() * maxGap);
      for (let j = 0; j < skip; j++) this.next(map);
      const key = this.next(map);
      if (key === undefined) break;
      out.push(key);
    }
  }

  reset(): void {
    this.map = null;
    this.it = null;
  }
}

/** Microseconds one eviction cycle may take (Redis's tenacity curve). */
export function evictionTimeLimitUs(tenacity: number): number {
  if (tenacity <= 10) return 50 * tenacity;
  if (tenacity < 100) return Math.floor(500 * Math.pow(1.15, tenacity - 10));
  return Infinity;
}

/** One server's evictor. Fields are kept current by the broker's config listeners. */
export class Evictor {
  /** maxmemory in bytes; 0 = no limit. */
  maxmemory = 0;
  samples = 5;
  tenacity = 10;
  private kind = NO_EVICTION;
  private allKeys = false;
  // The candidate pool, sorted by ascending score (the best candidate is last).
  private readonly poolKey: Array<string | null> = new Array<string | null>(POOL_SIZE).fill(null);
  private readonly poolScore = new Array<number>(POOL_SIZE).fill(0);
  private readonly poolDb = new Array<number>(POOL_SIZE).fill(0);
  private samplers: KeySampler[] = [];
  private readonly picked: string[] = [];
  private nextDb = 0;
  private procScheduled = false;

  /**
   * used: used memory as last measured (cheap, called before every command);
   * remeasure: used memory with its sampled parts (client buffers) measured
   * again, called only when `used` is over the limit, so a stale sample never
   * evicts keys or refuses commands.
   */
  constructor(private readonly host: EvictionHost, private readonly used: () => number, private readonly remeasure: () => number = used) {}

  /** Applies a maxmemory-policy name. */
  setPolicy(policy: string): void {
    this.allKeys = policy.startsWith('allkeys-');
    this.kind = policy === 'noeviction' ? NO_EVICTION
      : policy.endsWith('-random') ? RANDOM
      : policy.endsWith('-lru') ? LRU
      : policy.endsWith('-lfu') ? LFU
      : TTL;
    this.clearPool();
  }

  /** Drops cached iterators and candidates, ends any over-the-limit episode (maxmemory turned off). */
  reset(): void {
    this.metrics(EVICT_OK);
    this.clearPool();
    for (const s of this.samplers) s.reset();
  }

  /** Bytes over the limit, or 0. */
  excess(): number {
    const max = this.maxmemory;
    if (max === 0 || this.used() <= max) return 0;
    const used = this.remeasure();
    return used > max ? used - max : 0;
  }

  /** Redis performEvictions: EVICT_OK, EVICT_RUNNING or EVICT_FAIL. */
  perform(): number {
    // Paused clients must see a constant dataset (as Redis: a fake OK, metrics untouched).
    if (this.maxmemory === 0 || this.host.expiryPaused) return EVICT_OK;
    const tofree = this.excess();
    if (tofree === 0) return this.metrics(EVICT_OK);
    if (this.kind === NO_EVICTION) return this.metrics(EVICT_FAIL);
    const limitMs = evictionTimeLimitUs(this.tenacity) / 1000;
    const start = performance.now();
    const host = this.host;
    let freed = 0;
    let evicted = 0;
    while (freed < tofree) {
      const db = this.kind === RANDOM ? this.pickRandom() : this.pickFromPool();
      if (db === null) return this.metrics(EVICT_FAIL);
      const key = this.picked[0];
      const before = datasetBytes(db);
      db.remove(key);
      freed += before - datasetBytes(db);
      host.stats.evictedKeys++;
      host.notify(NotifyClass.EVICTED, 'evicted', key, db.index);
      if (++evicted % 16 === 0 && performance.now() - start > limitMs) {
        // Out of time: keep going in the background; commands are not refused meanwhile.
        this.startProc();
        break;
      }
    }
    return this.metrics(this.procScheduled ? EVICT_RUNNING : EVICT_OK);
  }

  /** Starts the background eviction job unless it runs already (CONFIG SET maxmemory does too). */
  startProc(): void {
    if (this.procScheduled) return;
    this.procScheduled = true;
    const step = () => {
      if (this.perform() === EVICT_RUNNING) {
        setImmediate(step);
        return;
      }
      this.procScheduled = false;
      this.host.afterCommand();
    };
    setImmediate(step);
  }

  /** Redis's eviction-exceeded timer: how long memory stayed over the limit. */
  private metrics(result: number): number {
    const stats = this.host.stats;
    if (result !== EVICT_OK) {
      if (stats.evictionExceededSince === 0) stats.evictionExceededSince = performance.now();
    } else if (stats.evictionExceededSince !== 0) {
      stats.evictionExceededUsec += (performance.now() - stats.evictionExceededSince) * 1000;
      stats.evictionExceededSince = 0;
    }
    return result;
  }

  private sampler(i: number): KeySampler {
    while (this.samplers.length <= i) this.samplers.push(new KeySampler());
    return this.samplers[i];
  }

  /** One random key from the next database that has candidates: its Db, the key in picked[0]. */
  private pickRandom(): Db | null {
    const dbs = this.host.dbs;
    for (let i = 0; i < dbs.length; i++) {
      const j = (++this.nextDb) % dbs.length;
      const db = dbs[j];
      const map = this.allKeys ? db.dict : db.expires;
      if (map.size === 0) continue;
      this.sampler(j).sample(map, 1, 32, this.picked);
      if (this.picked.length !== 0) return db;
    }
    return null;
  }

  /** The best candidate of the pool after refilling it from every database (Redis's LRU/LFU/TTL loop). */
  private pickFromPool(): Db | null {
    const dbs = this.host.dbs;
    const keys = this.poolKey;
    for (;;) {
      let total = 0;
      for (let i = 0; i < dbs.length; i++) {
        const db = dbs[i];
        const map = this.allKeys ? db.dict : db.expires;
        if (map.size === 0) continue;
        total += map.size;
        this.populate(i, db, map);
      }
      if (total === 0) return null;
      for (let k = POOL_SIZE - 1; k >= 0; k--) {
        const key = keys[k];
        if (key === null) continue;
        const db = dbs[this.poolDb[k]];
        keys[k] = null;
        this.poolScore[k] = 0;
        // A key deleted (or no longer volatile) since it was sampled is a ghost: try the next.
        if ((this.allKeys ? db.dict : db.expires).has(key)) {
          this.picked[0] = key;
          return db;
        }
      }
    }
  }

  /** Higher is a better eviction candidate. */
  private score(db: Db, key: string): number {
    if (this.kind === TTL) return Number.MAX_SAFE_INTEGER - (db.expires.get(key) ?? 0);
    const access = db.access;
    if (this.kind === LRU) return access === null || access.lfu ? 0 : access.idleSeconds(key);
    return 255 - (access === null || !access.lfu ? 0 : access.frequency(key));
  }

  /** Samples db and merges the keys into the pool (Redis evictionPoolPopulate). */
  private populate(dbIndex: number, db: Db, map: Map<string, unknown>): void {
    const sample = this.picked;
    this.sampler(dbIndex).sample(map, this.samples, 32, sample);
    const keys = this.poolKey, scores = this.poolScore, dbIds = this.poolDb;
    for (let s = 0; s < sample.length; s++) {
      const key = sample[s];
      const score = this.score(db, key);
      let k = 0;
      while (k < POOL_SIZE && keys[k] !== null && scores[k] < score) k++;
      if (k === 0 && keys[POOL_SIZE - 1] !== null) continue; // worse than everything in a full pool
      if (k < POOL_SIZE && keys[k] === null) {
        // free slot right here
      } else if (keys[POOL_SIZE - 1] === null) {
        // room on the right: shift [k, end) one to the right
        for (let j = POOL_SIZE - 1; j > k; j--) {
          keys[j] = keys[j - 1];
          scores[j] = scores[j - 1];
          dbIds[j] = dbIds[j - 1];
        }
      } else {
        // full: drop the worst (index 0) and insert just left of k
        k--;
        for (let j = 0; j < k; j++) {
          keys[j] = keys[j + 1];
          scores[j] = scores[j + 1];
          dbIds[j] = dbIds[j + 1];
        }
      }
      keys[k] = key;
      scores[k] = score;
      dbIds[k] = dbIndex;
    }
  }

  private clearPool(): void {
    this.poolKey.fill(null);
    this.poolScore.fill(0);
  }
}
