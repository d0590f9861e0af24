// Streaming pub/sub over HTTP with node's fetch and raw sockets: SSE events
// and heartbeats, Webdis's chunked SUBSCRIBE stream (.json and .raw), the
// sessions behind them (CLIENT LIST, CLIENT KILL, PUBLISH counts, shutdown)
// and slow readers cut off by client-output-buffer-limit's pubsub class.
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { get, infoField, startHttpServer, useHttpServer } from './http-helpers.js';
import { until } from '../helpers/wait.js';

const s = useHttpServer({ 'http-sse-heartbeat': '1' });
let url: string;

beforeAll(() => {
  url = s.httpUrl;
});

/** A streaming response read as it arrives. */
class Stream {
  text = '';
  ended = false;
  status = 0;
  headers: Headers | null = null;
  private readonly abort = new AbortController();

  static async open(full: string): Promise<Stream> {
    const st = new Stream();
    const r = await fetch(full, { signal: st.abort.signal });
    st.status = r.status;
    st.headers = r.headers;
    const reader = r.body!.getReader();
    const dec = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          st.text += dec.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
      st.ended = true;
    })();
    return st;
  }

  /** SSE events so far: [event, parsed data]. */
  events(): Array<[string, unknown]> {
    const out: Array<[string, unknown]> = [];
    for (const block of this.text.split('\n\n')) {
      let event = 'message';
      let data: string | null = null;
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data = line.slice(6);
      }
      if (data !== null) out.push([event, JSON.parse(data)]);
    }
    return out;
  }

  /** Newline-separated JSON documents so far. */
  docs(): unknown[] {
    return this.text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  }

  close(): void {
    this.abort.abort();
  }
}

async function clientLines(transport: string): Promise<string[]> {
  return (await s.redis.client('LIST') as string).split('\n').filter((l) => l.includes(`transport=${transport}`));
}

