// REST commands over HTTP against a real server with node's fetch: every
// suffix, the JSON mapping, binary safety, bodies, databases, and the .raw
// bytes compared with what redis-server sends a RESP2 client.
import { beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { get, useHttpServer, infoField } from './http-helpers.js';
import { until } from '../helpers/wait.js';
import { RawConnection, encodeCommand, replyEnd } from '../helpers/resp.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const s = useHttpServer();
let url: string;

beforeAll(() => {
  url = s.httpUrl;
});

describe('GET /CMD/args (json, the default)', () => {
  it('wraps the reply as {"<command as typed>": value}, with the json subprotocol values', async () => {
    expect((await get(url, '/SET/hello/world')).json()).toEqual({ SET: 'OK' });
    const r = await get(url, '/GET/hello');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.text).toBe('{"GET":"world"}');
    expect((await get(url, '/get/hello.json')).text).toBe('{"get":"world"}');
    expect((await get(url, '/GET/missing')).text).toBe('{"GET":null}');
    expect((await get(url, '/INCR/counter')).text).toBe('{"INCR":1}');
    expect((await get(url, '/TYPE/hello')).text).toBe('{"TYPE":"string"}');
    await s.redis.rpush('list', 'a', 'b', 'c');
    expect((await get(url, '/LRANGE/list/0/-1')).json()).toEqual({ LRANGE: ['a', 'b', 'c'] });
    await s.redis.hset('h', 'f1', 'v1', 'f2', 'v2');
    expect((await get(url, '/HGETALL/h')).json()).toEqual({ HGETALL: { f1: 'v1', f2: 'v2' } });
    await s.redis.zadd('z', '1.5', 'm');
    expect((await get(url, '/ZSCORE/z/m')).text).toBe('{"ZSCORE":1.5}');
    expect((await get(url, '/SET/big/9007199254740993')).status).toBe(200);
    expect((await get(url, '/INCR/big')).text).toBe('{"INCR":"9007199254740994"}');
    expect((await get(url, '/SISMEMBER/nothing/x')).text).toBe('{"SISMEMBER":0}');
  });

  it('is binary safe: percent-encoded bytes are bytes, non-UTF-8 values come back as $b64', async () => {
    expect((await get(url, '/SET/bin%00key/%ff%00A%0d%0a')).status).toBe(200);
    expect(await s.redis.getBuffer(Buffer.from('bin\0key', 'latin1'))).toEqual(Buffer.from([0xff, 0x00, 0x41, 0x0d, 0x0a]));
    expect((await get(url, '/GET/bin%00key')).json()).toEqual({ GET: { $b64: Buffer.from([0xff, 0, 0x41, 13, 10]).toString('base64') } });
    expect((await get(url, '/GET/bin%00key.raw')).body).toEqual(Buffer.from('$5\r\n\xff\x00A\r\n\r\n', 'latin1'));
    expect((await get(url, '/GET/bin%00key.txt')).body).toEqual(Buffer.from([0xff, 0x00, 0x41, 0x0d, 0x0a]));
    // %2f is a slash inside an argument, %2e a dot that is no suffix, UTF-8 text stays UTF-8.
    expect((await get(url, '/SET/a%2fb/x%2etxt')).status).toBe(200);
    expect(await s.redis.get('a/b')).toBe('x.txt');
    expect((await get(url, '/SET/caf%C3%A9/' + encodeURIComponent('välue ✓'))).status).toBe(200);
    expect(await s.redis.get('café')).toBe('välue ✓');
    expect((await get(url, '/GET/café')).json()).toEqual({ GET: 'välue ✓' });
    // Empty segments are empty arguments.
    expect((await get(url, '/SET/empty/')).status).toBe(200);
    expect(await s.redis.strlen('empty')).toBe(0);
  });

  it('selects a database with a numeric first segment', async () => {
    expect((await get(url, '/3/SET/dbkey/three')).status).toBe(200);
    expect((await get(url, '/GET/dbkey')).json()).toEqual({ GET: null });
    expect((await get(url, '/3/GET/dbkey')).json()).toEqual({ GET: 'three' });
    const r3 = new Redis({ port: s.port, db: 3 });
    expect(await r3.get('dbkey')).toBe('three');
    r3.disconnect();
    const bad = await get(url, '/16/GET/dbkey');
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ err: { code: 'ERR', msg: 'DB index is out of range' } });
  });
});

