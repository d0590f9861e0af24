// Builds the load generators' C clients with gcc, once per source version.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
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
