// Bulk-load benchmark: N SETs (key:<12 digits> -> small value) into
// redis-server and into Redwire in the same run, two ways:
//   1. redis-cli --pipe reading a pre-generated RESP file (mass insertion);
//   2. our own pipelined generator: pre-encoded RESP written in ~1 MB chunks
//      over one socket, replies counted by scanning bytes (no client library).
// Each run starts from FLUSHALL and is checked: zero errors, DBSIZE == N.
//
// usage: node dist/load/bulk.js [--n 1000000] [--value abc]   (env BULK_N, BULK_VALUE)
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeSets, pipelinedLoad, rawCommand } from './lib/resp.js';
import { startRedisServer, startRedwire, type ServerProcess } from './lib/servers.js';
import { option, printTable, rate } from './lib/table.js';

const N = Number(option('n', 'BULK_N', '1000000'));
const VALUE = option('value', 'BULK_VALUE', 'abc');

interface Run {
  seconds: number;
  ok: boolean;
  note: string;
}

/** redis-cli --pipe < file; returns wall time and whether it reported "errors: 0, replies: N". */
function cliPipe(port: number, file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const m = /errors: (\d+), replies: (\d+)/.exec(out);
      const ok = code === 0 && m !== null && m[1] === '0' && Number(m[2]) === N;
      resolve({ seconds, ok, note: m ? `errors ${m[1]}, replies ${m[2]}` : out.trim().slice(0, 80) });
    });
    createReadStream(file).pipe(child.stdin);
  });
}

async function generator(port: number, chunks: Buffer[]): Promise<Run> {
  const r = await pipelinedLoad(port, chunks, N);
  return { seconds: r.seconds, ok: r.errors === 0 && r.replies === N, note: `errors ${r.errors}, replies ${r.replies}` };
}

async function checked(server: ServerProcess, run: () => Promise<Run>): Promise<Run> {
  const flushed = await rawCommand(server.port, 'FLUSHALL');
  if (flushed !== '+OK\r\n') throw new Error(`${server.name}: FLUSHALL answered ${JSON.stringify(flushed)}`);
  const r = await run();
  const size = await rawCommand(server.port, 'DBSIZE');
  if (size !== `:${N}\r\n`) {
    r.ok = false;
    r.note += `, DBSIZE ${size.trim()}`;
  }
  return r;
}

async function main(): Promise<void> {
  console.log(`bulk load: ${N} SETs of key:<12 digits> -> ${VALUE.length}-byte value, loopback, one connection`);
  const chunks = encodeSets(N, VALUE);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redwire-bulk-'));
  const file = path.join(dir, 'sets.resp');
  writeFileSync(file, Buffer.concat(chunks));
  const redis = await startRedisServer();
  const redwire = await startRedwire();
  const rows: string[][] = [['method', 'redis-server', 'Redwire', 'ratio', 'checks']];
  let allOk = true;
  try {
    const methods: Array<[string, (s: ServerProcess) => Promise<Run>]> = [
      ['redis-cli --pipe', (s) => cliPipe(s.port, file)],
      ['pipelined generator', (s) => generator(s.port, chunks)],
    ];
    for (const [name, fn] of methods) {
      const a = await checked(redis, () => fn(redis));
      const b = await checked(redwire, () => fn(redwire));
      allOk &&= a.ok && b.ok;
      rows.push([
        name,
        `${a.seconds.toFixed(2)} s ${rate(N / a.seconds)}`,
        `${b.seconds.toFixed(2)} s ${rate(N / b.seconds)}`,
        (a.seconds / b.seconds).toFixed(2),
        a.ok && b.ok ? 'ok' : `FAILED (redis: ${a.note}; Redwire: ${b.note})`,
      ]);
    }
  } finally {
    await Promise.all([redis.stop(), redwire.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(rows);
  console.log('ratio = Redwire throughput / redis-server throughput (above 1.00: Redwire faster), one run each.');
  if (!allOk) process.exitCode = 1;
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
