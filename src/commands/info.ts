// INFO [section ...]: Redis 7's sections and field names with Redwire's real
// figures. Persistence and replication fields report a standalone master
// with neither (Redwire keeps data in memory only), as tools expect them.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { VerbatimReply, type Reply } from '../../protocols/reply.js';
import { REDIS_COMPAT_VERSION, VERSION } from '../version.js';
import { defineCommand } from './define.js';
import { postponedCount } from './client-pause.js';
import { withSubcommands } from './table.js';
import { Flag, type CommandSpec, type ServerContext } from './types.js';
import { memoryFigures, bytesToHuman, serverIdentity } from './server-memory.js';
import { isSubscriber } from '../core/pubsub.js';

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'module_list', 'errorstats', 'cluster', 'keyspace'];

type Section = (s: ServerContext) => string;

const fixed2 = (n: number) => n.toFixed(2);

/** seconds.micros as getrusage prints them ("%ld.%06ld"). */
function cpuSeconds(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(Math.floor(micros % 1e6)).padStart(6, '0')}`;
}

function lines(title: string, fields: Array<[string, string | number]>): string {
  let out = `# ${title}\r\n`;
  for (const [k, v] of fields) out += `${k}:${v}\r\n`;
  return out;
}

/** Unsafe characters in an INFO key (Redis getSafeInfoString). */
function safe(s: string): string {
  return s.replace(/[#:\r\n]/g, '_');
}

const server: Section = (s) => {
  const now = s.clock.now();
  const uptime = Math.floor((now - s.startTime) / 1000);
  const id = serverIdentity(s);
  return lines('Server', [
    ['redis_version', REDIS_COMPAT_VERSION],
    ['redwire_version', VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', '0'],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', process.arch.endsWith('64') ? 64 : 32],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', process.platform === 'linux' ? 'epoll' : process.platform === 'win32' ? 'iocp' : 'kqueue'],
    ['node_version', process.versions.node],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', id.runId],
    ['tcp_port', s.config.num('port')],
    ['server_time_usec', now * 1000],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', s.config.num('hz')],
    ['configured_hz', s.config.num('hz')],
    ['lru_clock', Math.floor(now / 1000) & 0xffffff],
    ['executable', process.argv[1] ?? process.execPath],
    ['config_file', s.config.file ?? ''],
    ['io_threads_active', 0],
  ]);
};

const clients: Section = (s) => {
  let maxIn = 0, maxOut = 0, pubsub = 0, watching = 0;
  const byTransport: Record<string, number> = { tcp: 0, ws: 0, http: 0, sse: 0 };
  for (const c of s.clients.values()) {
    maxIn = Math.max(maxIn, c.queryBufferBytes());
    maxOut = Math.max(maxOut, c.outputBytes());
    if (isSubscriber(c)) pubsub++;
    if (c.watching !== null && c.watching.size > 0) watching++;
    byTransport[c.transport] = (byTransport[c.transport] ?? 0) + 1;
  }
  return lines('Clients', [
    ['connected_clients', s.clients.size],
    ['cluster_connections', 0],
    ['maxclients', s.config.num('maxclients')],
    ['client_recent_max_input_buffer', maxIn],
    ['client_recent_max_output_buffer', maxOut],
    ['blocked_clients', s.blocking.blockedCount + postponedCount(s)],
    ['tracking_clients', 0],
    ['pubsub_clients', pubsub],
    ['watching_clients', watching],
    ['clients_in_timeout_table', 0],
    ['connected_clients_tcp', byTransport.tcp],
    ['connected_clients_ws', byTransport.ws],
    ['connected_clients_http', byTransport.http + byTransport.sse],
  ]);
};

const memory: Section = (s) => {
  const m = memoryFigures(s);
  const maxmemory = s.config.num('maxmemory');
  const active = m.heapTotal + m.external;
  // used_memory is the maxmemory gauge (broker/memory.ts); V8's own figures (garbage included) are the "allocator".
  const allocated = m.heapUsed + m.external;
  return lines('Memory', [
    ['used_memory', m.used],
    ['used_memory_human', bytesToHuman(m.used)],
    ['used_memory_rss', m.rss],
    ['used_memory_rss_human', bytesToHuman(m.rss)],
    ['used_memory_peak', m.peak],
    ['used_memory_peak_human', bytesToHuman(m.peak)],
    ['used_memory_peak_perc', `${fixed2((m.used * 100) / m.peak)}%`],
    ['used_memory_overhead', m.startup + m.clientBuffers],
    ['used_memory_startup', m.startup],
    ['used_memory_dataset', m.dataset],
    ['used_memory_dataset_perc', `${fixed2(m.used > m.startup ? (m.dataset * 100) / (m.used - m.startup) : 0)}%`],
    // V8 is the allocator: heap in use, heap reserved, resident set.
    ['allocator_allocated', allocated],
    ['allocator_active', active],
    ['allocator_resident', m.rss],
    ['total_system_memory', os.totalmem()],
    ['total_system_memory_human', bytesToHuman(os.totalmem())],
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', '0B'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', '0B'],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', '0B'],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', s.config.str('maxmemory-policy')],
    ['allocator_frag_ratio', fixed2(allocated > 0 ? active / allocated : 0)],
    ['allocator_frag_bytes', active - allocated],
    ['allocator_rss_ratio', fixed2(active > 0 ? m.rss / active : 0)],
    ['allocator_rss_bytes', m.rss - active],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', fixed2(m.used > 0 ? m.rss / m.used : 0)],
    ['mem_fragmentation_bytes', m.rss - m.used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', m.clientBuffers],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', `v8-${process.versions.v8}`],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
    ['v8_heap_total', m.heapTotal],
    ['v8_heap_used', m.heapUsed],
    ['v8_external', m.external],
  ]);
};

