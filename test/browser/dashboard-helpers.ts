// Shared by the live-page and SSE browser tests: Debian's chromium driven by
// playwright-core (never a downloaded browser) with a fresh profile, a
// server with the gateway on a free port, and redis-cli.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { Config } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/server.js';

export const CHROMIUM = '/usr/bin/chromium';

/** A headless chromium with its own throw-away profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's chromium headless (no sandbox, no network side traffic) on a fresh --user-data-dir. */
export async function launchChromium(viewport = { width: 1280, height: 860 }): Promise<Chromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'redwire-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A server with RESP and the gateway on free ports; `options` are config overrides. */
export async function startBrowserServer(options: Record<string, string> = {}): Promise<RunningServer> {
  const config = new Config();
  const pairs: Array<[string, string[]]> = [['port', ['0']], ['loglevel', ['warning']]];
  for (const [k, v] of Object.entries(options)) pairs.push([k, [v]]);
  const e = config.setMany(pairs, true);
  if (e !== null) throw new Error(e);
  return startServer(config, { wsPort: 0 });
}

/** Runs redis-cli -p <port> args... and resolves with its trimmed output. */
export function redisCli(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('redis-cli', ['-p', String(port), ...args]);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => resolve(out.trim()));
  });
}
