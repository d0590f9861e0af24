// Shared by the browser tests: Debian's chromium driven by playwright-core
// (never a downloaded browser) with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** A headless chromium with its own throw-away profile. */
export interface Chromium {
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
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
    page: context.pages()[0] ?? (await context.newPage()),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