const persistence: Section = (s) => lines('Persistence', [
  ['loading', 0],
  ['async_loading', 0],
  ['current_cow_peak', 0],
  ['current_cow_size', 0],
  ['current_cow_size_age', 0],
  ['current_fork_perc', '0.00'],
  ['current_save_keys_processed', 0],
  ['current_save_keys_total', 0],
  ['rdb_changes_since_last_save', 0],
  ['rdb_bgsave_in_progress', 0],
  ['rdb_last_save_time', Math.floor(s.startTime / 1000)],
  ['rdb_last_bgsave_status', 'ok'],
  ['rdb_last_bgsave_time_sec', -1],
  ['rdb_current_bgsave_time_sec', -1],
  ['rdb_saves', 0],
  ['rdb_last_cow_size', 0],
  ['rdb_last_load_keys_expired', 0],
  ['rdb_last_load_keys_loaded', 0],
  ['aof_enabled', 0],
  ['aof_rewrite_in_progress', 0],
  ['aof_rewrite_scheduled', 0],
  ['aof_last_rewrite_time_sec', -1],
  ['aof_current_rewrite_time_sec', -1],
  ['aof_last_bgrewrite_status', 'ok'],
  ['aof_rewrites', 0],
  ['aof_rewrites_consecutive_failures', 0],
  ['aof_last_write_status', 'ok'],
  ['aof_last_cow_size', 0],
  ['module_fork_in_progress', 0],
  ['module_fork_last_cow_size', 0],
]);

const stats: Section = (s) => {
  const st = s.stats;
  const exceededUsec = st.evictionExceededSince === 0 ? 0 : (performance.now() - st.evictionExceededSince) * 1000;
  return lines('Stats', [
    ['total_connections_received', st.totalConnections],
    ['total_commands_processed', st.totalCommands],
    ['instantaneous_ops_per_sec', s.metrics.opsPerSec()],
    ['total_net_input_bytes', st.netInputBytes],
    ['total_net_output_bytes', st.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', fixed2(s.metrics.inputKbps())],
    ['instantaneous_output_kbps', fixed2(s.metrics.outputKbps())],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', st.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', st.expiredKeys],
    ['expired_stale_perc', '0.00'],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', st.evictedKeys],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', Math.floor((st.evictionExceededUsec + exceededUsec) / 1000)],
    ['current_eviction_exceeded_time', Math.floor(exceededUsec / 1000)],
    ['keyspace_hits', st.keyspaceHits],
    ['keyspace_misses', st.keyspaceMisses],
    ['pubsub_channels', s.pubsub.channels.size],
    ['pubsub_patterns', s.pubsub.patterns.size],
    ['pubsubshard_channels', s.pubsub.shardChannels.size],
    ['pubsub_messages_published', s.pubsub.published],
    ['pubsub_messages_delivered', s.pubsub.delivered],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', st.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
    ['client_output_buffer_limit_disconnections', st.outputLimitDisconnections],
  ]);
};

