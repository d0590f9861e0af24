// End to end in a real browser: Debian's chromium (driven by playwright-core,
// never a downloaded browser) loads a page served by the gateway, which
// imports /redwire.js; redis-cli and ioredis talk to it across transports,
// and CLIENT KILL proves reconnection restores subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Redis } from 'ioredis';
import type { HttpResponse } from 'uWebSockets.js';
import { startWsServer, type WsTestServer } from '../helpers/server.js';
import { redisCli } from '../helpers/cli.js';
import { launchChromium, type Chromium } from './dashboard-helpers.js';

// The page under test: connects with redwire.js and records what happens.
const PAGE = `<!doctype html><meta charset="utf-8"><title>redwire test</title>
<ul id="log"></ul>
<script type="module">
  import { connect, RedwireError } from '/redwire.js';
  const log = (s) => { const li = document.createElement('li'); li.textContent = s; document.getElementById('log').append(li); };
  const rw = connect('ws://' + location.host + '/ws', { minDelay: 100, maxDelay: 400 });
  window.rw = rw;
  window.got = [];
  window.events = [];
  window.RedwireError = RedwireError;
  rw.on('open', () => window.events.push('open'));
  rw.on('close', (e) => window.events.push('close ' + e.code + ' ' + e.reconnecting));
  await rw.subscribe('news', (data, channel) => { window.got.push(channel + ':' + data); log(channel + ': ' + data); });
  await rw.psubscribe('n*', (data, channel, pattern) => window.got.push(pattern + '>' + channel + ':' + data));
  window.ready = true;
</script>`;

let server: WsTestServer;
let redis: Redis;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  server = await startWsServer({}, (app) => app.get('/test-page.html', (res: HttpResponse) => {
    res.writeHeader('Content-Type', 'text/html; charset=utf-8').end(PAGE);
  }));
  redis = new Redis({ port: server.port, host: '127.0.0.1' });
  // Playwright's default viewport: this page's layout is not under test.
  browser = await launchChromium({ width: 1280, height: 720 });
  page = browser.page;
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(`http://127.0.0.1:${server.wsPort}/test-page.html`);
  await page.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true, null, { timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  redis?.disconnect();
  await server?.close();
});

type Win = { got: string[]; events: string[]; rw: { call(...a: unknown[]): Promise<unknown>; [k: string]: any } };

