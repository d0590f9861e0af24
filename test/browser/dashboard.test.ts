// The live page at / in chromium: it connects through /redwire.js, tails a
// channel that redis-cli publishes to, its publish box reaches an ioredis
// subscriber, figures and channels fill in from /stats.json, data is shown
// as text (never markup), and it fits a phone. Screenshots are written to
// test-results/dashboard.png and test-results/dashboard-phone.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { startWsServer, type WsTestServer } from '../helpers/server.js';
import { redisCli } from '../helpers/cli.js';
import { launchChromium, type Chromium } from './dashboard-helpers.js';

const RESULTS = path.resolve('test-results');

let server: WsTestServer;
let browser: Chromium;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startWsServer();
  browser = await launchChromium({ width: 1280, height: 900 });
  page = browser.page;
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${server.wsPort}/`);
  await page.locator('#conn', { hasText: 'connected' }).waitFor({ timeout: 10_000 });
}, 60_000);

/**
 * Polls a JS expression in the page until it is truthy. (Playwright's own
 * wait would evaluate a string with eval, which the page's CSP forbids.)
 */
async function waitIn(p: Page, expr: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await p.evaluate(expr))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the live page', () => {
  it('is served at / with a strict content security policy', async () => {
    const r = await fetch(`http://127.0.0.1:${server.wsPort}/`);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await r.text();
    expect(html).toContain('<meta name="redwire-ws-path" content="/ws">');
    const js = await fetch(`http://127.0.0.1:${server.wsPort}/dashboard.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain("from '/redwire.js'");
  });

  it('tails a channel: a message published by redis-cli appears', async () => {
    await page.fill('#tail-channel', 'news');
    await page.click('#tail-start');
    await page.locator('#tail-status', { hasText: 'following channel news' }).waitFor();
    expect(await redisCli(server.port, 'publish', 'news', 'hello from redis-cli')).toBe('1');
    const line = page.locator('#tail-list li').first();
    await line.locator('.d', { hasText: 'hello from redis-cli' }).waitFor();
    expect(await line.locator('.c').textContent()).toBe('news');
  });

  it('tails a pattern and shows data as text, never as markup', async () => {
    await page.fill('#tail-channel', 'ev:*');
    await page.click('#tail-start');
    await page.locator('#tail-status', { hasText: 'following pattern ev:*' }).waitFor();
    // The old channel subscription is gone.
    expect(await redisCli(server.port, 'pubsub', 'numsub', 'news')).toBe('news\n0');
    const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    expect(await redisCli(server.port, 'publish', 'ev:1', evil)).toBe('1');
    const line = page.locator('#tail-list li').first();
    await line.locator('.d', { hasText: '<img' }).waitFor();
    expect(await line.locator('.d').textContent()).toBe(evil);
    expect(await line.locator('.c').textContent()).toBe('ev:1 (ev:*)');
    expect(await page.locator('#tail-list img, #tail-list b').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await redisCli(server.port, 'publish', 'ev:2', 'second event');
    await page.locator('#tail-list li').first().locator('.d', { hasText: 'second event' }).waitFor();
  });

  it('publishes from the publish box to an ioredis subscriber', async () => {
    const sub = new Redis({ port: server.port, host: '127.0.0.1' });
    const got: string[] = [];
    sub.on('message', (ch: string, m: string) => got.push(`${ch}:${m}`));
    await sub.subscribe('chat');
    try {
      await page.fill('#pub-channel', 'chat');
      await page.fill('#pub-message', 'from the dashboard ✓');
      await page.click('#pub-send');
      await page.locator('#pub-result', { hasText: 'published to chat: 1 subscriber received it' }).waitFor();
      for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(got).toEqual(['chat:from the dashboard ✓']);
    } finally {
      sub.disconnect();
    }
  });

  it('fills figures, the chart and the channel table from /stats.json', async () => {
    const subs = [new Redis({ port: server.port }), new Redis({ port: server.port })];
    await subs[0].subscribe('busy');
    await subs[1].subscribe('busy', 'quiet');
    try {
      // A little traffic so ops/s moves.
      const writer = new Redis({ port: server.port });
      for (let i = 0; i < 50; i++) await writer.set(`k${i}`, 'v');
      writer.disconnect();
      const row = page.locator('#channels tbody tr', { hasText: 'busy' });
      await row.waitFor({ timeout: 5000 });
      expect(await row.locator('td.n').textContent()).toBe('2');
      await page.locator('#channels tbody tr', { hasText: 'quiet' }).waitFor();
      await waitIn(page, `/^\\d+$/.test(document.getElementById('clients-total').textContent)
        && document.getElementById('ops').textContent !== '–' && document.getElementById('keys').textContent === '50'`);
      expect(Number(await page.locator('#clients-total').textContent())).toBeGreaterThanOrEqual(3);
      expect(await page.locator('#keys').textContent()).toBe('50');
      expect(await page.locator('#clients-by').textContent()).toMatch(/tcp \d+ · ws 1 · http 0 · sse 0/);
      // The chart has drawn something: its canvas has non-transparent pixels.
      const painted = await page.evaluate(`(() => {
        const c = document.getElementById('chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
        return n;
      })()`);
      expect(painted as number).toBeGreaterThan(1000);
      // Lines need two polls; then the accent colour (ops/s) is on the canvas.
      await waitIn(page, "Number(document.getElementById('chart').dataset.samples) >= 3");
      const red = await page.evaluate(`(() => {
        const c = document.getElementById('chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 120 && d[i + 2] < 100) n++;
        return n;
      })()`);
      expect(red as number).toBeGreaterThan(20);
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'dashboard.png'), fullPage: true });
    } finally {
      for (const c of subs) c.disconnect();
    }
  }, 30_000);

  it('fits a phone-sized screen (no horizontal scrolling)', async () => {
    const phone = await browser.context.newPage();
    try {
      await phone.setViewportSize({ width: 375, height: 812 });
      await phone.goto(`http://127.0.0.1:${server.wsPort}/`);
      await phone.locator('#conn', { hasText: 'connected' }).waitFor();
      await phone.locator('#channels tbody tr').first().waitFor();
      await waitIn(phone, "Number(document.getElementById('chart').dataset.samples) >= 2");
      const widths = await phone.evaluate('[document.documentElement.scrollWidth, window.innerWidth]') as number[];
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      // Panels stack: the tail panel is as wide as the chart panel.
      const chart = await phone.locator('#chart-panel').boundingBox();
      const tail = await phone.locator('#tail-panel').boundingBox();
      expect(Math.round(tail!.width)).toBe(Math.round(chart!.width));
      expect(tail!.y).toBeGreaterThan(chart!.y);
      await phone.screenshot({ path: path.join(RESULTS, 'dashboard-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('the live page with ws-token', () => {
  it('passes ?token= to the WebSocket and to /stats.json', async () => {
    const guarded = await startWsServer({ 'ws-token': 'page-token' });
    const p = await browser.context.newPage();
    try {
      await p.goto(`http://127.0.0.1:${guarded.wsPort}/?token=page-token`);
      await p.locator('#conn', { hasText: 'connected' }).waitFor();
      await waitIn(p, "document.getElementById('clients-total').textContent === '1'");
      await p.fill('#pub-channel', 'c');
      await p.fill('#pub-message', 'm');
      await p.click('#pub-send');
      await p.locator('#pub-result', { hasText: 'published to c: 0 subscribers received it' }).waitFor();
    } finally {
      await p.close();
      await guarded.close();
    }
  });
});