describe('.txt and .raw', () => {
  it('.txt gives bulk, status and numbers as text; nil is 404; arrays are 406', async () => {
    await s.redis.set('t', 'plain text');
    let r = await get(url, '/GET/t.txt');
    expect([r.status, r.headers.get('content-type'), r.text]).toEqual([200, 'text/plain; charset=utf-8', 'plain text']);
    r = await get(url, '/PING.txt');
    expect([r.status, r.text]).toEqual([200, 'PONG']);
    r = await get(url, '/STRLEN/t.txt');
    expect([r.status, r.text]).toEqual([200, '10']);
    r = await get(url, '/GET/nope.txt');
    expect([r.status, r.text]).toEqual([404, '']);
    r = await get(url, '/LRANGE/list/0/-1.txt');
    expect(r.status).toBe(406);
    expect(r.text).toContain('.json or .raw');
    r = await get(url, '/INCR/t.txt');
    expect([r.status, r.text]).toEqual([400, 'ERR value is not an integer or out of range']);
    r = await get(url, '/SET/bin2/%ff.txt');
    r = await get(url, '/GET/bin2.txt');
    expect(r.headers.get('content-type')).toBe('text/plain');
    expect(r.body).toEqual(Buffer.from([0xff]));
  });

  it('.raw is the RESP2 reply, errors included, with the error status', async () => {
    let r = await get(url, '/HGETALL/h.raw');
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.body.toString('latin1')).toBe('*4\r\n$2\r\nf1\r\n$2\r\nv1\r\n$2\r\nf2\r\n$2\r\nv2\r\n');
    r = await get(url, '/GET/nope.raw');
    expect(r.body.toString('latin1')).toBe('$-1\r\n');
    r = await get(url, '/INCR/t.raw');
    expect(r.status).toBe(400);
    expect(r.body.toString('latin1')).toBe('-ERR value is not an integer or out of range\r\n');
  });

  it('.raw bytes equal redis-server RESP2 replies', async () => {
    let ref: RedisServer | null = null;
    let conn: RawConnection | null = null;
    try {
      ref = await startRedisServer();
      conn = await RawConnection.connect(ref.port);
      const script: string[][] = [
        ['SET', 'k', 'v'], ['GET', 'k'], ['GET', 'nokey'], ['INCR', 'n'], ['INCRBYFLOAT', 'f', '1.5'], ['RPUSH', 'l', 'a', 'b'],
        ['LRANGE', 'l', '0', '-1'], ['HSET', 'hh', 'a', '1'], ['HGETALL', 'hh'], ['ZADD', 'zz', '2.5', 'm'],
        ['ZRANGE', 'zz', '0', '-1', 'WITHSCORES'], ['ZSCORE', 'zz', 'm'], ['TYPE', 'l'], ['INCR', 'k'], ['SMEMBERS', 'none'],
        ['EXISTS', 'k', 'l', 'x'], ['GETRANGE', 'k', '0', '-1'], ['SET', 'k', 'v', 'GET'], ['LPOS', 'l', 'b'], ['XADD', 'st', '1-1', 'f', 'v'],
        ['XRANGE', 'st', '-', '+'], ['OBJECT', 'ENCODING', 'l'], ['TTL', 'k'], ['GET'], ['NOSUCHCMD', 'x'],
      ];
      await s.redis.flushall();
      for (const argv of script) {
        conn.write(encodeCommand(argv));
        let bytes = Buffer.alloc(0);
        while (replyEnd(bytes, 0) < 0) bytes = Buffer.concat([bytes, await conn.readBytes(1)]);
        const path = '/' + argv.map((a) => encodeURIComponent(a)).join('/') + '.raw';
        const r = await get(url, path);
        expect(r.body.toString('latin1'), path).toBe(bytes.toString('latin1'));
      }
    } finally {
      conn?.socket.destroy();
      await ref?.stop();
    }
  });
});

