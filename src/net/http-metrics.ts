// Observability routes: /healthz (liveness, no token), /metrics (Prometheus
// text exposition format 0.0.4) and /stats.json (what the live page plots).
// Everything is read from the broker when asked; nothing is counted twice.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import { bytesToJson } from '../../protocols/json/values.js';
import { REDIS_COMPAT_VERSION, VERSION } from '../version.js';
import type { Broker } from '../broker/index.js';
import type { CommandSpec } from '../commands/types.js';
import { checkToken, originAllowed, requestInfo, sendError, sendTokenError, Status, writeCors, type HttpContext } from './http-common.js';
import { isSubscriber } from '../core/pubsub.js';
import { withSubcommands } from '../commands/table.js';

// ---- event-loop lag -------------------------------------------------------------

/** Event-loop delay of the last full second (seconds), sampled process-wide. */
export interface LoopLag {
  mean: number;
  p99: number;
  max: number;
}

let histogram: IntervalHistogram | null = null;
const lastLag: LoopLag = { mean: 0, p99: 0, max: 0 };

/** Starts the process-wide event-loop delay monitor (idempotent): one window per second. */
export function startLoopLagMonitor(): void {
  if (histogram !== null) return;
  const h = monitorEventLoopDelay({ resolution: 10 });
  histogram = h;
  h.enable();
  setInterval(() => {
    // Values are nanoseconds; an empty window (count 0) reads as no lag.
    const empty = h.count === 0;
    lastLag.mean = empty ? 0 : h.mean / 1e9;
    lastLag.p99 = empty ? 0 : h.percentile(99) / 1e9;
    lastLag.max = empty ? 0 : h.max / 1e9;
    h.reset();
  }, 1000).unref();
}

/** The last second's event-loop delay. */
export function loopLag(): LoopLag {
  return lastLag;
}

// ---- Prometheus text format ---------------------------------------------------------

