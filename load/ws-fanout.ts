// WebSocket fan-out benchmark: one RESP publisher (pipelined PUBLISH over
// TCP, as fast as the server takes it) to N WebSocket subscribers on the json
// subprotocol, delivered messages per second, against the ceiling of a raw
// uWebSockets.js program that does nothing but app.publish (load/ws-ceiling),
// measured in the same run, rounds alternating between targets.
//
// The measuring side is load/ws-fanout.c (one epoll loop for the subscribers
// and the publisher), built with gcc on first use into a temporary directory.
// Each round warms the server up (M/5 messages, unmeasured) before the
// measured M; server CPU is read from /proc over the measured phase only.
//
// usage (after npm run build):
//   node dist/load/ws-fanout.js [--subscribers 50,1000] [--messages 200000,20000] [--rounds 3]
//        [--targets ceiling,redwire,redwire-notopics] [--payload 32] [--pin-server 0 --pin-client 1]
//        [--max-backpressure 67108864] [--json out.json]
// --messages gives one count per subscriber count (or one for all).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, trackProcess } from './lib/servers.js';
import { option, printTable, rate } from './lib/table.js';
import { buildCClient, runClient, type FanoutResult } from './lib/c-client.js';

const RESP_PORT = 7181;
const WS_PORT = 7381;
const CEILING_PUB_PORT = 7182;
const CEILING_WS_PORT = 7382;

interface Target {
  name: string;
  /** argv for the server (run with node). */
  server: string[];
  wsPort: number;
  pubPort: number;
  client: string[];
}

const CLIENT_SOURCE = path.join(REPO_ROOT, 'load/ws-fanout.c');

function targets(maxBackpressure: string): Map<string, Target> {
  const redwire = (extra: string[]): string[] => [
    path.join(REPO_ROOT, 'dist/src/main.js'), '--port', String(RESP_PORT), '--ws-port', String(WS_PORT),
    '--ws-max-backpressure', maxBackpressure, '--ws-idle-timeout', '0', '--loglevel', 'warning', ...extra,
  ];
  const jsonClient = ['--send', '{"id":1,"cmd":["SUBSCRIBE","bench"]}', '--ready', '"id":1', '--count', '"push":"message"',
    '--pub-mode', 'resp', '--channel', 'bench'];
  return new Map<string, Target>([
    ['ceiling', {
      name: 'ceiling', wsPort: CEILING_WS_PORT, pubPort: CEILING_PUB_PORT,
      server: [path.join(REPO_ROOT, 'dist/load/ws-ceiling.js'), '--ws-port', String(CEILING_WS_PORT), '--pub-port',
        String(CEILING_PUB_PORT), '--max-backpressure', maxBackpressure],
      client: ['--send', 'sub', '--ready', 'ready', '--count', '"push":"message"', '--pub-mode', 'lines', '--protocol', ''],
    }],
    ['redwire', { name: 'redwire', wsPort: WS_PORT, pubPort: RESP_PORT, server: redwire([]), client: jsonClient }],
    ['redwire-notopics', {
      name: 'redwire-notopics', wsPort: WS_PORT, pubPort: RESP_PORT, server: redwire(['--ws-topics', 'no']), client: jsonClient,
    }],
  ]);
}

