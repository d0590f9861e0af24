// Pub/Sub fan-out benchmark, Redwire against redis-server in the same run:
//   fanout    1 publisher -> N channel subscribers (default 1,000)
//   patterns  1 publisher -> S subscribers of the one matching pattern, while
//             another connection holds K-1 patterns that never match
//             (default 10,000 patterns in all: the cost of pattern matching)
// Delivered messages per second, rounds alternating between the servers.
//
// The measuring side is load/fanout-sub.c (subscribers and a pipelined
// publisher in one epoll loop), built with gcc on first use into a temporary
// directory; a Node client would saturate long before either server.
//
// usage (after npm run build):
//   node dist/load/fanout.js [--subscribers 1000] [--messages 20000] [--patterns 10000]
//        [--pattern-subscribers 100] [--pattern-messages 20000] [--payload 32] [--window 256]
//        [--rounds 3] [--rows fanout,patterns] [--redis-port 7175] [--redwire-port 7176]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startRedisServer, startRedwire, type ServerProcess } from './lib/servers.js';
import { option, printTable, rate } from './lib/table.js';
import { buildCClient, runClient, type FanoutResult } from './lib/c-client.js';

const SOURCE = path.join(REPO_ROOT, 'load/fanout-sub.c');

async function runSubscribers(bin: string, args: string[]): Promise<FanoutResult> {
  const { result, stdout } = await runClient<FanoutResult>(bin, args);
  if (result === null) throw new Error(`fanout-sub printed no result: ${stdout}`);
  return result;
}

interface Row {
  name: string;
  args: string[];
}

async function main(): Promise<void> {
  const subscribers = option('subscribers', 'FANOUT_SUBSCRIBERS', '1000');
  const messages = option('messages', 'FANOUT_MESSAGES', '20000');
  const patterns = Number(option('patterns', 'FANOUT_PATTERNS', '10000'));
  const patternSubs = option('pattern-subscribers', 'FANOUT_PATTERN_SUBSCRIBERS', '100');
  const patternMessages = option('pattern-messages', 'FANOUT_PATTERN_MESSAGES', '20000');
  const payload = option('payload', 'FANOUT_PAYLOAD', '32');
  const window = option('window', 'FANOUT_WINDOW', '256');
  const rounds = Number(option('rounds', 'FANOUT_ROUNDS', '3'));
  const wanted = option('rows', 'FANOUT_ROWS', 'fanout,patterns').split(',');
  const redisPort = Number(option('redis-port', 'FANOUT_REDIS_PORT', '7175'));
  const redwirePort = Number(option('redwire-port', 'FANOUT_REDWIRE_PORT', '7176'));
  if (!existsSync(path.join(REPO_ROOT, 'dist/src/main.js'))) throw new Error('dist/src/main.js missing: run `npm run build` first');
  const bin = buildCClient(SOURCE, 'fanout-sub');
  const common = ['--payload', payload, '--window', window, '--timeout', '300'];
  const all: Row[] = [
    { name: `fanout 1->${subscribers}`, args: ['-n', subscribers, '-m', messages, '--channel', 'bench', ...common] },
    {
      name: `patterns ${patterns} (1 matches) ->${patternSubs}`,
      args: ['-n', patternSubs, '-m', patternMessages, '--channel', 'sensor:4242:temp', '--pattern', 'sensor:4242:*',
        '--extra-patterns', String(patterns - 1), '--extra-prefix', 'sensor', ...common],
    },
  ];
  const rows = all.filter((r) => wanted.some((w) => r.name.startsWith(w)));
  console.log(`fanout: client ${bin}; payload ${payload} B; window ${window}; rounds ${rounds}`);
  const results = new Map<string, { redis: number[]; redwire: number[] }>();
  for (const row of rows) {
    const res = { redis: [] as number[], redwire: [] as number[] };
    results.set(row.name, res);
    for (let r = 0; r < rounds; r++) {
      // Alternate which server goes first; each round starts fresh servers.
      const order: Array<'redis' | 'redwire'> = r % 2 === 0 ? ['redis', 'redwire'] : ['redwire', 'redis'];
      for (const which of order) {
        const server: ServerProcess = which === 'redis'
          ? await startRedisServer(redisPort)
          : await startRedwire(redwirePort, ['--ws-port', '0', '--loglevel', 'warning']);
        try {
          const out = await runSubscribers(bin, ['-p', String(server.port), '--server-pid', String(server.pid), ...row.args]);
          if (out.delivered < out.expected) throw new Error(`${which}: delivered ${out.delivered} of ${out.expected} (closed ${out.closed})`);
          res[which].push(out.rate);
          console.log(`${row.name} round ${r + 1} ${which}: ${rate(out.rate)} delivered (${out.delivered} in ${out.seconds.toFixed(3)} s, server cpu ${out.server_cpu.toFixed(2)} s)`);
        } finally {
          await server.stop();
        }
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log('');
  printTable([
    ['row', 'redis-server', 'Redwire', 'ratio'],
    ...[...results].map(([name, r]) => [name, rate(median(r.redis)), rate(median(r.redwire)), (median(r.redwire) / median(r.redis)).toFixed(2)]),
  ]);
  console.log('delivered messages per second, median of rounds; ratio = Redwire / redis-server');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
