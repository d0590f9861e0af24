// The configuration parameters Redwire has, with redis.conf names and defaults.
import { formatNotifyFlags, parseNotifyFlags } from '../core/notify.js';
import { formatOutputLimits, parseOutputLimits, type OutputLimits } from './values.js';
import { DEFAULT_WS_ALLOW, invalidAllowRule } from '../net/ws-rules.js';

export type ParamType = 'int' | 'memory' | 'bool' | 'string' | 'enum' | 'custom';

/** One parameter: how to parse, validate and print it. */
export interface ParamDef {
  name: string;
  /** Old names Redis still accepts (hash-max-ziplist-entries ...). */
  aliases?: string[];
  type: ParamType;
  /** Default, written as in redis.conf. */
  default: string;
  min?: number;
  max?: number;
  values?: string[];
  /** Only settable at startup (command line or config file). */
  immutable?: boolean;
  /** Custom parse: value or an error text. `args` are the value's words. */
  parse?: (args: string[], current: unknown) => unknown;
  format?: (value: unknown) => string;
  /** One-line description for --help. */
  help: string;
}

/** A parse failure from a custom parser. */
export class ParamError {
  constructor(readonly message: string) {}
}

const NO_LIMIT = { hard: 0, soft: 0, softSeconds: 0 };
const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  normal: NO_LIMIT,
  replica: { hard: 256 * 1024 * 1024, soft: 64 * 1024 * 1024, softSeconds: 60 },
  pubsub: { hard: 32 * 1024 * 1024, soft: 8 * 1024 * 1024, softSeconds: 60 },
};

