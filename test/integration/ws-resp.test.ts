// The resp3 subprotocol: the RESP byte stream in WebSocket frames, through the
// same decoder and encoder as TCP — pipelining, commands split across frames,
// HELLO 3, push frames, protocol errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RespWsClient, resp } from './ws-helpers.js';
import { useWsServer } from '../helpers/server.js';

const server = useWsServer();
let redis: Redis;

beforeAll(() => {
  redis = new Redis({ port: server.port, host: '127.0.0.1' });
});

afterAll(() => {
  redis.disconnect();
});

describe('resp3 subprotocol', () => {
  it('negotiates resp3 and answers in binary frames, one frame per batch', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    expect(r.ws.protocol).toBe('resp3');
    r.send(resp('SET', 'r:k', 'v') + resp('GET', 'r:k') + resp('INCR', 'r:n') + resp('GET', 'r:missing'));
    await r.expect('+OK\r\n$1\r\nv\r\n:1\r\n$-1\r\n');
    expect(r.frames).toBe(1);
    expect(r.binaryFrames).toBe(1);
    expect(await redis.get('r:k')).toBe('v');
    r.close();
  });

  it('reassembles a command split across frames, byte by byte', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    const value = Buffer.from('héllo').toString('latin1'); // UTF-8 bytes, one char per byte
    const bytes = resp('SET', 'r:split', value) + resp('GET', 'r:split');
    for (const ch of bytes) r.send(ch);
    await r.expect(`+OK\r\n$6\r\n${value}\r\n`);
    expect(await redis.get('r:split')).toBe('héllo');
    r.close();
  });

  it('gives the same replies for the stream whole, byte by byte and in random splits', async () => {
    const stream = resp('DEL', 'r:c') + resp('INCR', 'r:c') + resp('APPEND', 'r:s', 'ab') + resp('GET', 'r:c') + 'PING\r\n' +
      resp('ECHO', 'x'.repeat(300));
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const mode of ['whole', 'bytes', 'random', 'random']) {
      await redis.del('r:s', 'r:c');
      const r = await RespWsClient.open(server.wsUrl);
      if (mode === 'whole') r.send(stream);
      else if (mode === 'bytes') for (const ch of stream) r.send(ch);
      else for (let i = 0; i < stream.length;) {
        const n = 1 + Math.floor(rnd() * 40);
        r.send(stream.slice(i, i + n));
        i += n;
      }
      await r.expect(`:0\r\n:1\r\n:2\r\n$1\r\n1\r\n+PONG\r\n$300\r\n${'x'.repeat(300)}\r\n`);
      r.close();
    }
  });

  it('speaks RESP2 until HELLO 3, then RESP3 maps and push frames', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    await redis.del('r:h');
    await redis.hset('r:h', 'f', 'v');
    r.command('HGETALL', 'r:h');
    await r.expect('*2\r\n$1\r\nf\r\n$1\r\nv\r\n');
    r.command('HELLO', '3');
    await r.expect('%7\r\n');
    await new Promise((res) => setTimeout(res, 50));
    r.received = '';
    r.command('HGETALL', 'r:h');
    await r.expect('%1\r\n$1\r\nf\r\n$1\r\nv\r\n');
    r.command('SUBSCRIBE', 'r:ch');
    await r.expect('>3\r\n$9\r\nsubscribe\r\n$4\r\nr:ch\r\n:1\r\n');
    expect(await redis.publish('r:ch', 'hi')).toBe(1);
    await r.expect('>3\r\n$7\r\nmessage\r\n$4\r\nr:ch\r\n$2\r\nhi\r\n');
    // RESP3 clients may run commands while subscribed.
    r.command('GET', 'r:k');
    await r.expect('$1\r\nv\r\n');
    r.close();
  });

  it('RESP2 subscribed mode locks out other commands, as over TCP', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    r.command('SUBSCRIBE', 'r:lock');
    await r.expect('*3\r\n$9\r\nsubscribe\r\n$6\r\nr:lock\r\n:1\r\n');
    r.command('GET', 'x');
    await r.expect("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
    r.close();
  });

  it('accepts inline commands and text frames', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    r.ws.send('PING\r\n');
    await r.expect('+PONG\r\n');
    r.close();
  });

  it('answers a protocol error, then closes with 4002', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    r.send('*1\r\n$abc\r\n');
    await r.expect("-ERR Protocol error: invalid bulk length\r\n");
    expect(await r.closed).toEqual({ code: 4002, reason: 'protocol error' });
  });

  it('shows in CLIENT LIST with transport=ws and QUIT closes normally', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    r.command('CLIENT', 'SETNAME', 'resp-ws');
    await r.expect('+OK\r\n');
    const list = await redis.client('LIST') as string;
    expect(list).toMatch(/name=resp-ws .*transport=ws/);
    r.command('QUIT');
    await r.expect('+OK\r\n');
    expect((await r.closed).code).toBe(1000);
  });

  it('a blocked command is answered when another transport pushes', async () => {
    const r = await RespWsClient.open(server.wsUrl);
    await redis.del('r:list');
    r.command('BLPOP', 'r:list', '0');
    await new Promise((res) => setTimeout(res, 30));
    await redis.rpush('r:list', 'item');
    await r.expect('*2\r\n$6\r\nr:list\r\n$4\r\nitem\r\n');
    r.close();
  });
});
