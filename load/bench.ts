// npm run bench: the shared yardstick (bench_broker.py) measuring Redwire
// against redis-server in alternating rounds, with its table re-printed and
// the ratios summarised. Extra arguments pass through (e.g. --rounds 1
// --workloads set1,get1).
//
// BENCH_BROKER overrides the script path (default ../shared/bench/bench_broker.py
// relative to the repository root); BENCH_CMD overrides the Redwire command.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/servers.js';
import { printTable } from './lib/table.js';

const script = process.env.BENCH_BROKER ?? path.resolve(REPO_ROOT, '../shared/bench/bench_broker.py');
const cmd = process.env.BENCH_CMD ?? 'node dist/src/main.js --port {port}';

interface Row {
  workload: string;
  redis: number;
  project: number;
  ratio: number;
  extra: string;
}

async function main(): Promise<void> {
  if (!existsSync(script)) throw new Error(`bench_broker.py not found at ${script} (set BENCH_BROKER)`);
  if (!existsSync(path.join(REPO_ROOT, 'dist/src/main.js'))) throw new Error('dist/src/main.js missing: run `npm run build` first');
  const args = [script, '--cmd', cmd, '--cwd', REPO_ROOT, ...process.argv.slice(2)];
  console.log(`$ python3 ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const rows: Row[] = [];
  let ratioMin = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('python3', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        console.log(line); // the yardstick's own output, as it comes
        const m = /^(\S+)\s+redis=\s*([\d.]+)\/s project=\s*([\d.]+)\/s ratio=([\d.]+)(.*)$/.exec(line);
        if (m) rows.push({ workload: m[1], redis: Number(m[2]), project: Number(m[3]), ratio: Number(m[4]), extra: m[5].trim() });
        const r = /^ratio_min=([\d.]+)/.exec(line);
        if (r) ratioMin = r[1];
      }
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (rows.length > 0) {
    console.log('');
    printTable([
      ['workload', 'redis-server ops/s', 'Redwire ops/s', 'ratio', 'note'],
      ...rows.map((r) => [r.workload, r.redis.toFixed(0), r.project.toFixed(0), r.ratio.toFixed(2), r.extra]),
    ]);
    const below = rows.filter((r) => r.ratio < 1).map((r) => r.workload);
    console.log(`ratio = Redwire / redis-server, median of per-round ratios; ratio_min=${ratioMin || 'n/a'}${below.length ? `; below 1.0: ${below.join(', ')}` : ''}`);
  }
  if (code !== 0) process.exitCode = code ?? 1;
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
