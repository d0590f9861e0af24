// Broker: the server's state (databases, pub/sub, config, stats, clients) and
// the services commands use. Transports register their sessions here.
import { Db, type DbHost } from '../core/keyspace.js';
import { SystemClock, type Clock } from '../core/clock.js';
import { PubSub } from '../core/pubsub.js';
import { NotifyClass } from '../core/notify.js';
import { Config } from '../config/index.js';
import { Commands } from '../commands/table.js';
import { ServerStats, type Client, type CommandTable, type ServerContext } from '../commands/types.js';
import { Blocking } from './blocking.js';
import { SlowLogBook } from './slowlog.js';
import { Logger, type LogLevel } from './log.js';
import { feedMonitors, flushOwnMonitorLines } from './monitor.js';
import { InstantMetrics } from './metrics.js';
import { ALL_FAMILIES } from '../commands/index.js';
import { accessMode } from '../core/access.js';
import { MemoryMeter } from './memory.js';

export interface BrokerOptions {
  clock?: Clock;
}

/** Server-wide state; one per process (tests may run several). */
export class Broker implements ServerContext, DbHost {
  readonly clock: Clock;
  readonly stats = new ServerStats();
  readonly pubsub = new PubSub();
  readonly clients = new Map<number, Client>();
  readonly commands: CommandTable;
  readonly startTime: number;
  readonly monitors = new Set<Client>();
  readonly slowlog: SlowLogBook;
  readonly blocking = new Blocking();
  readonly dbs: Db[];
  readonly logger: Logger;
  /** INFO instantaneous_* rates, sampled by the cron. */
  readonly metrics = new InstantMetrics();
  /** used_memory and maxmemory eviction (broker/memory.ts). */
  readonly memory: MemoryMeter;
  /** DEBUG SET-ACTIVE-EXPIRE: when false the cron expires nothing (lazy expiry only). */
  activeExpire = true;
  /** Set by CLIENT PAUSE: no key is expired (actively or lazily) while clients are paused. */
  expiryPaused = false;
  slowlogThreshold: number;
  /** Set by main: stops listeners and exits. */
  onShutdown: (reason: string) => void = () => {};
  private notifyFlags: number;
  private cronTimer: NodeJS.Timeout | null = null;

  constructor(readonly config: Config, opts: BrokerOptions = {}) {
    this.clock = opts.clock ?? new SystemClock();
    this.startTime = this.clock.now();
    this.commands = new Commands(ALL_FAMILIES);
    this.dbs = [];
    for (let i = 0; i < config.num('databases'); i++) this.dbs.push(new Db(i, this));
    this.logger = new Logger(config.str('loglevel'), config.str('logfile'));
    this.slowlog = new SlowLogBook(config.num('slowlog-max-len'));
    this.slowlogThreshold = config.num('slowlog-log-slower-than');
    this.notifyFlags = config.num('notify-keyspace-events');
    config.on('slowlog-log-slower-than', (v) => void (this.slowlogThreshold = v as number));
    config.on('slowlog-max-len', (v) => {
      this.slowlog.maxLen = v as number;
      this.slowlog.trim();
    });
    config.on('notify-keyspace-events', (v) => void (this.notifyFlags = v as number));
    config.on('loglevel', (v) => void (this.logger.level = v as string));
    // LRU/LFU metadata exists only under LRU/LFU policies (core/access.ts).
    const trackAccess = (policy: string) => {
      for (const db of this.dbs) db.setAccessMode(accessMode(policy));
    };
    trackAccess(config.str('maxmemory-policy'));
    config.on('maxmemory-policy', (v) => trackAccess(v as string));
    this.memory = new MemoryMeter(this);
    config.on('hz', () => this.startCron());
  }

  /** Keyspace events: publishes __keyspace@db__:key and __keyevent@db__:event as configured. */
  notify(cls: number, event: string, key: string, dbIndex: number): void {
    const flags = this.notifyFlags;
    if ((flags & cls) === 0) return;
    if ((flags & NotifyClass.KEYSPACE) !== 0) this.pubsub.publish(`__keyspace@${dbIndex}__:${key}`, event);
    if ((flags & NotifyClass.KEYEVENT) !== 0) this.pubsub.publish(`__keyevent@${dbIndex}__:${event}`, key);
  }

  keyTouched(db: Db, key: string): void {
    this.blocking.touched(db, key);
  }

  /** Called after every command: wakes clients blocked on keys that became ready. */
  afterCommand(): void {
    flushOwnMonitorLines();
    this.blocking.serveReady();
  }

  /** maxclients: true if another client fits; otherwise counts the refusal (INFO rejected_connections) and returns false. */
  admit(): boolean {
    if (this.clients.size < this.config.num('maxclients')) return true;
    this.stats.rejectedConnections++;
    return false;
  }

  register(c: Client): void {
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
  }

  unregister(c: Client): void {
    if (!this.clients.delete(c.id)) return;
    this.pubsub.removeSubscriber(c);
    this.monitors.delete(c);
    this.blocking.unwatchAll(c, this.dbs);
  }

  feedMonitors(c: Client, argv: string[]): void {
    feedMonitors(this.monitors, this.clock, c, argv);
  }

  log(level: LogLevel, msg: string): void {
    this.logger.log(level, msg);
  }

  shutdown(reason: string): void {
    this.log('warning', `User requested shutdown (${reason})...`);
    this.onShutdown(reason);
  }

  // ---- background work (serverCron) ----------------------------------------

  /** Starts the hz timer: active expiry, idle timeouts, output-limit checks. */
  startCron(): void {
    if (this.cronTimer !== null) clearInterval(this.cronTimer);
    const period = Math.max(2, Math.floor(1000 / this.config.num('hz')));
    this.cronTimer = setInterval(() => this.cron(period), period);
    this.cronTimer.unref();
  }

  stopCron(): void {
    if (this.cronTimer !== null) clearInterval(this.cronTimer);
    this.cronTimer = null;
  }

  /** One cron tick; exported for tests on a FakeClock. */
  cron(periodMs = 100): void {
    const now = this.clock.now();
    // Active expiry may use at most a quarter of each period, like Redis's slow cycle.
    const budget = Math.max(1, periodMs / 4);
    if (this.activeExpire && !this.expiryPaused) {
      // The budget is shared by the databases that have keys with a TTL.
      let withTtl = 0;
      for (const db of this.dbs) if (db.expires.size !== 0) withTtl++;
      for (const db of this.dbs) if (db.expires.size !== 0) db.expireDue(now, budget / withTtl, this.clock);
    }
    this.metrics.sample(now, this.stats);
    this.memory.cron();
    const timeout = this.config.num('timeout') * 1000;
    for (const c of this.clients.values()) c.cronCheck?.(now, timeout);
  }
}
