// The contract between the dispatcher, command handlers and the transports.
// Handlers see a Client and the ServerContext through these interfaces only;
// net/ implements them, so commands never depend on sockets or uWS.
import type { ErrorReply, Reply } from '../../protocols/reply.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/keyspace.js';
import type { PubSub, Subscriber } from '../core/pubsub.js';
import type { Config } from '../config/index.js';

/** Command flags (COMMAND INFO names in FLAG_NAMES); checked by dispatch, not by handlers. */
export const Flag = {
  WRITE: 1 << 0,
  READONLY: 1 << 1,
  DENYOOM: 1 << 2,
  ADMIN: 1 << 3,
  PUBSUB: 1 << 4,
  NOSCRIPT: 1 << 5,
  BLOCKING: 1 << 6,
  LOADING: 1 << 7,
  STALE: 1 << 8,
  SKIP_MONITOR: 1 << 9,
  SKIP_SLOWLOG: 1 << 10,
  FAST: 1 << 11,
  NO_AUTH: 1 << 12,
  MAY_REPLICATE: 1 << 13,
  NO_MULTI: 1 << 14,
  ALLOW_BUSY: 1 << 15,
  NO_MANDATORY_KEYS: 1 << 16,
  PROTECTED: 1 << 17,
  MOVABLE_KEYS: 1 << 18,
  /** Redwire: allowed while a RESP2 client is in subscribed mode. */
  SUBSCRIBED_OK: 1 << 24,
  /** Redwire: runs immediately even inside MULTI (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
  TX_CONTROL: 1 << 25,
  /** Redwire: bounded cost like FAST (never near 1 ms) though Redis does not flag it fast, e.g. SET: timed per batch. */
  CHEAP: 1 << 26,
} as const;

/** COMMAND INFO flag names, in the order Redis prints them. */
export const FLAG_NAMES: Array<[number, string]> = [
  [Flag.WRITE, 'write'],
  [Flag.READONLY, 'readonly'],
  [Flag.DENYOOM, 'denyoom'],
  [Flag.ADMIN, 'admin'],
  [Flag.PUBSUB, 'pubsub'],
  [Flag.NOSCRIPT, 'noscript'],
  [Flag.BLOCKING, 'blocking'],
  [Flag.LOADING, 'loading'],
  [Flag.STALE, 'stale'],
  [Flag.SKIP_MONITOR, 'skip_monitor'],
  [Flag.SKIP_SLOWLOG, 'skip_slowlog'],
  [Flag.FAST, 'fast'],
  [Flag.NO_AUTH, 'no_auth'],
  [Flag.MAY_REPLICATE, 'may_replicate'],
  [Flag.NO_MULTI, 'no_multi'],
  [Flag.MOVABLE_KEYS, 'movablekeys'],
  [Flag.ALLOW_BUSY, 'allow_busy'],
  [Flag.NO_MANDATORY_KEYS, 'no_mandatory_keys'],
  [Flag.PROTECTED, 'protected'],
];

/** A handler: synchronous, time from ctx.server.clock, errors as values. */
export type Handler = (c: Client, argv: string[]) => Reply | Blocked;

/** Returned by a blocking command that parked the client (see Client.block). */
export const BLOCKED = Symbol('blocked');
export type Blocked = typeof BLOCKED;

/** One key found in a command's arguments: its argv index and key-spec flags. */
export interface KeyRef {
  pos: number;
  flags: string[];
}

/** Argument documentation for COMMAND DOCS (a subset of Redis's schema). */
export interface ArgDoc {
  name: string;
  type: 'key' | 'string' | 'integer' | 'double' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';
  token?: string;
  optional?: boolean;
  multiple?: boolean;
  arguments?: ArgDoc[];
}

/** One command (or subcommand) in the table. */
export interface CommandSpec {
  /** Lowercase name; subcommands use "container|sub" as Redis's fullname. */
  name: string;
  /** Redis arity: positive = exact argc, negative = at least -arity. */
  arity: number;
  flags: number;
  /** Key positions for COMMAND INFO/GETKEYS: first, last (-1 = last arg, -2 ...), step. 0 = no keys. */
  firstKey: number;
  lastKey: number;
  step: number;
  /** ACL categories without '@' (besides those implied by flags), e.g. ['string']. */
  acl: string[];
  /** COMMAND DOCS fields. */
  group: string;
  summary: string;
  since: string;
  complexity?: string;
  args?: ArgDoc[];
  /** Present unless the command only has subcommands. */
  run?: Handler;
  /** Subcommands by lowercase name (CLIENT LIST, CONFIG GET, ...). */
  subcommands?: Map<string, CommandSpec>;
  /** Key-spec flags of the [firstKey, lastKey, step] keys (COMMAND INFO, GETKEYSANDFLAGS), e.g. ['RW', 'access', 'update']. */
  keyFlags?: string[];
  /** Keys of a MOVABLE_KEYS command in argv (COMMAND GETKEYS); null when the arguments are invalid. */
  getKeys?: (argv: string[]) => KeyRef[] | null;
  /** Filled by the table: commandstats. */
  stats: CommandStats;
}

