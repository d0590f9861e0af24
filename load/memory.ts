// Memory benchmark: bytes per key for N small string keys
// (key:000000000001.. -> 3-byte value) in Redwire and in redis-server, same run.
//
// What is measured:
// - redis-server: INFO memory used_memory before/after (bytes jemalloc handed
//   out: the data's true cost), and the process RSS.
// - Redwire, run inside this process so the heap can be measured exactly:
//   V8 heap used + external memory after forced full GCs (the keys' true
//   cost in the JS heap); also its own INFO used_memory (no GC forced, so it
//   includes garbage) and the process RSS (which includes this loader).
// The load itself is the same pipelined RESP generator for both.
//
// usage: node dist/load/memory.js [--n 1000000] [--distinct yes]   (env MEMORY_N, MEMORY_DISTINCT); re-runs itself with --expose-gc.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeSets, infoField, pipelinedLoad, rawCommand } from './lib/resp.js';
import { rssBytes, startRedisServer } from './lib/servers.js';
import { option, printTable } from './lib/table.js';
import { Config } from '../src/config/index.js';
import { startServer } from '../src/server.js';

const N = Number(option('n', 'MEMORY_N', '1000000'));
const VALUE = 'abc';
/** --distinct yes: every key gets its own 3-byte value (otherwise all share 'abc', which Redwire's interning dedups). */
const DISTINCT = option('distinct', 'MEMORY_DISTINCT', 'no') === 'yes';

type Gc = () => void;

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function settle(gc: Gc): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}

function row(server: string, measure: string, before: number, after: number): string[] {
  const d = after - before;
  const mb = (x: number) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(1)} MB` : 'n/a');
  return [server, measure, mb(before), mb(after), mb(d), Number.isFinite(d) ? (d / N).toFixed(1) : 'n/a'];
}

async function main(gc: Gc): Promise<void> {
  console.log(`memory: ${N} keys key:000000000001.. -> ${VALUE.length}-byte values (${DISTINCT ? 'all distinct' : 'all equal'}), loaded by one pipelined connection`);
  const chunks = encodeSets(N, VALUE, 1 << 20, 1, DISTINCT);
  const rows: string[][] = [['server', 'measure', 'before', 'after', 'delta', 'bytes/key']];

  const redis = await startRedisServer();
  let redisPerKey = NaN;
  try {
    const um0 = await infoField(redis.port, 'memory', 'used_memory');
    const rss0 = rssBytes(redis.pid);
    const r = await pipelinedLoad(redis.port, chunks, N);
    if (r.errors !== 0) throw new Error(`redis-server: ${r.errors} errors`);
    const um1 = await infoField(redis.port, 'memory', 'used_memory');
    const rss1 = rssBytes(redis.pid);
    redisPerKey = (um1 - um0) / N;
    rows.push(row('redis-server', 'INFO used_memory', um0, um1));
    rows.push(row('redis-server', 'process RSS', rss0, rss1));
  } finally {
    await redis.stop();
  }

  const config = new Config();
  const e = config.setMany([['port', ['0']], ['bind', ['127.0.0.1']], ['loglevel', ['warning']]], true);
  if (e !== null) throw new Error(e);
  const server = await startServer(config);
  let heapPerKey = NaN;
  try {
    await settle(gc);
    const h0 = heapBytes();
    const um0 = await infoField(server.port, 'memory', 'used_memory');
    const rss0 = rssBytes(process.pid);
    const r = await pipelinedLoad(server.port, chunks, N);
    if (r.errors !== 0) throw new Error(`Redwire: ${r.errors} errors`);
    const size = await rawCommand(server.port, 'DBSIZE');
    if (size !== `:${N}\r\n`) throw new Error(`Redwire DBSIZE ${size.trim()}`);
    const um1 = await infoField(server.port, 'memory', 'used_memory');
    await settle(gc);
    const h1 = heapBytes();
    const rss1 = rssBytes(process.pid);
    heapPerKey = (h1 - h0) / N;
    rows.push(row('Redwire', 'V8 heap+external after GC', h0, h1));
    rows.push(row('Redwire', 'INFO used_memory (no GC)', um0, um1));
    rows.push(row('Redwire', 'process RSS (incl. loader)', rss0, rss1));
  } finally {
    await server.close();
  }
  void chunks.length; // the request chunks stay alive through both measurements, so they cancel out
  printTable(rows, 2);
  console.log(`ratio (Redwire heap bytes/key / redis-server used_memory bytes/key): ${(heapPerKey / redisPerKey).toFixed(2)} (below 1.00: Redwire smaller)`);
}

const gc = (globalThis as { gc?: Gc }).gc;
if (gc === undefined) {
  // The exact heap figure needs forced GCs: run again with --expose-gc.
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  main(gc).then(() => process.exit(0), (err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
