// Every refusal of the REST routes: status code, JSON error body, headers;
// body limits, tokens, passwords, CORS, maxclients, the allow-list, and
// commands a stateless request cannot run.
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { get, useHttpServer } from './http-helpers.js';

const s = useHttpServer({ 'http-max-body': '64kb' });
let url: string;

beforeAll(() => {
  url = s.httpUrl;
});

type Err = { err: { code: string; msg: string } };

async function expectError(path: string, status: number, code: string, msg: string | RegExp, init: RequestInit = {}): Promise<void> {
  const r = await get(url, path, init);
  expect(r.status, `${init.method ?? 'GET'} ${path}`).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/json');
  const e = r.json() as Err;
  expect(e.err.code).toBe(code);
  if (typeof msg === 'string') expect(e.err.msg).toBe(msg);
  else expect(e.err.msg).toMatch(msg);
}

/** Sends raw request bytes and returns the raw response (until the server closes or goes quiet). */
function rawHttp(port: number, request: string | Buffer, quietMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.createConnection({ port, host: '127.0.0.1' });
    let out = '';
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(out);
    };
    sock.on('data', (d) => {
      out += d.toString('latin1');
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    sock.on('close', done);
    sock.on('error', done);
    sock.write(request);
    timer = setTimeout(done, 2000);
  });
}

