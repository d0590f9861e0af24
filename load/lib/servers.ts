// Reference redis-server and Redwire processes for the load scripts, each on
// a free loopback port, started and stopped by the script that measures them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as dist/load/lib/servers.js). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A server child process under measurement. */
export interface ServerProcess {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when the port answers PING with +PONG; rejects after timeoutMs. */
async function waitForPong(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createConnection({ port, host: '127.0.0.1' });
      s.setTimeout(1000, () => { s.destroy(); resolve(false); });
      s.on('connect', () => s.write('PING\r\n'));
      s.on('data', (d) => { s.destroy(); resolve(d.toString('latin1') === '+PONG\r\n'); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Children still running; killed if this process exits first (one listener for all). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A spawned server as a ServerProcess: stop() sends SIGTERM (SIGKILL after 5 s), then runs `cleanup`; killed if this process exits first. */
export function trackProcess(name: string, port: number, child: ChildProcess, cleanup: () => void = () => {}): ServerProcess {
  live.add(child);
  const exited = new Promise<void>((r) => child.once('exit', () => {
    live.delete(child);
    r();
  }));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    cleanup();
  };
  return { name, port, pid: child.pid ?? -1, stop };
}

/** redis-server without persistence, in a private temporary directory. */
export async function startRedisServer(port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redwire-load-'));
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', dir, '--logfile', '', '--loglevel', 'warning'], { stdio: 'ignore' });
  const s = trackProcess('redis-server', p, child, () => rmSync(dir, { recursive: true, force: true }));
  await waitForPong(p);
  return s;
}

/** Redwire as its own process: node dist/src/main.js --port P (built by `npm run build`). */
export async function startRedwire(port?: number, extra: string[] = []): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const main = path.join(REPO_ROOT, 'dist/src/main.js');
  // No WebSocket gateway unless asked for: the default port 7379 may be taken.
  const args = extra.includes('--ws-port') ? extra : ['--ws-port', '0', ...extra];
  const child = spawn(process.execPath, [main, '--port', String(p), ...args], { stdio: 'ignore', cwd: REPO_ROOT });
  const s = trackProcess('Redwire', p, child);
  await waitForPong(p);
  return s;
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
  return m ? Number(m[1]) * 1024 : NaN;
}