function withPin(cpus: string, cmd: string, args: string[]): [string, string[]] {
  return cpus === '' ? [cmd, args] : ['taskset', ['-c', cpus, cmd, ...args]];
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createConnection({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} never opened`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Round {
  target: string;
  n: number;
  m: number;
  result: FanoutResult | null;
  serverCpu: number;
  error?: string;
}

async function runRound(t: Target, bin: string, n: number, m: number, payload: string, pinServer: string, pinClient: string): Promise<Round> {
  const [cmd, args] = withPin(pinServer, process.execPath, t.server);
  const server = trackProcess(t.name, t.pubPort, spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] }));
  try {
    await waitForPort(t.pubPort);
    await waitForPort(t.wsPort);
    const clientArgs = ['--ws-port', String(t.wsPort), '--pub-port', String(t.pubPort), '-n', String(n), '-m', String(m),
      '--payload', payload, '--server-pid', String(server.pid), ...t.client];
    const [ccmd, cargs] = withPin(pinClient, bin, clientArgs);
    const { result } = await runClient<FanoutResult>(ccmd, cargs);
    if (result === null) return { target: t.name, n, m, result: null, serverCpu: NaN, error: 'no result' };
    return { target: t.name, n, m, result, serverCpu: result.server_cpu };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const subscribers = option('subscribers', 'WS_SUBSCRIBERS', '50,1000').split(',').map(Number);
  const messagesOpt = option('messages', 'WS_MESSAGES', '200000,20000').split(',').map(Number);
  const rounds = Number(option('rounds', 'WS_ROUNDS', '3'));
  const payload = option('payload', 'WS_PAYLOAD', '32');
  const wanted = option('targets', 'WS_TARGETS', 'ceiling,redwire,redwire-notopics').split(',');
  const pinServer = option('pin-server', 'WS_PIN_SERVER', '');
  const pinClient = option('pin-client', 'WS_PIN_CLIENT', '');
  const maxBackpressure = option('max-backpressure', 'WS_MAX_BACKPRESSURE', String(64 * 1024 * 1024));
  const jsonOut = option('json', 'WS_JSON', '');
  for (const f of ['dist/src/main.js', 'dist/load/ws-ceiling.js']) {
    if (!existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} missing: run \`npm run build\` first`);
  }
  const all = targets(maxBackpressure);
  const chosen = wanted.map((w) => {
    const t = all.get(w);
    if (t === undefined) throw new Error(`unknown target ${w} (ceiling, redwire, redwire-notopics)`);
    return t;
  });
  const bin = buildCClient(CLIENT_SOURCE, 'ws-fanout');
  console.log(`ws-fanout: client ${bin}; payload ${payload} B; rounds ${rounds}; targets ${wanted.join(', ')}`);
  const rows: Round[] = [];
  for (let i = 0; i < subscribers.length; i++) {
    const n = subscribers[i];
    const m = messagesOpt[Math.min(i, messagesOpt.length - 1)];
    for (let r = 0; r < rounds; r++) {
      for (const t of chosen) {
        const round = await runRound(t, bin, n, m, payload, pinServer, pinClient);
        rows.push(round);
        const res = round.result;
        console.log(`  N=${n} M=${m} round ${r + 1} ${t.name}: ${res ? `${rate(res.rate)} delivered ${res.delivered}/${res.expected}` : round.error}`);
      }
    }
  }
  summarise(rows, subscribers, chosen.map((t) => t.name));
  if (jsonOut !== '') writeFileSync(jsonOut, JSON.stringify({ ncpu: os.cpus().length, rows }, null, 1));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One line per N and target: median rate, ratio to the ceiling (median of per-round ratios), losses, server CPU. */
function summarise(rows: Round[], subscribers: number[], names: string[]): void {
  const table: string[][] = [['N', 'target', 'delivered/s (median)', 'vs ceiling', 'lost', 'server CPU s', 'deliveries per CPU-s']];
  for (const n of subscribers) {
    const ceil = rows.filter((r) => r.n === n && r.target === 'ceiling');
    for (const name of names) {
      const mine = rows.filter((r) => r.n === n && r.target === name);
      const rates = mine.map((r) => r.result?.rate ?? 0);
      const ratios = mine.map((r, i) => (ceil[i]?.result ? (r.result?.rate ?? 0) / ceil[i].result!.rate : NaN)).filter((x) => !Number.isNaN(x));
      const lost = mine.reduce((a, r) => a + (r.result ? r.result.expected - r.result.delivered : r.n * r.m), 0);
      const cpu = median(mine.map((r) => r.serverCpu));
      const perCpu = median(mine.map((r) => (r.result ? r.result.delivered / r.serverCpu : NaN)));
      table.push([String(n), name, rate(median(rates)), ratios.length ? median(ratios).toFixed(2) : 'n/a', String(lost),
        cpu.toFixed(2), rate(perCpu)]);
    }
  }
  console.log('');
  printTable(table, 2);
  console.log('vs ceiling = delivered/s over the raw uWS app.publish program of the same round (median of rounds)');
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
