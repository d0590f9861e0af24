// used_memory: what Redwire counts against maxmemory, and what INFO reports.
//
//   used_memory = startup + dataset + client buffers
//
// - startup: V8 heap in use plus external memory once the modules are
//   loaded (measured once, like Redis's used_memory_startup): the runtime,
//   the command table, compiled code's heap side. Not evictable.
// - dataset: the keyspace as estimated by core/eviction-size.ts (entries,
//   key and value strings, collections by sampled element size, TTLs,
//   LRU/LFU metadata).
// - client buffers: query buffers and pending output of every client,
//   re-summed before a command when the last sum is over a period old (1 ms
//   per 1000 clients, at least 1 ms; the batch's start time is the clock,
//   so no extra clock read), by the cron and whenever INFO asks.
//
// Garbage V8 has not collected yet is not counted (it is not data: Redis's
// allocator would have freed it); it shows in used_memory_rss and the v8_*
// fields. The dataset estimate is kept incrementally (one null check per
// write when off) only while maxmemory > 0; with maxmemory 0 it is computed by
// walking the keyspace when asked (INFO, MEMORY STATS), cached for a second
// on big keyspaces. Both give the same figure, so a limit derived from
// used_memory before CONFIG SET maxmemory means what it says.
import { performance } from 'node:perf_hooks';
import { datasetBytes, type DatasetTotal } from '../core/eviction-size.js';
import { Evictor, countMaxmemory } from '../core/eviction.js';
import { lfuParams } from '../core/access.js';
import type { MemoryBreakdown, MemoryGauge } from '../commands/types.js';
import type { Broker } from './index.js';

function heapNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Heap in use plus external memory when this module loaded: used_memory_startup. */
export const STARTUP_BYTES = heapNow();

/** Keyspaces larger than this are walked at most once a second when maxmemory is 0. */
const WALK_CACHE_KEYS = 100_000;
const WALK_CACHE_MS = 1000;

/** One server's used-memory gauge and evictor. */
export class MemoryMeter implements MemoryGauge {
  readonly evictor: Evictor;
  private clientBytes = 0;
  private walked = 0;
  private walkedAt = -Infinity;
  private walkedKeys = 0;
  private clientsAt = -Infinity;
  /** Sum of the databases' running estimates while maxmemory > 0. */
  private readonly total: DatasetTotal = { bytes: 0 };

  constructor(private readonly broker: Broker) {
    const config = broker.config;
    this.evictor = new Evictor(broker, () => this.used(), () => this.remeasure());
    this.evictor.setPolicy(config.str('maxmemory-policy'));
    this.evictor.samples = config.num('maxmemory-samples');
    this.evictor.tenacity = config.num('maxmemory-eviction-tenacity');
    this.setLimit(config.num('maxmemory'));
    this.applyLfu();
    config.on('maxmemory', (v) => {
      const limit = v as number;
      this.setLimit(limit);
      if (limit === 0) return;
      const used = this.used();
      if (limit < used) {
        broker.log('warning', `WARNING: the new maxmemory value set via CONFIG SET (${limit}) is smaller than the current memory usage (${used}). ` +
          'This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.');
      }
      // Redis starts its eviction job right away; it runs on the next loop turn, not inside CONFIG SET.
      this.evictor.startProc();
    });
    config.on('maxmemory-policy', (v) => void this.evictor.setPolicy(v as string));
    config.on('maxmemory-samples', (v) => void (this.evictor.samples = v as number));
    config.on('maxmemory-eviction-tenacity', (v) => void (this.evictor.tenacity = v as number));
    config.on('lfu-log-factor', () => this.applyLfu());
    config.on('lfu-decay-time', () => this.applyLfu());
  }

  private applyLfu(): void {
    lfuParams.logFactor = this.broker.config.num('lfu-log-factor');
    lfuParams.decayMinutes = this.broker.config.num('lfu-decay-time');
  }

  private setLimit(bytes: number): void {
    const on = bytes > 0;
    const was = this.limited;
    this.evictor.maxmemory = bytes;
    if (on === was) return;
    countMaxmemory(on ? 1 : -1);
    for (const db of this.broker.dbs) db.setAccounting(on ? this.total : null);
    if (on) this.refreshClients();
    else this.evictor.reset();
  }

  /** Sums client buffers now (the cron, INFO, and eviction over the limit call this). */
  refreshClients(): void {
    let bytes = 0;
    for (const c of this.broker.clients.values()) bytes += c.queryBufferBytes() + c.outputBytes() + c.argvBytes();
    this.clientBytes = bytes;
  }

  /** maxmemory > 0: the dataset is accounted incrementally and client buffers by the cron. */
  private get limited(): boolean {
    return this.evictor.maxmemory > 0;
  }

  private dataset(): number {
    if (this.limited) return this.total.bytes;
    const dbs = this.broker.dbs;
    let keys = 0;
    for (let i = 0; i < dbs.length; i++) keys += dbs[i].dict.size;
    const now = performance.now();
    // A recent walk stands in for a new one only while the key count is about the same.
    if (keys > WALK_CACHE_KEYS && now - this.walkedAt < WALK_CACHE_MS && Math.abs(keys - this.walkedKeys) <= keys / 100) {
      return this.walked;
    }
    let bytes = 0;
    for (let i = 0; i < dbs.length; i++) bytes += datasetBytes(dbs[i]);
    this.walked = bytes;
    this.walkedAt = now;
    this.walkedKeys = keys;
    return bytes;
  }

  used(): number {
    return STARTUP_BYTES + this.dataset() + this.clientBytes;
  }

  /** used() with client buffers summed again if the last sum is stale (see refreshIfStale). */
  private remeasure(): number {
    this.refreshIfStale(performance.now());
    return this.used();
  }

  /**
   * Sums client buffers unless that was done less than a period ago. The
   * period grows with the client count (1 ms per 1000 clients, at least
   * 1 ms), so the O(clients) walk stays around 1-3% of one core.
   */
  private refreshIfStale(now: number): void {
    const period = Math.max(1, this.broker.clients.size / 1000);
    if (now - this.clientsAt < period) return;
    this.refreshClients();
    this.clientsAt = now;
  }

  breakdown(): MemoryBreakdown {
    this.refreshClients();
    const dataset = this.dataset();
    return { used: STARTUP_BYTES + dataset + this.clientBytes, startup: STARTUP_BYTES, dataset, clients: this.clientBytes };
  }

  evict(now?: number): number {
    if (now !== undefined) this.refreshIfStale(now);
    return this.evictor.perform();
  }

  /** Periodic work (serverCron): client buffers change without commands. */
  cron(): void {
    if (this.limited) this.refreshClients();
  }
}
