// A real redis-server (Debian's 7.0) spawned on a free loopback port: the
// reference that differential tests compare Redwire against.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { useServer } from './server.js';

/** A running redis-server child process. */
export interface RedisServer {
  host: string;
  port: number;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its working directory. */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/** True when a redis-server binary is on PATH. */
function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once `port` answers PING with +PONG, or rejects after `timeoutMs`. */
async function waitForPong(port: number, timeoutMs = 10_000, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createConnection({ port, host });
      let got = '';
      const done = (v: boolean) => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(1000, () => done(false));
      s.on('connect', () => s.write('*1\r\n$4\r\nPING\r\n'));
      s.on('data', (d) => {
        got += d.toString('latin1');
        if (got.includes('\r\n')) done(got === '+PONG\r\n');
      });
      s.on('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing answered PING on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Spawns `redis-server` on 127.0.0.1 and a free port, without persistence, in a
 * private temporary directory; `extra` are more config arguments
 * (e.g. ['--enable-debug-command', 'yes']). Retries on a port clash.
 */
export async function startRedisServer(extra: string[] = []): Promise<RedisServer> {
  if (!redisServerAvailable()) throw new Error('redis-server is not installed (apt-get install redis-server)');
  installExitHook();
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redwire-ref-'));
    const child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--daemonize', 'no', '--dir', dir, '--loglevel', 'warning', '--logfile', '', ...extra,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      await Promise.race([
        waitForPong(port),
        exited.then(() => {
          throw new Error(`redis-server exited: ${stderr.trim()}`);
        }),
      ]);
    } catch (e) {
      lastError = e;
      child.kill('SIGKILL');
      children.delete(child);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    let stopped = false;
    return {
      host: '127.0.0.1',
      port,
      pid: child.pid ?? -1,
      async stop() {
        if (stopped) return;
        stopped = true;
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
        children.delete(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** A startRedisServer(extra) server for the enclosing suite (see useServer in server.ts). */
export function useRedisServer(extra: string[] = []): RedisServer {
  return useServer(() => startRedisServer(extra), (s) => s.stop());
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test run must not leave reference servers behind.
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}