describe('redwire.js in chromium', () => {
  it('serves the module', async () => {
    const res = await fetch(`http://127.0.0.1:${server.wsPort}/redwire.js`);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('export function connect');
  });

  it('receives what redis-cli publishes, on the channel and the pattern', async () => {
    expect(await redisCli(server.port, 'publish', 'news', 'hello from redis-cli')).toBe('2');
    await page.waitForFunction(() => (globalThis as unknown as Win).got.length >= 2);
    const got = await page.evaluate(() => (globalThis as unknown as Win).got);
    expect(got.sort()).toEqual(['n*>news:hello from redis-cli', 'news:hello from redis-cli']);
    expect(await page.locator('#log li').count()).toBe(1);
    expect(await page.locator('#log li').first().textContent()).toBe('news: hello from redis-cli');
  });

  it('publishes to ioredis subscribers and writes keys TCP clients read', async () => {
    const sub = new Redis({ port: server.port, host: '127.0.0.1' });
    const got: string[] = [];
    sub.on('message', (ch, m) => got.push(`${ch}:${m}`));
    await sub.subscribe('chat');
    const receivers = await page.evaluate(() => (globalThis as unknown as Win).rw.publish('chat', 'from the browser ✓'));
    expect(receivers).toBe(1);
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['chat:from the browser ✓']);
    sub.disconnect();
    expect(await page.evaluate(() => (globalThis as unknown as Win).rw.set('browser:key', 'välue'))).toBe('OK');
    expect(await redis.get('browser:key')).toBe('välue');
    expect(await page.evaluate(() => (globalThis as unknown as Win).rw.call('HSET', 'browser:h', 'a', 1))).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as Win).rw.hgetall('browser:h'))).toEqual({ a: '1' });
  });

  it('rejects errors with the server code', async () => {
    const r = await page.evaluate(async () => {
      try {
        await (globalThis as unknown as Win).rw.call('FLUSHALL');
        return 'resolved';
      } catch (e) {
        return `${(e as { name: string }).name} ${(e as { code: string }).code}`;
      }
    });
    expect(r).toBe('RedwireError FORBIDDEN');
  });

  it('reconnects after CLIENT KILL and restores its subscriptions', async () => {
    const id = await page.evaluate(() => (globalThis as unknown as Win).rw.call('CLIENT', 'ID')) as number;
    expect(await redis.client('KILL', 'ID', String(id))).toBe(1);
    await page.waitForFunction(() => (globalThis as unknown as Win).events.filter((e) => e === 'open').length >= 2, null, { timeout: 10_000 });
    const events = await page.evaluate(() => (globalThis as unknown as Win).events);
    expect(events).toEqual(['open', 'close 4101 true', 'open']);
    const newId = await page.evaluate(() => (globalThis as unknown as Win).rw.call('CLIENT', 'ID')) as number;
    expect(newId).not.toBe(id);
    // Subscriptions are back before the next message is published.
    for (let i = 0; i < 100 && (await redis.pubsub('NUMSUB', 'news'))[1] !== 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await redisCli(server.port, 'publish', 'news', 'after reconnect')).toBe('2');
    await page.waitForFunction(() => (globalThis as unknown as Win).got.filter((g) => g.endsWith('after reconnect')).length === 2);
  });

  it('turns non-UTF-8 values into Uint8Array and sends bytes as $b64', async () => {
    const r = await page.evaluate(async () => {
      const rw = (globalThis as unknown as Win).rw;
      await rw.set('browser:bin', new Uint8Array([0xff, 0x00, 0x41]));
      const v = await rw.get('browser:bin') as Uint8Array;
      return [v instanceof Uint8Array, Array.from(v)];
    });
    expect(r).toEqual([true, [0xff, 0x00, 0x41]]);
    expect(await redis.getBuffer('browser:bin')).toEqual(Buffer.from([0xff, 0x00, 0x41]));
  });

  it('honours the close-code classes', async () => {
    const delays = await page.evaluate(async () => {
      // (vitest rewrites import() in test code, so the page imports through Function)
      const { reconnectDelay } = await new Function('return import("/redwire.js")')();
      const d = (code: number, attempt: number) => reconnectDelay(code, attempt, { minDelay: 100, maxDelay: 1000 });
      return [d(4001, 0), d(4008, 3), d(4200, 0), d(4200, 1) > 0, d(4100, 0) >= 50 && d(4100, 0) <= 100,
        d(4100, 3) >= 400 && d(4100, 3) <= 800, d(1006, 10) <= 1000 && d(1006, 10) >= 500];
    });
    expect(delays).toEqual([-1, -1, 0, true, true, true, true]);
  });
});

describe('redwire.js with ws-token', () => {
  it('authenticates with the token; a wrong token is final (4001, no reconnect)', async () => {
    const s = await startWsServer({ 'ws-token': 'letmein' });
    const p = await browser.context.newPage();
    try {
      await p.goto(`http://127.0.0.1:${s.wsPort}/redwire.js`);
      const r = await p.evaluate(async (url) => {
        const { connect } = await new Function('return import("/redwire.js")')();
        const good = connect(url, { token: 'letmein' });
        const pong = await good.call('PING');
        good.close();
        const bad = connect(url, { token: 'wrong', minDelay: 10 });
        const events: string[] = [];
        bad.on('close', (ev: { code: number; reconnecting: boolean }) => events.push(`${ev.code} ${ev.reconnecting}`));
        let failure = '';
        try {
          await bad.call('PING');
        } catch (err) {
          failure = (err as { code: string }).code;
        }
        await new Promise((res) => setTimeout(res, 300));
        return { pong, failure, events, state: bad.state };
      }, `ws://127.0.0.1:${s.wsPort}/ws`);
      expect(r).toEqual({ pong: 'PONG', failure: 'DISCONNECTED', events: ['4001 false'], state: 'closed' });
    } finally {
      await p.close();
      await s.close();
    }
  });
});