export interface CommandStats {
  calls: number;
  usec: number;
  rejected: number;
  failed: number;
}

/** Client flags (a bit set on Client.flags). */
export const ClientFlag = {
  MULTI: 1 << 0,
  DIRTY_CAS: 1 << 1,
  DIRTY_EXEC: 1 << 2,
  CLOSE_AFTER_REPLY: 1 << 3,
  MONITOR: 1 << 4,
  BLOCKED: 1 << 5,
  /** CLIENT REPLY OFF */
  REPLY_OFF: 1 << 6,
  /** CLIENT REPLY SKIP (applies to the next command) */
  REPLY_SKIP_NEXT: 1 << 7,
  REPLY_SKIP: 1 << 8,
  /** Executing queued commands of EXEC (blocking commands must not block). */
  IN_EXEC: 1 << 9,
  NO_EVICT: 1 << 10,
  NO_TOUCH: 1 << 11,
  /** Killed: no more commands are processed. */
  CLOSED: 1 << 12,
} as const;

export type Transport = 'tcp' | 'ws' | 'http' | 'sse';

/** A connected client as commands see it; every transport's session implements this. */
export interface Client extends Subscriber {
  readonly id: number;
  readonly server: ServerContext;
  readonly transport: Transport;
  /** Current database. */
  db: Db;
  name: string;
  libName: string;
  libVer: string;
  /** 2 or 3 (HELLO). */
  resp: 2 | 3;
  flags: number;
  /** Authenticated user name (ACLs arrive later; "default" for now). */
  user: string;
  authenticated: boolean;
  /** ms timestamps */
  readonly createdAt: number;
  lastInteraction: number;
  /** The command being executed / last executed (CLIENT LIST cmd=). */
  lastCommand: string;
  /** Commands queued by MULTI (null outside a transaction). */
  multiQueue: string[][] | null;
  /** Keys under WATCH, as "db\0key" strings. */
  watching: Set<string> | null;
  readonly address: string;
  readonly localAddress: string;
  /**
   * Sends a reply outside the request/reply flow: pub/sub confirmations,
   * MONITOR lines, the reply of an unblocked command. Pushes are never
   * silenced by CLIENT REPLY OFF/SKIP.
   */
  push(reply: Reply): void;
  /** While non-null, push() appends here instead of sending (EXEC folds pushes into its reply). */
  pushCapture: Reply[] | null;
  /** Closes the connection after pending output is flushed. */
  closeAfterReply(): void;
  /** Closes the connection now (CLIENT KILL). */
  kill(reason: string): void;
  /** CLIENT LIST / CLIENT INFO line (without trailing newline). */
  describe(): string;
  /** Bytes of requests received but not yet parsed (INFO client_recent_max_input_buffer, used_memory). */
  queryBufferBytes(): number;
  /** Arguments already parsed from an incomplete command (Redis's argv-mem). */
  argvBytes(): number;
  /** Output not yet written to the client: ours plus the transport's (INFO, used_memory, output limits). */
  outputBytes(): number;
  /** Background check each cron tick: idle timeout, output-limit clocks (transports that need it). */
  cronCheck?(now: number, idleTimeoutMs: number): void;
  /** Parks the client until wake(); pipelined commands after it wait. */
  block(state: BlockState): void;
  /** CLIENT PAUSE: parks argv (re-run later) and every request after it. */
  postpone(argv: string[]): void;
  /** Runs the requests parked by postpone(). */
  unpostpone(): void;
  /** Optional per-session command policy (WebSocket allow-list): the error refusing spec, or null to run it. */
  denies?(spec: CommandSpec, argv: string[]): ErrorReply | null;
}

/** How a blocked client is woken. */
export interface BlockState {
  /** Keys (in client.db) whose change may unblock the client. */
  keys: string[];
  /** Absolute ms deadline, 0 = forever. */
  deadline: number;
  /** Retries the command (readyKey: the key whose change woke it); BLOCKED keeps waiting, else the reply to send. */
  retry(readyKey?: string): Reply | Blocked;
  /** Reply sent when the deadline passes. */
  onTimeout(): Reply;
}