export const PARAMS: ParamDef[] = [
  // --- network
  { name: 'port', type: 'int', default: '6379', min: 0, max: 65535, help: 'RESP TCP port (0 disables the RESP listener)' },
  {
    name: 'bind', type: 'custom', default: '127.0.0.1', help: 'RESP listen addresses (space separated)',
    parse: (args) => (args.length === 0 ? new ParamError('wrong number of arguments') : args.join(' ').split(/\s+/).filter(Boolean)),
    format: (v) => (v as string[]).join(' '),
  },
  { name: 'maxclients', type: 'int', default: '10000', min: 1, max: 2147483647, help: 'maximum simultaneous clients (all transports)' },
  { name: 'timeout', type: 'int', default: '0', min: 0, max: 2147483647, help: 'close clients idle this many seconds (0 = never)' },
  { name: 'tcp-keepalive', type: 'int', default: '300', min: 0, max: 2147483647, help: 'TCP keepalive interval in seconds (0 = off)' },
  { name: 'tcp-backlog', type: 'int', default: '511', min: 0, max: 2147483647, immutable: true, help: 'listen() backlog' },
  // --- WebSocket gateway (uWebSockets.js, same event loop)
  { name: 'ws-port', type: 'int', default: '7379', min: 0, max: 65535, immutable: true, help: 'WebSocket/HTTP gateway port (0 disables the gateway)' },
  { name: 'ws-bind', type: 'string', default: '127.0.0.1', immutable: true, help: 'WebSocket/HTTP gateway listen address' },
  { name: 'ws-path', type: 'string', default: '/ws', immutable: true, help: 'URL path of the WebSocket endpoint' },
  {
    name: 'ws-allow', type: 'custom', default: DEFAULT_WS_ALLOW,
    help: 'commands WebSocket clients may run, as ACL rules (+@read -keys +client|id ...)',
    parse: (args) => {
      const rules = args.join(' ').trim();
      const bad = invalidAllowRule(rules);
      return bad === null ? rules.split(/\s+/).join(' ') : new ParamError(`invalid rule '${bad}'`);
    },
  },
  { name: 'ws-allowed-origins', type: 'string', default: '*', help: 'Origin headers accepted on WebSocket upgrades, space separated ("*" = any)' },
  { name: 'ws-token', type: 'string', default: '', help: 'shared secret WebSocket clients present first (?token= or {"auth":...}); "" = none' },
  { name: 'ws-max-payload', type: 'memory', default: '1mb', min: 1024, max: 256 * 1024 * 1024, immutable: true, help: 'largest WebSocket frame run; larger JSON frames get a TOOLARGE error' },
  { name: 'ws-max-backpressure', type: 'memory', default: '16mb', min: 16 * 1024, max: Number.MAX_SAFE_INTEGER, immutable: true, help: 'bytes queued to a WebSocket before it is closed as a slow consumer (4100)' },
  {
    name: 'ws-idle-timeout', type: 'custom', default: '120', immutable: true,
    help: 'close WebSockets silent this many seconds; pings are sent automatically (0 = never, else 8-960)',
    parse: (args) => {
      const n = args.length === 1 && /^\d+$/.test(args[0]) ? Number(args[0]) : NaN;
      return n === 0 || (n >= 8 && n <= 960) ? n : new ParamError('ws-idle-timeout must be 0 or 8 to 960 seconds');
    },
  },
  { name: 'ws-topics', type: 'bool', default: 'yes', immutable: true, help: 'fan exact-channel messages out to JSON WebSockets through uWS native topics' },
  { name: 'ws-max-bad-frames', type: 'int', default: '50', min: 0, max: 2147483647, help: 'bad frames per second before a WebSocket is closed with 4008 (0 = no limit)' },
  // --- HTTP routes on the gateway port (REST, SSE, /metrics, the live page)
  { name: 'http-cors-origins', type: 'string', default: '*', help: 'Origin headers accepted on HTTP requests (CORS), space separated ("*" = any); others get 403' },
  { name: 'http-max-body', type: 'memory', default: '1mb', min: 1, max: 512 * 1024 * 1024, help: 'largest HTTP request body (POST/PUT); larger requests get 413' },
  { name: 'http-sse-heartbeat', type: 'int', default: '15', min: 0, max: 3600, help: 'seconds between comment heartbeats on Server-Sent Events streams (0 = none)' },
  // --- server
  { name: 'hz', type: 'int', default: '10', min: 1, max: 500, help: 'background task frequency (active expiry, timeouts)' },
  { name: 'databases', type: 'int', default: '16', min: 1, max: 2147483647, immutable: true, help: 'number of databases' },
  { name: 'loglevel', type: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning', 'nothing'], help: 'log verbosity' },
  { name: 'logfile', type: 'string', default: '', immutable: true, help: 'log file path ("" = standard output)' },
  { name: 'enable-debug-command', type: 'enum', default: 'no', values: ['no', 'yes', 'local'], immutable: true, help: 'allow DEBUG (yes, local = loopback clients only)' },
  { name: 'requirepass', type: 'string', default: '', help: 'password clients must AUTH with ("" = none)' },
  // --- protocol limits
  { name: 'proto-max-bulk-len', type: 'memory', default: '512mb', min: 1024 * 1024, max: Number.MAX_SAFE_INTEGER, help: 'largest bulk string accepted in a request' },
  { name: 'client-query-buffer-limit', type: 'memory', default: '1gb', min: 1024 * 1024, max: Number.MAX_SAFE_INTEGER, help: 'max bytes of an incomplete request per client' },
  {
    name: 'client-output-buffer-limit', type: 'custom', default: formatOutputLimits(DEFAULT_OUTPUT_LIMITS),
    help: 'output limits per class: <normal|replica|pubsub> <hard> <soft> <soft-seconds>',
    parse: (args, current) => {
      const words = args.length === 1 ? args[0].split(/\s+/).filter(Boolean) : args;
      const r = parseOutputLimits(words, (current as OutputLimits | undefined) ?? DEFAULT_OUTPUT_LIMITS);
      return typeof r === 'string' ? new ParamError(r) : r;
    },
    format: (v) => formatOutputLimits(v as OutputLimits),
  },
  // --- pub/sub
  {
    name: 'notify-keyspace-events', type: 'custom', default: '', help: 'keyspace event classes (K E g $ l s h z x e t m n d A)',
    parse: (args) => {
      if (args.length !== 1) return new ParamError('wrong number of arguments');
      const f = parseNotifyFlags(args[0]);
      return f === null ? new ParamError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.") : f;
    },
    format: (v) => formatNotifyFlags(v as number),
  },
  // --- slow log
  { name: 'slowlog-log-slower-than', type: 'int', default: '10000', min: -1, max: Number.MAX_SAFE_INTEGER, help: 'log commands slower than this many microseconds (-1 = off)' },
  { name: 'slowlog-max-len', type: 'int', default: '128', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'slow log entries kept' },
  // --- memory
  { name: 'maxmemory', type: 'memory', default: '0', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'evict keys when used_memory (startup heap + estimated dataset + client buffers) exceeds this (0 = no limit)' },
  {
    name: 'maxmemory-policy', type: 'enum', default: 'noeviction',
    values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
    help: 'what to evict when maxmemory is reached',
  },
  { name: 'maxmemory-samples', type: 'int', default: '5', min: 1, max: 2147483647, help: 'keys sampled per eviction' },
  { name: 'maxmemory-eviction-tenacity', type: 'int', default: '10', min: 0, max: 100, help: 'eviction effort per command: 0-10 linear up to 500us, then +15% per step, 100 = unlimited' },
  { name: 'lfu-log-factor', type: 'int', default: '10', min: 0, max: 2147483647, help: 'LFU counter logarithm factor (higher: more hits per increment)' },
  { name: 'lfu-decay-time', type: 'int', default: '1', min: 0, max: 2147483647, help: 'minutes per LFU counter decrement (0 = never decay)' },
  // --- persistence (Redwire keeps data in memory only)
  {
    name: 'save', type: 'custom', default: '', help: 'snapshots: always "" (Redwire has no persistence)',
    parse: (args) => (args.every((a) => a === '') ? '' : new ParamError('Redwire has no persistence; only "" is accepted')),
  },
  {
    name: 'appendonly', type: 'custom', default: 'no', help: 'append-only file: always "no" (Redwire has no persistence)',
    parse: (args) => (args.length === 1 && args[0].toLowerCase() === 'no' ? 'no' : new ParamError('Redwire has no persistence; only "no" is accepted')),
  },
  // --- encodings reported by OBJECT ENCODING
  { name: 'hash-max-listpack-entries', aliases: ['hash-max-ziplist-entries'], type: 'int', default: '512', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'hashes up to this many fields report "listpack"' },
  { name: 'hash-max-listpack-value', aliases: ['hash-max-ziplist-value'], type: 'int', default: '64', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'hash values up to this size report "listpack"' },
  { name: 'zset-max-listpack-entries', aliases: ['zset-max-ziplist-entries'], type: 'int', default: '128', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'sorted sets up to this many members report "listpack"' },
  { name: 'zset-max-listpack-value', aliases: ['zset-max-ziplist-value'], type: 'int', default: '64', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'sorted set members up to this size report "listpack"' },
  { name: 'set-max-intset-entries', type: 'int', default: '512', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'integer sets up to this size report "intset"' },
  { name: 'list-max-listpack-size', aliases: ['list-max-ziplist-size'], type: 'int', default: '-2', min: -5, max: Number.MAX_SAFE_INTEGER, help: 'list node size (reported only)' },
  { name: 'list-compress-depth', type: 'int', default: '0', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'list compression depth (reported only)' },
  { name: 'stream-node-max-entries', type: 'int', default: '100', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'stream node size (reported only)' },
  { name: 'hll-sparse-max-bytes', type: 'memory', default: '3000', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'HyperLogLogs switch from the sparse to the dense encoding beyond this size' },
  { name: 'stream-node-max-bytes', type: 'memory', default: '4096', min: 0, max: Number.MAX_SAFE_INTEGER, help: 'stream node bytes (reported only)' },
];