describe('POST and PUT', () => {
  it('POST /PUBLISH/channel takes the body as the message (bytes intact)', async () => {
    const sub = new Redis({ port: s.port });
    const got: Buffer[] = [];
    sub.on('messageBuffer', (_ch: Buffer, m: Buffer) => got.push(m));
    await sub.subscribe('news');
    const body = Buffer.from([0x68, 0x69, 0x00, 0xff, 0x0a, 0x2f]);
    const r = await get(url, '/PUBLISH/news', { method: 'POST', body });
    expect(r.json()).toEqual({ PUBLISH: 1 });
    await until(() => got.length === 1);
    expect(got[0]).toEqual(body);
    const text = await get(url, '/PUBLISH/news.txt', { method: 'POST', body: 'a message with / and . and ✓' });
    expect(text.text).toBe('1');
    await until(() => got.length === 2);
    expect(got[1].toString('utf8')).toBe('a message with / and . and ✓');
    sub.disconnect();
  });

  it('PUT /SET/key stores the body; POST / runs the command written in the body (Webdis)', async () => {
    expect((await get(url, '/SET/put-key', { method: 'PUT', body: 'put value\r\n' })).json()).toEqual({ SET: 'OK' });
    expect(await s.redis.get('put-key')).toBe('put value\r\n');
    expect((await get(url, '/', { method: 'POST', body: 'SET/body-key/body%2fvalue' })).json()).toEqual({ SET: 'OK' });
    expect(await s.redis.get('body-key')).toBe('body/value');
    expect((await get(url, '/', { method: 'POST', body: 'GET/body-key.txt' })).text).toBe('body/value');
    // Without a body, POST runs the path as it is.
    expect((await get(url, '/INCR/post-counter', { method: 'POST' })).json()).toEqual({ INCR: 1 });
    const r = await get(url, '/', { method: 'POST' });
    expect(r.status).toBe(400);
    expect((r.json() as { err: { msg: string } }).err.msg).toContain('POST / takes the command in the body');
  });

  it('reads bodies that arrive in many chunks', async () => {
    const big = Buffer.alloc(300_000, 0x61);
    big[0] = 0xff;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < big.length; i += 10_000) c.enqueue(big.subarray(i, i + 10_000));
        c.close();
      },
    });
    const r = await get(url, '/SET/chunked', { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
    expect(r.json()).toEqual({ SET: 'OK' });
    expect(await s.redis.getBuffer('chunked')).toEqual(big);
  });
});

describe('REST requests are sessions', () => {
  it('a blocked request is a client (transport=http) until its reply comes', async () => {
    const pending = get(url, '/BLPOP/queue/0');
    await until(async () => (await infoField(s.redis, 'clients', 'connected_clients_http')) === '1', 5000, 'the http client');
    const list = await s.redis.client('LIST') as string;
    const line = list.split('\n').find((l) => l.includes('transport=http'))!;
    expect(line).toContain('cmd=blpop');
    expect(line).toContain('flags=b');
    expect(await infoField(s.redis, 'clients', 'blocked_clients')).toBe('1');
    await s.redis.lpush('queue', 'job');
    const r = await pending;
    expect(r.json()).toEqual({ BLPOP: ['queue', 'job'] });
    await until(async () => (await infoField(s.redis, 'clients', 'connected_clients_http')) === '0');
  });

  it('a blocking command times out as over RESP; CLIENT KILL closes a blocked request', async () => {
    expect((await get(url, '/BLPOP/empty/0.05')).json()).toEqual({ BLPOP: null });
    const pending = get(url, '/BLPOP/never/0');
    let id = '';
    await until(async () => {
      const line = (await s.redis.client('LIST') as string).split('\n').find((l) => l.includes('transport=http'));
      id = line === undefined ? '' : /id=(\d+)/.exec(line)![1];
      return id !== '';
    });
    expect(await s.redis.client('KILL', 'ID', id)).toBe(1);
    await expect(pending).rejects.toThrow();
    expect(await infoField(s.redis, 'clients', 'blocked_clients')).toBe('0');
  });

  it('waits out CLIENT PAUSE WRITE like any client, reads go through', async () => {
    await s.redis.set('before-pause', 'v');
    await s.redis.client('PAUSE', '300', 'WRITE');
    const t0 = Date.now();
    expect((await get(url, '/GET/before-pause')).json()).toEqual({ GET: 'v' });
    expect(Date.now() - t0).toBeLessThan(250);
    const w = await get(url, '/SET/paused/yes');
    expect(w.json()).toEqual({ SET: 'OK' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('counts commands, connections and CLIENT ID like any client', async () => {
    const before = Number(await infoField(s.redis, 'stats', 'total_connections_received'));
    const id1 = (await get(url, '/CLIENT/ID')).json() as { CLIENT: number };
    const id2 = (await get(url, '/CLIENT/ID')).json() as { CLIENT: number };
    expect(id2.CLIENT).toBeGreaterThan(id1.CLIENT);
    expect(Number(await infoField(s.redis, 'stats', 'total_connections_received'))).toBeGreaterThanOrEqual(before + 2);
    const stats = await s.redis.info('commandstats');
    expect(stats).toMatch(/cmdstat_client\|id:calls=\d+/);
  });

  it('QUIT answers and closes the connection', async () => {
    const r = await get(url, '/QUIT');
    expect(r.json()).toEqual({ QUIT: 'OK' });
    expect(r.headers.get('connection')).toBe('close');
  });
});
