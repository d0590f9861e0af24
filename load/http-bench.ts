// HTTP load: Redwire's REST routes against Debian's webdis (in front of a
// redis-server) in the same run, with autocannon as the load generator.
//
//   publish   Redwire: POST /PUBLISH/bench (body = message)
//             webdis:  PUT  /PUBLISH/bench (webdis takes a POST body as the whole command; PUT appends it as the last argument)
//   get       GET /GET/bench:key on both
//
// Each (route, pipelining) row runs every target in turn, alternating the
// order between rounds; the ratio is Redwire / webdis requests per second.
// autocannon is a single Node process: on a small machine it may saturate
// before either server does, so figures are relative, not ceilings.
//
// usage (after npm run build):
//   node dist/load/http-bench.js [--duration 10] [--connections 100] [--pipelining 1,10] [--routes publish,get]
//        [--targets redwire,webdis] [--rounds 1] [--webdis-threads 2] [--payload 16] [--json out.json]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { freePort, startRedisServer, startRedwire, trackProcess, type ServerProcess } from './lib/servers.js';
import { rawCommand } from './lib/resp.js';
import { option, printTable, rate } from './lib/table.js';

const WEBDIS = '/usr/bin/webdis';

interface Target {
  name: string;
  url: string;
  /** Method for the publish route. */
  publishMethod: string;
  /** RESP port of the store behind it (to prepare keys). */
  respPort: number;
  stop(): Promise<void>;
}

interface Row {
  route: string;
  pipelining: number;
  target: string;
  round: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Resolves once GET url answers 200. */
async function waitForHttp(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startRedwireTarget(): Promise<Target> {
  const httpPort = await freePort();
  const rw: ServerProcess = await startRedwire(undefined, ['--ws-port', String(httpPort), '--loglevel', 'warning']);
  const url = `http://127.0.0.1:${httpPort}`;
  await waitForHttp(`${url}/healthz`);
  return { name: 'Redwire', url, publishMethod: 'POST', respPort: rw.port, stop: () => rw.stop() };
}

async function startWebdisTarget(threads: number): Promise<Target> {
  const redis = await startRedisServer();
  const httpPort = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redwire-webdis-'));
  const config = path.join(dir, 'webdis.json');
  writeFileSync(config, JSON.stringify({
    redis_host: '127.0.0.1', redis_port: redis.port, http_host: '127.0.0.1', http_port: httpPort, threads, pool_size: 20,
    daemonize: false, websockets: false, database: 0, verbosity: 0, logfile: path.join(dir, 'webdis.log'),
    acl: [{ disabled: ['DEBUG'] }],
  }));
  const webdis = trackProcess('webdis', httpPort, spawn(WEBDIS, [config], { stdio: 'ignore', cwd: dir }), () => rmSync(dir, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${httpPort}`;
  await waitForHttp(`${url}/PING`);
  return {
    name: 'webdis',
    url,
    publishMethod: 'PUT',
    respPort: redis.port,
    stop: async () => {
      await webdis.stop();
      await redis.stop();
    },
  };
}

async function measure(t: Target, route: string, pipelining: number, connections: number, duration: number, payload: string): Promise<Result> {
  const opts = route === 'publish'
    ? { url: `${t.url}/PUBLISH/bench`, method: t.publishMethod, body: payload, headers: { 'content-type': 'application/octet-stream' } }
    : { url: `${t.url}/GET/bench:key`, method: 'GET' };
  return autocannon({ ...opts, connections, pipelining, duration, timeout: 10 });
}

async function main(): Promise<void> {
  const duration = Number(option('duration', 'HTTP_BENCH_DURATION', '10'));
  const connections = Number(option('connections', 'HTTP_BENCH_CONNECTIONS', '100'));
  const pipelinings = option('pipelining', 'HTTP_BENCH_PIPELINING', '1,10').split(',').map(Number);
  const routes = option('routes', 'HTTP_BENCH_ROUTES', 'publish,get').split(',');
  const targetNames = option('targets', 'HTTP_BENCH_TARGETS', 'redwire,webdis').split(',');
  const rounds = Number(option('rounds', 'HTTP_BENCH_ROUNDS', '1'));
  const webdisThreads = Number(option('webdis-threads', 'HTTP_BENCH_WEBDIS_THREADS', '2'));
  const payload = 'x'.repeat(Number(option('payload', 'HTTP_BENCH_PAYLOAD', '16')));
  const jsonOut = option('json', 'HTTP_BENCH_JSON', '');
  // (webdis has no --version: it would read that as a config file and start with its defaults.)
  if (targetNames.includes('webdis') && !existsSync(WEBDIS)) {
    throw new Error(`${WEBDIS} not found (apt-get install webdis)`);
  }

  const targets: Target[] = [];
  try {
    for (const name of targetNames) targets.push(name === 'webdis' ? await startWebdisTarget(webdisThreads) : await startRedwireTarget());
    for (const t of targets) await rawCommand(t.respPort, 'SET', 'bench:key', 'hello-world-value');
    console.log(`HTTP load: ${connections} connections, ${duration}s per run, pipelining ${pipelinings.join('/')}, ${rounds} round(s), ` +
      `payload ${payload.length} B, webdis threads ${webdisThreads}; autocannon in node ${process.version}`);
    const rows: Row[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const route of routes) {
        for (const pipelining of pipelinings) {
          const order = round % 2 === 0 ? targets : [...targets].reverse();
          for (const t of order) {
            const r = await measure(t, route, pipelining, connections, duration, payload);
            rows.push({
              route, pipelining, target: t.name, round, rps: r.requests.average, p50: r.latency.p50, p90: r.latency.p90,
              p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx,
            });
          }
        }
      }
    }
    report(rows, targets.map((t) => t.name));
    if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
  } finally {
    for (const t of targets) await t.stop();
  }
}

/** One line per (route, pipelining, target), averaged over rounds, with Redwire/webdis. */
function report(rows: Row[], names: string[]): void {
  const table: string[][] = [['route', 'pipe', 'target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'non-2xx', 'ratio']];
  const keys = [...new Set(rows.map((r) => `${r.route}|${r.pipelining}`))];
  for (const key of keys) {
    const [route, pipe] = key.split('|');
    const avg = new Map<string, Row>();
    for (const name of names) {
      const rs = rows.filter((r) => r.route === route && String(r.pipelining) === pipe && r.target === name);
      const mean = (f: (r: Row) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
      avg.set(name, { ...rs[0], rps: mean((r) => r.rps), p50: mean((r) => r.p50), p90: mean((r) => r.p90), p99: mean((r) => r.p99),
        errors: mean((r) => r.errors), non2xx: mean((r) => r.non2xx) });
    }
    const base = avg.get('webdis')?.rps;
    for (const name of names) {
      const r = avg.get(name)!;
      const ratio = name === 'Redwire' && base !== undefined && base > 0 ? (r.rps / base).toFixed(2) : '';
      table.push([route, pipe, name, rate(r.rps), r.p50.toFixed(1), r.p90.toFixed(1), r.p99.toFixed(1), String(r.errors), String(r.non2xx), ratio]);
    }
  }
  printTable(table, 3);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