/** Counters shown by INFO stats and /metrics. */
export class ServerStats {
  totalConnections = 0;
  rejectedConnections = 0;
  totalCommands = 0;
  expiredKeys = 0;
  evictedKeys = 0;
  keyspaceHits = 0;
  keyspaceMisses = 0;
  pubsubMessages = 0;
  pubsubDelivered = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
  /** Clients dropped for exceeding client-output-buffer-limit (slow consumers). */
  outputLimitDisconnections = 0;
  totalErrorReplies = 0;
  errors = new Map<string, number>();
  /** Microseconds spent over maxmemory in finished episodes (INFO total_eviction_exceeded_time). */
  evictionExceededUsec = 0;
  /** performance.now() ms when the current over-maxmemory episode began, 0 when within the limit. */
  evictionExceededSince = 0;
}

/** used_memory and its parts (broker/memory.ts explains what is counted). */
export interface MemoryBreakdown {
  used: number;
  /** Memory in use once the server started (V8 heap + external then): not evictable. */
  startup: number;
  /** Keys and values (estimated: core/eviction-size.ts). */
  dataset: number;
  /** Query and output buffers of normal clients. */
  clients: number;
}

/** The maxmemory machinery as commands see it (broker/memory.ts). */
export interface MemoryGauge {
  /** used_memory in bytes, as maxmemory compares it. */
  used(): number;
  /** used_memory with its parts, client buffers measured now. */
  breakdown(): MemoryBreakdown;
  /**
   * Evicts if over maxmemory (Redis performEvictions): 0 ok, 1 still evicting in the background, 2 over the limit with nothing
   * to evict. `now` (performance.now() ms, e.g. the batch start) lets sampled parts (client buffers) be refreshed when stale.
   */
  evict(now?: number): number;
}

/** Server-wide state and services available to handlers. */
export interface ServerContext {
  readonly dbs: Db[];
  readonly clock: Clock;
  readonly config: Config;
  readonly stats: ServerStats;
  readonly pubsub: PubSub;
  readonly clients: Map<number, Client>;
  readonly commands: CommandTable;
  /** ms timestamp when the server started. */
  readonly startTime: number;
  /** Fires a keyspace notification (respecting notify-keyspace-events). */
  notify(cls: number, event: string, key: string, dbIndex: number): void;
  /** Stops the server (SHUTDOWN); returns an error reply text if refused. */
  shutdown(reason: string): void;
  /** Clients streaming MONITOR output. */
  readonly monitors: Set<Client>;
  /** Commands slower than slowlogThreshold microseconds (cached slowlog-log-slower-than) are logged here. */
  readonly slowlog: SlowLog;
  readonly slowlogThreshold: number;
  /** Streams a command to every MONITOR client. */
  feedMonitors(c: Client, argv: string[]): void;
  /** WATCH registrations and the blocked-client count (broker/blocking.ts). */
  readonly blocking: WatchRegistry;
  /** False after DEBUG SET-ACTIVE-EXPIRE 0: the cron leaves expired keys to lazy expiry. */
  activeExpire: boolean;
  /** True during CLIENT PAUSE: expired keys read as missing but none is deleted. */
  expiryPaused: boolean;
  /** Rates sampled by the cron (INFO instantaneous_*). */
  readonly metrics: RateSampler;
  /** used_memory and eviction (maxmemory). */
  readonly memory: MemoryGauge;
}

/** WATCH bookkeeping as EXEC, WATCH, UNWATCH and RESET use it. */
export interface WatchRegistry {
  watch(c: Client, db: Db, key: string): void;
  unwatchAll(c: Client, dbs: Db[]): void;
  /** True if a key c watched while live has logically expired since (EXEC fails). */
  watchedKeyExpired(c: Client, dbs: Db[]): boolean;
  /** Clients parked by blocking commands (INFO blocked_clients). */
  readonly blockedCount: number;
}

/** Instantaneous rates over the last few cron samples. */
export interface RateSampler {
  opsPerSec(): number;
  inputKbps(): number;
  outputKbps(): number;
  /** Forgets every sample (CONFIG RESETSTAT). */
  reset(): void;
}

/** The command table: lookup by name and iteration for COMMAND. */
export interface CommandTable {
  get(name: string): CommandSpec | undefined;
  all(): Iterable<CommandSpec>;
  readonly size: number;
}

/** One SLOWLOG entry. */
export interface SlowLogEntry {
  id: number;
  time: number; // unix seconds
  usec: number;
  argv: string[];
  addr: string;
  name: string;
}

export interface SlowLog {
  readonly entries: SlowLogEntry[];
  /** Records a command that took `usec` microseconds. */
  add(c: Client, argv: string[], usec: number): void;
  reset(): void;
}