/** Escapes a label value: backslash, double quote and newline. */
export function escapeLabel(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function escapeHelp(v: string): string {
  return v.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Accumulates metric families: HELP and TYPE once per family, then its samples. */
export class Exposition {
  private text = '';

  /** Starts a family. */
  family(name: string, type: 'counter' | 'gauge', help: string): this {
    this.text += `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
    return this;
  }

  /** One sample of the current family; labels as [name, value] pairs. */
  sample(name: string, value: number, labels?: Array<[string, string]>): this {
    let l = '';
    if (labels !== undefined && labels.length !== 0) l = `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
    this.text += `${name}${l} ${formatValue(value)}\n`;
    return this;
  }

  /** A family with a single unlabelled sample. */
  one(name: string, type: 'counter' | 'gauge', help: string, value: number): this {
    return this.family(name, type, help).sample(name, value);
  }

  toString(): string {
    return this.text;
  }
}

/** Connected clients by transport (every transport appears, 0 included). */
export function clientsByTransport(broker: Broker): Record<string, number> {
  const by: Record<string, number> = { tcp: 0, ws: 0, http: 0, sse: 0 };
  for (const c of broker.clients.values()) by[c.transport] = (by[c.transport] ?? 0) + 1;
  return by;
}

function usedCommands(specs: Iterable<CommandSpec>): CommandSpec[] {
  const out: CommandSpec[] = [];
  for (const s of withSubcommands(specs)) if (s.stats.calls !== 0 || s.stats.failed !== 0 || s.stats.rejected !== 0) out.push(s);
  return out;
}

/** The /metrics page. */
export function metricsText(broker: Broker): string {
  const x = new Exposition();
  const st = broker.stats;
  const ps = broker.pubsub;
  const now = broker.clock.now();
  x.family('redwire_info', 'gauge', 'Redwire version (value is always 1)')
    .sample('redwire_info', 1, [['version', VERSION], ['redis_version', REDIS_COMPAT_VERSION]]);
  x.one('redwire_uptime_seconds', 'gauge', 'Seconds since the server started', Math.floor((now - broker.startTime) / 1000));
  x.one('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch in seconds', Math.floor(broker.startTime / 1000));
  const cpu = process.cpuUsage();
  x.one('process_cpu_seconds_total', 'counter', 'User and system CPU time spent in seconds', (cpu.user + cpu.system) / 1e6);
  x.family('redwire_connected_clients', 'gauge', 'Connected clients by transport (tcp, ws, http requests in flight, sse streams)');
  for (const [t, n] of Object.entries(clientsByTransport(broker))) x.sample('redwire_connected_clients', n, [['transport', t]]);
  let pubsubClients = 0;
  for (const c of broker.clients.values()) if (isSubscriber(c)) pubsubClients++;
  x.one('redwire_pubsub_clients', 'gauge', 'Clients with at least one subscription', pubsubClients);
  x.one('redwire_blocked_clients', 'gauge', 'Clients waiting in a blocking command', broker.blocking.blockedCount);
  x.one('redwire_connections_received_total', 'counter', 'Connections (and HTTP requests) accepted', st.totalConnections);
  x.one('redwire_rejected_connections_total', 'counter', 'Connections refused because of maxclients', st.rejectedConnections);
  x.one('redwire_commands_processed_total', 'counter', 'Commands executed', st.totalCommands);
  x.one('redwire_instantaneous_ops_per_second', 'gauge', 'Commands per second over the last samples (INFO instantaneous_ops_per_sec)', broker.metrics.opsPerSec());
  const used = usedCommands(broker.commands.all());
  commandFamily(x, used, 'redwire_command_calls_total', 'Calls per command', (s) => s.stats.calls);
  commandFamily(x, used, 'redwire_command_duration_seconds_total', 'Time spent executing each command, in seconds', (s) => s.stats.usec / 1e6);
  commandFamily(x, used, 'redwire_command_failed_calls_total', 'Calls per command that returned an error', (s) => s.stats.failed);
  commandFamily(x, used, 'redwire_command_rejected_calls_total', 'Calls per command refused before running (arity, ACL, OOM ...)', (s) => s.stats.rejected);
  x.family('redwire_errors_total', 'counter', 'Error replies by error code');
  for (const code of [...st.errors.keys()].sort()) x.sample('redwire_errors_total', st.errors.get(code)!, [['code', code]]);
  x.one('redwire_net_input_bytes_total', 'counter', 'Bytes read from clients', st.netInputBytes);
  x.one('redwire_net_output_bytes_total', 'counter', 'Bytes written to clients', st.netOutputBytes);
  x.one('redwire_pubsub_channels', 'gauge', 'Channels with at least one subscriber', ps.channels.size);
  x.one('redwire_pubsub_patterns', 'gauge', 'Patterns with at least one subscriber', ps.patterns.size);
  x.one('redwire_pubsub_shard_channels', 'gauge', 'Shard channels with at least one subscriber', ps.shardChannels.size);
  x.one('redwire_pubsub_messages_published_total', 'counter', 'Messages published (PUBLISH, SPUBLISH, keyspace events)', ps.published);
  x.one('redwire_pubsub_messages_delivered_total', 'counter', 'Message deliveries to subscribers', ps.delivered);
  x.one('redwire_slow_consumers_disconnected_total', 'counter', 'Clients disconnected for exceeding their output buffer limit or backpressure', st.outputLimitDisconnections);
  x.one('redwire_memory_used_bytes', 'gauge', 'used_memory as INFO reports it (startup heap + dataset estimate + client buffers)', broker.memory.used());
  x.one('redwire_memory_max_bytes', 'gauge', 'maxmemory (0 = no limit)', broker.config.num('maxmemory'));
  x.one('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes', process.memoryUsage.rss());
  x.family('redwire_db_keys', 'gauge', 'Keys per database');
  for (const db of broker.dbs) x.sample('redwire_db_keys', db.dict.size, [['db', String(db.index)]]);
  x.family('redwire_db_keys_expiring', 'gauge', 'Keys with a TTL per database');
  for (const db of broker.dbs) x.sample('redwire_db_keys_expiring', db.expires.size, [['db', String(db.index)]]);
  x.one('redwire_expired_keys_total', 'counter', 'Keys deleted because their TTL passed', st.expiredKeys);
  x.one('redwire_evicted_keys_total', 'counter', 'Keys evicted because of maxmemory', st.evictedKeys);
  x.one('redwire_keyspace_hits_total', 'counter', 'Successful key lookups', st.keyspaceHits);
  x.one('redwire_keyspace_misses_total', 'counter', 'Failed key lookups', st.keyspaceMisses);
  const lag = loopLag();
  x.one('redwire_event_loop_lag_seconds', 'gauge', 'Mean event-loop delay over the last second', lag.mean);
  x.one('redwire_event_loop_lag_p99_seconds', 'gauge', '99th percentile event-loop delay over the last second', lag.p99);
  x.one('redwire_event_loop_lag_max_seconds', 'gauge', 'Largest event-loop delay over the last second', lag.max);
  return x.toString();
}

function commandFamily(x: Exposition, specs: CommandSpec[], name: string, help: string, value: (s: CommandSpec) => number): void {
  x.family(name, 'counter', help);
  for (const s of specs) x.sample(name, value(s), [['command', s.name]]);
}

// ---- /stats.json ----------------------------------------------------------------------

const TOP_CHANNELS = 50;

/** What the live page polls: clients, command and message totals, memory, busiest channels. */
export function statsJson(broker: Broker): string {
  const ps = broker.pubsub;
  const clients = clientsByTransport(broker);
  const top: Array<[string, number]> = [];
  for (const name of ps.channels.keys()) {
    const n = ps.numsub(name);
    if (top.length < TOP_CHANNELS) top.push([name, n]);
    else if (n > top[top.length - 1][1]) top[top.length - 1] = [name, n];
    else continue;
    top.sort((a, b) => b[1] - a[1]);
  }
  let keys = 0;
  for (const db of broker.dbs) keys += db.dict.size;
  const now = broker.clock.now();
  return JSON.stringify({
    time: now,
    version: VERSION,
    uptime: Math.floor((now - broker.startTime) / 1000),
    clients: { total: broker.clients.size, ...clients },
    commands: broker.stats.totalCommands,
    opsPerSec: broker.metrics.opsPerSec(),
    published: ps.published,
    delivered: ps.delivered,
    slowConsumers: broker.stats.outputLimitDisconnections,
    memory: { used: broker.memory.used(), rss: process.memoryUsage.rss() },
    keys,
    channelCount: ps.channels.size,
    patternCount: ps.patterns.size,
    channels: top.map(([name, subscribers]) => ({ name: bytesToJson(name), subscribers })),
    loopLagMs: { mean: loopLag().mean * 1000, p99: loopLag().p99 * 1000, max: loopLag().max * 1000 },
  });
}

// ---- routes -------------------------------------------------------------------------

/** GET /healthz: 200 {"status":"ok",...} while the event loop runs. */
export function healthRoute(broker: Broker, res: HttpResponse, req: HttpRequest): void {
  const info = requestInfo(req);
  const body = JSON.stringify({ status: 'ok', version: VERSION, uptime: Math.floor((broker.clock.now() - broker.startTime) / 1000), clients: broker.clients.size });
  res.writeStatus(Status.OK);
  writeCors(res, info);
  res.writeHeader('Content-Type', 'application/json').writeHeader('Cache-Control', 'no-store').end(body);
}

/** GET /metrics and /stats.json: origin and token checks as for commands. */
export function guardedRoute(ctx: HttpContext, type: string, render: (b: Broker) => string): (res: HttpResponse, req: HttpRequest) => void {
  return (res, req) => {
    const info = requestInfo(req);
    if (!originAllowed(ctx.broker, info)) return sendError(res, info, Status.FORBIDDEN, 'FORBIDDEN', 'origin not allowed');
    const t = checkToken(ctx, info);
    if (t !== null) return sendTokenError(res, info, t);
    const body = render(ctx.broker);
    res.writeStatus(Status.OK);
    writeCors(res, info);
    res.writeHeader('Content-Type', type).writeHeader('Cache-Control', 'no-store').end(body);
  };
}