describe('client errors', () => {
  it('400 for command errors and malformed paths', async () => {
    await expectError('/GET', 400, 'ERR', "wrong number of arguments for 'get' command");
    await s.redis.rpush('alist', 'x');
    await expectError('/GET/alist', 400, 'WRONGTYPE', 'Operation against a key holding the wrong kind of value');
    await expectError('/SET/k/v/NX/XX', 400, 'ERR', 'syntax error');
    await expectError('/GET/%zz', 400, 'ERR', 'malformed percent-encoding in path segment 2');
    await expectError('/GET/%4', 400, 'ERR', /malformed/);
    await expectError('//GET/x', 400, 'ERR', /no command in the path/);
    await expectError('/CONFIG/NOSUCH', 400, 'ERR', /unknown subcommand/);
  });

  it('404 for a path that names no command', async () => {
    await expectError('/MAKE-ME-COFFEE', 404, 'ERR', "unknown command 'MAKE-ME-COFFEE', with args beginning with: ");
    await expectError('/favicon.ico', 404, 'ERR', /^unknown command 'favicon.ico'/);
  });

  it('400 for what needs a connection: transactions, SELECT, subscriptions over POST, CLIENT REPLY', async () => {
    await expectError('/MULTI', 400, 'ERR', /'multi' needs a connection/);
    await expectError('/EXEC', 400, 'ERR', /'exec' needs a connection/);
    await expectError('/WATCH/k', 400, 'ERR', /'watch' needs a connection/);
    await expectError('/SELECT/2', 400, 'ERR', /put the database first in the path/);
    await expectError('/SUBSCRIBE/ch', 400, 'ERR', /GET \/SUBSCRIBE/, { method: 'POST' });
    await expectError('/UNSUBSCRIBE', 400, 'ERR', /holds no subscriptions/);
    await expectError('/CLIENT/REPLY/OFF', 400, 'ERR', /every REST request gets its reply/);
    await expectError('/SUBSCRIBE/ch.txt', 406, 'ERR', 'a stream is .json or .raw');
  });

  it('403 for commands outside the browser allow-list (ws-allow), as on WebSockets', async () => {
    await expectError('/FLUSHALL', 403, 'FORBIDDEN', "this connection may not run the 'flushall' command");
    await expectError('/KEYS/*', 403, 'FORBIDDEN', "this connection may not run the 'keys' command");
    await expectError('/CONFIG/SET/maxclients/1', 403, 'FORBIDDEN', "this connection may not run the 'config|set' command");
    await expectError('/DEBUG/SLEEP/0', 403, 'ERR', /^DEBUG command not allowed/);
    const [, original] = await s.redis.config('GET', 'ws-allow') as string[];
    await s.redis.config('SET', 'ws-allow', '+@read -select');
    try {
      await expectError('/SET/k/v', 403, 'FORBIDDEN', "this connection may not run the 'set' command");
      expect((await get(url, '/GET/k')).status).toBe(200);
      await expectError('/2/GET/k', 403, 'FORBIDDEN', "this connection may not run the 'select' command");
    } finally {
      await s.redis.config('SET', 'ws-allow', original);
    }
  });

  it('405 for other methods, with Allow', async () => {
    let r = await get(url, '/GET/k', { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, POST, PUT, OPTIONS');
    expect((r.json() as Err).err).toEqual({ code: 'ERR', msg: 'method DELETE not allowed' });
    r = await get(url, '/GET/k', { method: 'PATCH', body: 'x' });
    expect(r.status).toBe(405);
    for (const path of ['/healthz', '/metrics', '/stats.json', '/sse', '/redwire.js', '/dashboard.js']) {
      r = await get(url, path, { method: 'POST', body: 'x' });
      expect([path, r.status, r.headers.get('allow')]).toEqual([path, 405, 'GET, OPTIONS']);
    }
    r = await get(url, '/', { method: 'PUT', body: 'x' });
    expect(r.status).toBe(405);
    // HEAD never runs a command; liveness probes may HEAD /healthz.
    r = await get(url, '/SET/head-key/v', { method: 'HEAD' });
    expect([r.status, r.headers.get('allow'), r.body.length]).toEqual([405, 'GET, POST, PUT, OPTIONS', 0]);
    expect(await s.redis.exists('head-key')).toBe(0);
    expect((await get(url, '/healthz', { method: 'HEAD' })).status).toBe(200);
  });

  it('413 when the body exceeds http-max-body, announced or streamed; the limit follows CONFIG SET', async () => {
    await expectError('/SET/big', 413, 'TOOLARGE', 'the request body exceeds http-max-body (65536 bytes)', { method: 'PUT', body: Buffer.alloc(65537) });
    expect((await get(url, '/SET/big', { method: 'PUT', body: Buffer.alloc(65536) })).status).toBe(200);
    // Chunked: the limit is enforced while reading.
    const chunk = Buffer.alloc(16 * 1024, 0x62);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(chunk);
        c.close();
      },
    });
    const r = await get(url, '/SET/big', { method: 'PUT', body: stream, duplex: 'half' } as RequestInit).catch((e: Error) => e);
    // The server answers 413 and closes without reading the rest; fetch may see either.
    if (!(r instanceof Error)) {
      expect(r.status).toBe(413);
      expect(r.headers.get('connection')).toBe('close');
    }
    const raw = await rawHttp(s.wsPort, 'POST /PUBLISH/x HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n' + 'y'.repeat(1000));
    expect(raw).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(raw).toContain('Connection: close');
    await s.redis.config('SET', 'http-max-body', '1mb');
    try {
      expect((await get(url, '/SET/big', { method: 'PUT', body: Buffer.alloc(70000) })).status).toBe(200);
    } finally {
      await s.redis.config('SET', 'http-max-body', '64kb');
    }
  });

  it('503 when maxclients is reached (the request would be one client too many)', async () => {
    const n = (await s.redis.client('LIST') as string).trim().split('\n').length;
    await s.redis.config('SET', 'maxclients', String(n));
    try {
      const before = Number(/rejected_connections:(\d+)/.exec(await s.redis.info('stats'))![1]);
      await expectError('/PING', 503, 'ERR', 'max number of clients reached');
      const after = Number(/rejected_connections:(\d+)/.exec(await s.redis.info('stats'))![1]);
      expect(after).toBe(before + 1);
    } finally {
      await s.redis.config('SET', 'maxclients', '10000');
    }
    expect((await get(url, '/PING')).json()).toEqual({ PING: 'PONG' });
  });
});

