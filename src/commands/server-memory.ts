// Memory figures (INFO memory, MEMORY STATS) and the MEMORY command. Node
// gives no per-allocation accounting: used memory is the broker's gauge
// (startup heap + estimated dataset + client buffers, see broker/memory.ts),
// the V8 figures are reported beside it, and MEMORY USAGE is the same
// per-key estimate the gauge sums (core/eviction-size.ts).
import { randomBytes } from 'node:crypto';
import { DoubleReply, ERR_NOT_INTEGER, ERR_SYNTAX, MapReply, OK, VerbatimReply, type Reply } from '../../protocols/reply.js';
import type { Value } from '../core/keyspace.js';
import { keyBytes } from '../core/eviction-size.js';
import { defineCommand } from './define.js';
import { helpReply } from './help.js';
import { Flag, type Client, type CommandSpec, type ServerContext } from './types.js';
import { is, parseInt64 } from './args.js';

interface Identity {
  runId: string;
  replId: string;
  peak: number;
}

const identities = new WeakMap<ServerContext, Identity>();

/** Per-server constants: run_id and master_replid (random, 40 hex chars), and the memory peak. */
export function serverIdentity(s: ServerContext): Identity {
  let id = identities.get(s);
  if (id === undefined) {
    id = { runId: randomBytes(20).toString('hex'), replId: randomBytes(20).toString('hex'), peak: 0 };
    identities.set(s, id);
  }
  return id;
}

export interface MemoryFigures {
  used: number;
  rss: number;
  peak: number;
  startup: number;
  dataset: number;
  clientBuffers: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
}

/** Current memory figures; also advances the recorded peak. */
export function memoryFigures(s: ServerContext): MemoryFigures {
  const m = process.memoryUsage();
  const b = s.memory.breakdown();
  const used = b.used;
  const id = serverIdentity(s);
  if (used > id.peak) id.peak = used;
  return {
    used, rss: m.rss, peak: id.peak, startup: b.startup, clientBuffers: b.clients, dataset: b.dataset,
    heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external,
  };
}

