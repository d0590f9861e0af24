// The load generators' C clients: built with gcc once per source version, run
// as child processes that print one JSON result line at the end.
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Compiles `source` (-O2) into a temp dir keyed by its hash; returns the binary's path. */
export function buildCClient(source: string, name: string): string {
  const src = readFileSync(source);
  const dir = path.join(os.tmpdir(), `redwire-${name}-${createHash('sha256').update(src).digest('hex').slice(0, 12)}`);
  const bin = path.join(dir, name);
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('gcc', ['-O2', '-Wall', '-o', bin, source], { stdio: 'inherit' });
  }
  return bin;
}

/** The result line the fan-out clients print last (each adds fields of its own). */
export interface FanoutResult {
  subscribers: number;
  messages: number;
  delivered: number;
  expected: number;
  closed: number;
  seconds: number;
  rate: number;
  publish_seconds: number;
  /** Server CPU seconds during the measured phase. */
  server_cpu: number;
}

/** Runs a client (`cmd` may be taskset in front of it); `result` is its last stdout line parsed, null unless that is JSON. */
export function runClient<T>(cmd: string, args: string[]): Promise<{ result: T | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.on('error', reject);
    c.on('close', () => {
      const line = stdout.trim().split('\n').pop() ?? '';
      resolve({ result: line.startsWith('{') ? (JSON.parse(line) as T) : null, stdout });
    });
  });
}