describe('tokens and passwords', () => {
  it('ws-token: 401 without a token, 403 with a wrong one, Bearer or ?token= pass', async () => {
    await s.redis.config('SET', 'ws-token', 's3cr3t');
    try {
      let r = await get(url, '/PING');
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="redwire"');
      expect((r.json() as Err).err.code).toBe('NOAUTH');
      r = await get(url, '/PING', { headers: { Authorization: 'Bearer wrong' } });
      expect([r.status, (r.json() as Err).err]).toEqual([403, { code: 'FORBIDDEN', msg: 'invalid token' }]);
      r = await get(url, '/PING?token=wrong');
      expect(r.status).toBe(403);
      expect((await get(url, '/PING', { headers: { Authorization: 'Bearer s3cr3t' } })).json()).toEqual({ PING: 'PONG' });
      expect((await get(url, '/PING?token=s3cr3t')).json()).toEqual({ PING: 'PONG' });
      expect((await get(url, '/PUBLISH/x?token=s3cr3t', { method: 'POST', body: 'm' })).json()).toEqual({ PUBLISH: 0 });
      expect((await get(url, '/metrics')).status).toBe(401);
      expect((await get(url, '/stats.json?token=s3cr3t')).status).toBe(200);
      expect((await get(url, '/sse?channel=x')).status).toBe(401);
      // Health checks and the page need no token.
      expect((await get(url, '/healthz')).status).toBe(200);
      expect((await get(url, '/')).status).toBe(200);
    } finally {
      await s.redis.config('SET', 'ws-token', '');
    }
  });

  it('requirepass: 401 NOAUTH, Authorization: Basic runs AUTH first', async () => {
    await s.redis.config('SET', 'requirepass', 'pw');
    await s.redis.auth('pw');
    try {
      let r = await get(url, '/PING');
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="redwire"');
      expect((r.json() as Err).err.code).toBe('NOAUTH');
      const basic = (cred: string) => ({ headers: { Authorization: `Basic ${Buffer.from(cred).toString('base64')}` } });
      expect((await get(url, '/PING', basic(':pw'))).json()).toEqual({ PING: 'PONG' });
      expect((await get(url, '/PING', basic('default:pw'))).json()).toEqual({ PING: 'PONG' });
      r = await get(url, '/PING', basic(':nope'));
      expect(r.status).toBe(401);
      expect((r.json() as Err).err.code).toBe('WRONGPASS');
    } finally {
      await s.redis.config('SET', 'requirepass', '');
    }
  });
});

describe('CORS', () => {
  it('answers preflights and echoes allowed origins', async () => {
    const r = await get(url, '/PUBLISH/x', {
      method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(r.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, OPTIONS');
    expect(r.headers.get('access-control-allow-headers')).toContain('Authorization');
    const g = await get(url, '/PING', { headers: { Origin: 'https://app.example' } });
    expect(g.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(g.headers.get('vary')).toBe('Origin');
    // Errors carry CORS headers too, so a browser can read them.
    const e = await get(url, '/FLUSHALL', { headers: { Origin: 'https://app.example' } });
    expect(e.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // No Origin (curl, servers): no CORS headers.
    expect((await get(url, '/PING')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('http-cors-origins refuses other origins with 403 (same-origin requests always pass)', async () => {
    await s.redis.config('SET', 'http-cors-origins', 'https://app.example https://other.example');
    try {
      expect((await get(url, '/PING', { headers: { Origin: 'https://other.example' } })).status).toBe(200);
      const r = await get(url, '/SET/k/v', { headers: { Origin: 'https://evil.example' } });
      expect([r.status, (r.json() as Err).err]).toEqual([403, { code: 'FORBIDDEN', msg: 'origin not allowed' }]);
      expect((await get(url, '/PING', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
      expect((await get(url, '/sse?channel=x', { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
      expect((await get(url, '/metrics', { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
      expect((await get(url, '/PING', { headers: { Origin: `http://127.0.0.1:${s.wsPort}` } })).status).toBe(200);
    } finally {
      await s.redis.config('SET', 'http-cors-origins', '*');
    }
  });
});
