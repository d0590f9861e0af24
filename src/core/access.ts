// Per-key access metadata (Redis's 24-bit LRU/LFU field), kept only while
// maxmemory-policy is an LRU or LFU policy. Redis stores it inside every
// object header for free; a JS Map entry per key would cost about as much
// as the key itself, so under other policies Db.access is null and
// OBJECT IDLETIME reports 0.
//
// LRU: seconds of the last access, counted from when tracking began (small integers: no boxing).
// LFU: (minutes & 0xffff) << 8 | logarithmic counter, decayed by elapsed minutes.

/** The counter a new key starts with under LFU. */
export const LFU_INIT_VAL = 5;
/** lfu-log-factor and lfu-decay-time (minutes per counter decrement, 0 = never), kept current by the broker. */
export const lfuParams = { logFactor: 10, decayMinutes: 1 };
/** True while a CLIENT NO-TOUCH client's command runs: reads leave access data alone (set by dispatch). */
export const accessPause = { paused: false };
/**
 * Start of the batch being dispatched (epoch ms on the monotonic clock), NaN
 * outside batches. Stamps have 1 s (LRU) or 1 min (LFU) resolution, so one
 * clock read per batch serves every access in it, as Redis's cron-updated LRU
 * clock does; a clock read costs about as much as a GET. Set by dispatch.
 */
export const batchTime = { ms: NaN };

/** Access clock of one database's keys. */
export class AccessTracker {
  private readonly at = new Map<string, number>();
  /** When tracking started (ms): the age assumed for keys never accessed since. */
  readonly since: number;
  private readonly epoch: number;

  /** batched: `now` reads the same clock as batchTime (the system clock), so batchTime may stand in for it. */
  constructor(readonly lfu: boolean, private readonly now: () => number, private readonly batched = false) {
    this.since = now();
    this.epoch = Math.floor(this.since / 1000);
  }

  /** LRU time: seconds since tracking began, a small integer V8 stores unboxed (Unix seconds would allocate a number per access). */
  private seconds(): number {
    return Math.floor(this.time() / 1000) - this.epoch;
  }

  private minutes(): number {
    return Math.floor(this.time() / 60000) & 0xffff;
  }

  private time(): number {
    const b = batchTime.ms;
    return this.batched && b === b ? b : this.now();
  }

  /** A read or write access to an existing key (Redis updates LRU / LFU on lookup). */
  touch(key: string): void {
    if (accessPause.paused) return;
    if (!this.lfu) this.at.set(key, this.seconds());
    else this.at.set(key, (this.minutes() << 8) | logIncr(this.decayed(this.at.get(key))));
  }

  /** A key got a new value: LRU restarts, LFU keeps the old counter (dbOverwrite) or starts at LFU_INIT_VAL. */
  stored(key: string): void {
    if (!this.lfu) this.at.set(key, this.seconds());
    else if (!this.at.has(key)) this.at.set(key, (this.minutes() << 8) | LFU_INIT_VAL);
  }

  /** Keys with metadata (memory accounting). */
  get size(): number {
    return this.at.size;
  }

  forget(key: string): void {
    this.at.delete(key);
  }

  clear(): void {
    this.at.clear();
  }

  /** Seconds since key was last accessed (keys never seen count from tracking's start). */
  idleSeconds(key: string): number {
    const t = this.at.get(key);
    return t === undefined ? Math.floor((this.now() - this.since) / 1000) : Math.max(0, this.seconds() - t);
  }

  /** LFU counter of key after decay (OBJECT FREQ). */
  frequency(key: string): number {
    return this.decayed(this.at.get(key));
  }

  /** RESTORE IDLETIME / FREQ: seeds key's metadata. */
  seed(key: string, idleSeconds: number, freq: number): void {
    if (this.lfu && freq >= 0) this.at.set(key, (this.minutes() << 8) | freq);
    else if (!this.lfu && idleSeconds >= 0) this.at.set(key, this.seconds() - idleSeconds);
  }

  private decayed(v: number | undefined): number {
    // A key stored before LFU tracking began: Redis would read its stale LRU bits as a long-decayed counter.
    if (v === undefined) return 0;
    const counter = v & 0xff;
    const then = v >>> 8;
    const nowMin = this.minutes();
    const elapsed = nowMin >= then ? nowMin - then : 0xffff - then + nowMin;
    const periods = lfuParams.decayMinutes === 0 ? 0 : Math.floor(elapsed / lfuParams.decayMinutes);
    return periods > counter ? 0 : counter - periods;
  }
}

/** Redis's logarithmic increment: the higher the counter, the less likely it grows. */
function logIncr(counter: number): number {
  if (counter >= 255) return 255;
  const base = Math.max(0, counter - LFU_INIT_VAL);
  return Math.random() < 1 / (base * lfuParams.logFactor + 1) ? counter + 1 : counter;
}

/** 'lru', 'lfu' or null (no tracking) for a maxmemory-policy name. */
export function accessMode(policy: string): 'lru' | 'lfu' | null {
  if (policy.endsWith('-lfu')) return 'lfu';
  if (policy.endsWith('-lru')) return 'lru';
  return null;
}