describe('Server-Sent Events', () => {
  it('confirms subscriptions, then streams message and pmessage events', async () => {
    const st = await Stream.open(`${url}/sse?channel=news&channel=sp%20ace&pattern=n*`);
    expect(st.status).toBe(200);
    expect(st.headers!.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(st.headers!.get('cache-control')).toBe('no-cache');
    await until(() => st.events().length === 3);
    expect(st.text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(st.events()).toEqual([
      ['subscribe', { push: 'subscribe', channel: 'news', count: 1 }],
      ['subscribe', { push: 'subscribe', channel: 'sp ace', count: 2 }],
      ['psubscribe', { push: 'psubscribe', pattern: 'n*', count: 3 }],
    ]);
    expect(await s.redis.publish('news', 'hello ✓')).toBe(2);
    await s.redis.publish('sp ace', Buffer.from([0xff, 0x01]));
    await until(() => st.events().length === 6);
    expect(st.events().slice(3)).toEqual([
      ['message', { push: 'message', channel: 'news', data: 'hello ✓' }],
      ['pmessage', { push: 'pmessage', pattern: 'n*', channel: 'news', data: 'hello ✓' }],
      ['message', { push: 'message', channel: 'sp ace', data: { $b64: '/wE=' } }],
    ]);
    st.close();
    await until(async () => (await clientLines('sse')).length === 0, 5000, 'the SSE session to go');
    expect(await s.redis.publish('news', 'nobody')).toBe(0);
  });

  it('is a session: CLIENT LIST, INFO, PUBSUB NUMSUB; CLIENT KILL ends the stream with a close event', async () => {
    const st = await Stream.open(`${url}/sse?channel=watched&shard=sh`);
    await until(() => st.events().length === 2);
    const lines = await clientLines('sse');
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/flags=P .*sub=1 psub=0 ssub=1 /);
    expect(await infoField(s.redis, 'clients', 'connected_clients_http')).toBe('1');
    expect(await infoField(s.redis, 'clients', 'pubsub_clients')).toBe('1');
    expect(await s.redis.pubsub('NUMSUB', 'watched')).toEqual(['watched', 1]);
    expect(await s.redis.call('SPUBLISH', 'sh', 'shard msg')).toBe(1);
    await until(() => st.events().length === 3);
    expect(st.events()[2]).toEqual(['smessage', { push: 'smessage', channel: 'sh', data: 'shard msg' }]);
    const id = /id=(\d+)/.exec(lines[0])![1];
    expect(await s.redis.client('KILL', 'ID', id)).toBe(1);
    await until(() => st.ended, 5000, 'the stream to end');
    expect(st.events().at(-1)).toEqual(['close', { reason: 'killed' }]);
    expect(await clientLines('sse')).toEqual([]);
  });

  it('sends a heartbeat comment every http-sse-heartbeat seconds', async () => {
    const st = await Stream.open(`${url}/sse?pattern=*`);
    await until(() => st.text.includes(': ping\n\n'), 4000, 'a heartbeat');
    st.close();
  });

  it('refuses bad requests before streaming: 400 without names, 403 by the allow-list, 406 for .txt streams', async () => {
    let r = await get(url, '/sse');
    expect([r.status, (r.json() as { err: { msg: string } }).err.msg]).toEqual([400, 'name what to follow: /sse?channel=<name>&pattern=<glob>&shard=<name>']);
    r = await get(url, '/sse?channel=%zz');
    expect(r.status).toBe(400);
    const [, original] = await s.redis.config('GET', 'ws-allow') as string[];
    await s.redis.config('SET', 'ws-allow', `${original} -psubscribe`);
    try {
      r = await get(url, '/sse?channel=a&pattern=b*');
      expect(r.status).toBe(403);
      expect(r.json()).toEqual({ err: { code: 'FORBIDDEN', msg: "this connection may not run the 'psubscribe' command" } });
      // Nothing was left subscribed.
      expect(await s.redis.pubsub('NUMSUB', 'a')).toEqual(['a', 0]);
      expect(await clientLines('sse')).toEqual([]);
    } finally {
      await s.redis.config('SET', 'ws-allow', original);
    }
  });

  it('a fast reader under a small pubsub limit receives everything', async () => {
    await s.redis.config('SET', 'client-output-buffer-limit', 'pubsub 256kb 128kb 1');
    try {
      const st = await Stream.open(`${url}/sse?channel=firehose`);
      await until(() => st.events().length === 1);
      const payload = 'x'.repeat(1000);
      for (let round = 0; round < 20; round++) {
        const p = s.redis.pipeline();
        for (let i = 0; i < 100; i++) p.publish('firehose', payload);
        await p.exec();
      }
      await until(() => st.events().length === 2001, 10_000, 'all messages');
      st.close();
    } finally {
      await s.redis.config('SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60');
    }
  });

  it('a reader that stops reading is dropped by client-output-buffer-limit (pubsub class) and counted', async () => {
    await s.redis.config('SET', 'client-output-buffer-limit', 'pubsub 1mb 512kb 60');
    const before = Number(await infoField(s.redis, 'stats', 'client_output_buffer_limit_disconnections'));
    const sock = net.createConnection({ port: s.wsPort, host: '127.0.0.1' });
    let closed = false;
    sock.on('close', () => (closed = true));
    sock.on('error', () => {});
    try {
      await new Promise<void>((r) => sock.once('connect', () => r()));
      sock.write('GET /sse?channel=slow HTTP/1.1\r\nHost: t\r\n\r\n');
      sock.pause(); // never read: the kernel buffers fill, then uWS's, then ours
      await until(async () => (await s.redis.pubsub('NUMSUB', 'slow'))[1] === 1);
      const chunk = 'z'.repeat(64 * 1024);
      let sent = 0;
      while ((await clientLines('sse')).length !== 0 && sent < 1500) {
        const p = s.redis.pipeline();
        for (let i = 0; i < 16; i++) p.publish('slow', chunk);
        await p.exec();
        sent += 16;
        await new Promise((r) => setImmediate(r));
      }
      expect(await clientLines('sse')).toEqual([]);
      expect(Number(await infoField(s.redis, 'stats', 'client_output_buffer_limit_disconnections'))).toBe(before + 1);
      const metrics = (await get(url, '/metrics')).text;
      expect(metrics).toContain(`redwire_slow_consumers_disconnected_total ${before + 1}`);
      sock.resume();
      await until(() => closed, 5000, 'the socket to close');
    } finally {
      sock.destroy();
      await s.redis.config('SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60');
    }
  });
});

describe('GET /SUBSCRIBE/... (Webdis chunked stream)', () => {
  it('streams one JSON document per message', async () => {
    const st = await Stream.open(`${url}/SUBSCRIBE/c1/c2`);
    expect(st.status).toBe(200);
    expect(st.headers!.get('content-type')).toBe('application/json');
    await until(() => st.docs().length === 2);
    expect(await s.redis.publish('c2', 'two')).toBe(1);
    await s.redis.publish('c1', Buffer.from([0x80]));
    await until(() => st.docs().length === 4);
    expect(st.docs()).toEqual([
      { SUBSCRIBE: ['subscribe', 'c1', 1] },
      { SUBSCRIBE: ['subscribe', 'c2', 2] },
      { SUBSCRIBE: ['message', 'c2', 'two'] },
      { SUBSCRIBE: ['message', 'c1', { $b64: 'gA==' }] },
    ]);
    const lines = await clientLines('http');
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain('sub=2');
    // CLIENT KILL ends the chunked response cleanly.
    expect(await s.redis.client('KILL', 'ID', /id=(\d+)/.exec(lines[0])![1])).toBe(1);
    await until(() => st.ended, 5000, 'the stream to end');
    expect(await clientLines('http')).toEqual([]);
    expect(await s.redis.publish('c1', 'gone')).toBe(0);
  });

  it('ends the session when the client goes away', async () => {
    const st = await Stream.open(`${url}/SUBSCRIBE/leaving`);
    await until(() => st.docs().length === 1);
    st.close();
    await until(async () => (await clientLines('http')).length === 0);
    expect(await s.redis.publish('leaving', 'x')).toBe(0);
  });

  it('PSUBSCRIBE streams pmessage documents; .raw streams RESP2 frames', async () => {
    const st = await Stream.open(`${url}/PSUBSCRIBE/ev:*`);
    const raw = await Stream.open(`${url}/SUBSCRIBE/ev:1.raw`);
    expect(raw.headers!.get('content-type')).toBe('application/octet-stream');
    await until(() => st.docs().length === 1 && raw.text.length > 0);
    expect(await s.redis.publish('ev:1', 'payload')).toBe(2);
    await until(() => st.docs().length === 2 && raw.text.includes('payload'));
    expect(st.docs()).toEqual([{ PSUBSCRIBE: ['psubscribe', 'ev:*', 1] }, { PSUBSCRIBE: ['pmessage', 'ev:*', 'ev:1', 'payload'] }]);
    expect(raw.text).toBe('*3\r\n$9\r\nsubscribe\r\n$4\r\nev:1\r\n:1\r\n*3\r\n$7\r\nmessage\r\n$4\r\nev:1\r\n$7\r\npayload\r\n');
    st.close();
    raw.close();
  });

  it('400 for SUBSCRIBE without channels', async () => {
    const r = await get(url, '/SUBSCRIBE');
    expect([r.status, r.json()]).toEqual([400, { err: { code: 'ERR', msg: "wrong number of arguments for 'subscribe' command" } }]);
  });
});

describe('shutdown', () => {
  it('ends streams with a "server shutdown" close event', async () => {
    const other = await startHttpServer();
    const st = await Stream.open(`${other.httpUrl}/sse?channel=x`);
    await until(() => st.events().length === 1);
    const sub = new Redis({ port: other.port });
    await other.stop();
    sub.disconnect();
    await until(() => st.ended);
    expect(st.events().at(-1)).toEqual(['close', { reason: 'server shutdown' }]);
  });
});