const replication: Section = (s) => lines('Replication', [
  ['role', 'master'],
  ['connected_slaves', 0],
  ['master_failover_state', 'no-failover'],
  ['master_replid', serverIdentity(s).replId],
  ['master_replid2', '0'.repeat(40)],
  ['master_repl_offset', 0],
  ['second_repl_offset', -1],
  ['repl_backlog_active', 0],
  ['repl_backlog_size', 1048576],
  ['repl_backlog_first_byte_offset', 0],
  ['repl_backlog_histlen', 0],
]);

const cpu: Section = () => {
  const u = process.cpuUsage();
  return lines('CPU', [
    ['used_cpu_sys', cpuSeconds(u.system)],
    ['used_cpu_user', cpuSeconds(u.user)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', cpuSeconds(u.system)],
    ['used_cpu_user_main_thread', cpuSeconds(u.user)],
  ]);
};

/** cmdstat_<name> lines for every command (and subcommand, as "parent|sub") used or refused. */
const commandstats: Section = (s) => {
  let out = '# Commandstats\r\n';
  for (const c of withSubcommands(s.commands.all())) {
    const st = c.stats;
    if (st.calls === 0 && st.failed === 0 && st.rejected === 0) continue;
    const usec = Math.floor(st.usec);
    const perCall = st.calls === 0 ? 0 : st.usec / st.calls;
    out += `cmdstat_${safe(c.name)}:calls=${st.calls},usec=${usec},usec_per_call=${fixed2(perCall)},` +
      `rejected_calls=${st.rejected},failed_calls=${st.failed}\r\n`;
  }
  return out;
};

const errorstats: Section = (s) => {
  let out = '# Errorstats\r\n';
  for (const code of [...s.stats.errors.keys()].sort()) out += `errorstat_${safe(code)}:count=${s.stats.errors.get(code)}\r\n`;
  return out;
};

/** Mean remaining TTL in ms over (a sample of) the keys with one, as Redis estimates avg_ttl. */
function avgTtl(expires: Map<string, number>, now: number): number {
  let sum = 0, n = 0;
  for (const at of expires.values()) {
    if (at > now) {
      sum += at - now;
      n++;
    }
    if (n >= 256) break;
  }
  return n === 0 ? 0 : Math.floor(sum / n);
}

const keyspace: Section = (s) => {
  let out = '# Keyspace\r\n';
  const now = s.clock.now();
  for (const db of s.dbs) {
    if (db.dict.size === 0 && db.expires.size === 0) continue;
    out += `db${db.index}:keys=${db.dict.size},expires=${db.expires.size},avg_ttl=${avgTtl(db.expires, now)}\r\n`;
  }
  return out;
};

/** Sections in INFO order; module_list is "# Modules" (also selected as "modules"). */
const SECTIONS: Array<[string, Section]> = [
  ['server', server],
  ['clients', clients],
  ['memory', memory],
  ['persistence', persistence],
  ['stats', stats],
  ['replication', replication],
  ['cpu', cpu],
  ['module_list', () => '# Modules\r\n'],
  ['commandstats', commandstats],
  ['errorstats', errorstats],
  // Redwire does not keep per-command latency histograms (latency-tracking): the section is empty.
  ['latencystats', () => '# Latencystats\r\n'],
  ['cluster', () => '# Cluster\r\ncluster_enabled:0\r\n'],
  ['keyspace', keyspace],
];

/** The INFO text for the given section arguments (none = default sections). */
export function infoText(s: ServerContext, args: string[]): string {
  const wanted = new Set<string>();
  let all = false;
  if (args.length === 0) for (const d of DEFAULT_SECTIONS) wanted.add(d);
  for (const a of args) {
    const l = a.toLowerCase();
    if (l === 'default') for (const d of DEFAULT_SECTIONS) wanted.add(d);
    else if (l === 'all' || l === 'everything') all = true;
    else wanted.add(l === 'modules' ? 'module_list' : l);
  }
  const parts: string[] = [];
  for (const [name, gen] of SECTIONS) if (all || wanted.has(name)) parts.push(gen(s));
  return parts.join('\r\n');
}

export const infoCommands: CommandSpec[] = [
  defineCommand({
    name: 'info', arity: -1, flags: Flag.LOADING | Flag.STALE, acl: ['dangerous'],
    group: 'server', since: '1.0.0', complexity: 'O(1)',
    summary: 'Returns information and statistics about the server.',
    args: [{ name: 'section', type: 'string', optional: true, multiple: true }],
    run: (c, argv): Reply => new VerbatimReply('txt', infoText(c.server, argv.slice(1))),
  }),
];