/** Redis bytesToHuman: 100B, 2.00K, 1.50M, ... */
export function bytesToHuman(n: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (n < 1024) return `${n}B`;
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

/** An estimate of the bytes a key and its value hold (MEMORY USAGE): the dataset model's charge, TTL aside. */
export function estimateValueBytes(key: string, value: Value): number {
  return Math.round(keyBytes(key, value, false));
}

function usage(c: Client, argv: string[]): Reply {
  for (let j = 3; j < argv.length; j++) {
    if (is(argv[j], 'SAMPLES') && j + 1 < argv.length) {
      const n = parseInt64(argv[j + 1]);
      if (n === null) return ERR_NOT_INTEGER;
      if (n < 0) return ERR_SYNTAX;
      j++;
    } else {
      return ERR_SYNTAX;
    }
  }
  // Like Redis: a logically expired key that is still stored is measured, not expired.
  const v = c.db.dict.get(argv[2]);
  return v === undefined ? null : estimateValueBytes(argv[2], v);
}

function stats(c: Client): Reply {
  const s = c.server;
  const m = memoryFigures(s);
  let keys = 0;
  const dbs: Reply[] = [];
  for (const db of s.dbs) {
    if (db.dict.size === 0 && db.expires.size === 0) continue;
    keys += db.dict.size;
    dbs.push(`db.${db.index}`, new MapReply([
      'overhead.hashtable.main', db.dict.size * 24,
      'overhead.hashtable.expires', db.expires.size * 24,
      'overhead.hashtable.slot-to-keys', 0,
    ]));
  }
  const overhead = m.startup + m.clientBuffers;
  const ratio = (a: number, b: number) => new DoubleReply(b > 0 ? a / b : 0);
  return new MapReply([
    'peak.allocated', m.peak,
    'total.allocated', m.used,
    'startup.allocated', m.startup,
    'replication.backlog', 0,
    'clients.slaves', 0,
    'clients.normal', m.clientBuffers,
    'cluster.links', 0,
    'aof.buffer', 0,
    'lua.caches', 0,
    'functions.caches', 0,
    ...dbs,
    'overhead.total', overhead,
    'keys.count', keys,
    'keys.bytes-per-key', keys === 0 ? 0 : Math.floor(Math.max(0, m.used - m.startup) / keys),
    'dataset.bytes', m.dataset,
    'dataset.percentage', new DoubleReply(m.used > m.startup ? (m.dataset * 100) / (m.used - m.startup) : 0),
    'peak.percentage', new DoubleReply(m.peak > 0 ? (m.used * 100) / m.peak : 0),
    'allocator.allocated', m.heapUsed + m.external,
    'allocator.active', m.heapTotal + m.external,
    'allocator.resident', m.rss,
    'allocator-fragmentation.ratio', ratio(m.heapTotal + m.external, m.heapUsed + m.external),
    'allocator-fragmentation.bytes', m.heapTotal - m.heapUsed,
    'allocator-rss.ratio', ratio(m.rss, m.heapTotal + m.external),
    'allocator-rss.bytes', m.rss - m.heapTotal - m.external,
    'rss-overhead.ratio', new DoubleReply(1),
    'rss-overhead.bytes', 0,
    'fragmentation', ratio(m.rss, m.used),
    'fragmentation.bytes', m.rss - m.used,
  ]);
}

function doctor(c: Client): Reply {
  const m = memoryFigures(c.server);
  let text: string;
  if (m.used < 5 * 1024 * 1024) {
    text = 'This instance is empty or uses very little memory: there is nothing for the memory doctor to examine.\n';
  } else {
    const notes: string[] = [];
    if (m.peak > m.used * 1.5) notes.push(`* Peak memory: the peak (${bytesToHuman(m.peak)}) is more than 150% of the memory in use now (${bytesToHuman(m.used)}).`);
    if (m.rss > m.used * 1.4 && m.rss - m.used > 10 * 1024 * 1024) {
      notes.push(`* High RSS overhead: the process holds ${bytesToHuman(m.rss)} resident for ${bytesToHuman(m.used)} in use (V8 heap reserve and fragmentation).`);
    }
    if (m.clientBuffers > 200 * 1024 * 1024) notes.push(`* Big client buffers: clients hold ${bytesToHuman(m.clientBuffers)} of unread input or unsent output.`);
    text = notes.length === 0
      ? 'No memory issue found in this instance.\n'
      : `A few memory issues were found:\n\n${notes.join('\n\n')}\n`;
  }
  return new VerbatimReply('txt', text);
}

const HELP = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
];

export const memoryCommands: CommandSpec[] = [
  defineCommand({
    name: 'memory', arity: -2, group: 'server', since: '4.0.0', complexity: 'Depends on subcommand.',
    summary: 'A container for memory diagnostics commands.',
    subcommands: [
      { name: 'usage', arity: -3, flags: Flag.READONLY, keys: [2, 2, 1], since: '4.0.0', complexity: 'O(N) where N is the number of samples.',
        summary: 'Estimates the memory usage of a key.', args: [{ name: 'key', type: 'key' }, { name: 'count', type: 'integer', token: 'SAMPLES', optional: true }],
        run: usage },
      { name: 'stats', arity: 2, since: '4.0.0', complexity: 'O(1)', summary: 'Returns details about memory usage.', run: stats },
      { name: 'doctor', arity: 2, since: '4.0.0', complexity: 'O(1)', summary: 'Outputs a memory problems report.', run: doctor },
      { name: 'malloc-stats', arity: 2, since: '4.0.0', complexity: 'Depends on how much memory is allocated, could be slow',
        summary: 'Returns the allocator statistics.', run: () => 'Stats not supported for the current allocator' },
      { name: 'purge', arity: 2, since: '4.0.0', complexity: 'Depends on how much memory is allocated, could be slow',
        // V8 returns memory on its own schedule: nothing to purge on demand.
        summary: 'Asks the allocator to release memory.', run: () => OK },
      { name: 'help', arity: 2, flags: Flag.LOADING | Flag.STALE, since: '4.0.0', complexity: 'O(1)',
        summary: 'Returns helpful text about the different subcommands.', run: (_c, argv) => helpReply(argv[0], HELP) },
    ],
  }),
];
