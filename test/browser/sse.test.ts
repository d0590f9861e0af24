// Server-Sent Events in a real browser: chromium's own EventSource on /sse,
// same-origin and cross-origin (CORS), with a token, refused by
// http-cors-origins, and reconnecting by itself after CLIENT KILL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWsServer, type WsTestServer } from '../helpers/server.js';
import { redisCli } from '../helpers/cli.js';
import { launchChromium, type Chromium } from './dashboard-helpers.js';

let server: WsTestServer;
let browser: Chromium;
let page: Page;

// Installed in the page: opens an EventSource and records every event as "type data".
const OPEN_SOURCE = `(url) => {
  const es = new EventSource(url);
  window.es = es;
  window.got = [];
  window.errors = 0;
  for (const type of ['message', 'pmessage', 'subscribe', 'psubscribe', 'close']) {
    es.addEventListener(type, (ev) => window.got.push(type + ' ' + ev.data));
  }
  es.onerror = () => { window.errors++; };
  es.onopen = () => window.got.push('open');
}`;

async function openSource(p: Page, url: string): Promise<void> {
  await p.evaluate(`(${OPEN_SOURCE})(${JSON.stringify(url)})`);
}

async function got(p: Page): Promise<string[]> {
  return (await p.evaluate('window.got')) as string[];
}

async function waitFor(p: Page, expr: string, timeout = 10_000): Promise<void> {
  await p.waitForFunction(expr, null, { timeout });
}

beforeAll(async () => {
  server = await startWsServer();
  browser = await launchChromium();
  page = browser.page;
  page.on('pageerror', (err) => console.error('page error:', err));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('EventSource in chromium', () => {
  it('receives what redis-cli publishes, on channels and patterns', async () => {
    await page.goto(`http://127.0.0.1:${server.wsPort}/healthz`);
    await openSource(page, '/sse?channel=news&pattern=n*');
    await waitFor(page, 'window.got.length >= 3');
    expect(await got(page)).toEqual([
      'open',
      'subscribe {"push":"subscribe","channel":"news","count":1}',
      'psubscribe {"push":"psubscribe","pattern":"n*","count":2}',
    ]);
    expect(await redisCli(server.port, 'publish', 'news', 'hello from redis-cli ✓')).toBe('2'); // the channel and the pattern
    await waitFor(page, 'window.got.length >= 5');
    const events = await got(page);
    expect(events.slice(3).sort()).toEqual([
      'message {"push":"message","channel":"news","data":"hello from redis-cli ✓"}',
      'pmessage {"push":"pmessage","pattern":"n*","channel":"news","data":"hello from redis-cli ✓"}',
    ]);
    // onmessage sees the "message" events (the default SSE event type).
    await page.evaluate('window.onmsg = []; window.es.onmessage = (ev) => window.onmsg.push(JSON.parse(ev.data).data)');
    await redisCli(server.port, 'publish', 'news', 'second');
    await waitFor(page, 'window.onmsg.length === 1');
    expect(await page.evaluate('window.onmsg')).toEqual(['second']);
    await page.evaluate('window.es.close()');
  });

  it('works cross-origin through CORS (page on localhost, stream on 127.0.0.1)', async () => {
    await page.goto(`http://localhost:${server.wsPort}/healthz`);
    await openSource(page, `http://127.0.0.1:${server.wsPort}/sse?channel=cross`);
    await waitFor(page, 'window.got.length >= 2');
    await redisCli(server.port, 'publish', 'cross', 'over CORS');
    await waitFor(page, 'window.got.length >= 3');
    expect((await got(page))[2]).toBe('message {"push":"message","channel":"cross","data":"over CORS"}');
    // A REST call from the same page reads its reply too.
    const r = await page.evaluate(`fetch('http://127.0.0.1:${server.wsPort}/PUBLISH/cross', { method: 'POST', body: 'via fetch' }).then((x) => x.json())`);
    expect(r).toEqual({ PUBLISH: 1 });
    await waitFor(page, 'window.got.length >= 4');
    await page.evaluate('window.es.close()');
  });

  it('is refused for origins outside http-cors-origins (no retry after a 403)', async () => {
    await redisCli(server.port, 'config', 'set', 'http-cors-origins', 'https://app.example');
    try {
      await page.goto(`http://localhost:${server.wsPort}/healthz`);
      await openSource(page, `http://127.0.0.1:${server.wsPort}/sse?channel=cross`);
      await waitFor(page, 'window.errors >= 1 && window.es.readyState === 2');
      expect(await got(page)).toEqual([]);
      expect(await redisCli(server.port, 'pubsub', 'numsub', 'cross')).toBe('cross\n0');
    } finally {
      await redisCli(server.port, 'config', 'set', 'http-cors-origins', '*');
    }
  });

  it('takes the token as ?token=', async () => {
    await redisCli(server.port, 'config', 'set', 'ws-token', 'tok');
    try {
      await page.goto(`http://127.0.0.1:${server.wsPort}/healthz`);
      await openSource(page, '/sse?channel=secret');
      await waitFor(page, 'window.errors >= 1 && window.es.readyState === 2');
      await openSource(page, '/sse?channel=secret&token=tok');
      await waitFor(page, 'window.got.length >= 2');
      await redisCli(server.port, 'publish', 'secret', 's');
      await waitFor(page, 'window.got.length >= 3');
      await page.evaluate('window.es.close()');
    } finally {
      await redisCli(server.port, 'config', 'set', 'ws-token', '');
    }
  });

  it('after CLIENT KILL gets a close event, reconnects by itself and is subscribed again', async () => {
    await page.goto(`http://127.0.0.1:${server.wsPort}/healthz`);
    await openSource(page, '/sse?channel=again');
    await waitFor(page, 'window.got.length >= 2');
    const list = await redisCli(server.port, 'client', 'list');
    const line = list.split('\n').find((l) => l.includes('transport=sse'))!;
    const id = /id=(\d+)/.exec(line)![1];
    expect(await redisCli(server.port, 'client', 'kill', 'id', id)).toBe('1');
    await waitFor(page, 'window.got.includes(\'close {"reason":"killed"}\')');
    // EventSource retries after the announced 3 s and the stream subscribes again.
    await waitFor(page, 'window.got.filter((g) => g === "open").length === 2', 15_000);
    await waitFor(page, 'window.got.filter((g) => g.startsWith("subscribe")).length === 2');
    const after = await redisCli(server.port, 'client', 'list');
    const newLine = after.split('\n').find((l) => l.includes('transport=sse'))!;
    expect(/id=(\d+)/.exec(newLine)![1]).not.toBe(id);
    await redisCli(server.port, 'publish', 'again', 'back');
    await waitFor(page, 'window.got.at(-1) === \'message {"push":"message","channel":"again","data":"back"}\'');
    await page.evaluate('window.es.close()');
  }, 30_000);
});
