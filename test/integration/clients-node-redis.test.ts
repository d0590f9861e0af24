// node-redis (the "redis" package) against a real Redwire server, in RESP2
// and in RESP3 (its default, negotiated with HELLO 3): commands, MULTI-less
// pipelines, concurrent batches, binary values, large values, errors, pub/sub.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, RESP_TYPES } from 'redis';
import { useTestServer } from '../helpers/server.js';

import { prng, randomBytes } from '../helpers/codec.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

type Client = ReturnType<typeof createClient>;

for (const resp of [2, 3] as const) {
  describe(`node-redis, RESP${resp}`, () => {
    const server = useTestServer();
    const clients: Client[] = [];
    const connect = async (): Promise<Client> => {
      const c = createClient({ socket: { port: server.port, host: '127.0.0.1', reconnectStrategy: false }, RESP: resp });
      c.on('error', () => {});
      clients.push(c as Client);
      await c.connect();
      return c as Client;
    };
    const k = (s: string) => `nr${resp}:${s}`;

    afterAll(() => {
      for (const c of clients) if (c.isOpen) c.destroy();
    });

    it('connects (handshake) and runs basic commands', async () => {
      const c = await connect();
      expect(await c.ping()).toBe('PONG');
      expect(await c.set(k('a'), 'v')).toBe('OK');
      expect(await c.get(k('a'))).toBe('v');
      expect(await c.get(k('missing'))).toBeNull();
      expect(await c.echo('héllo wörld')).toBe('héllo wörld');
      expect(await c.exists([k('a'), k('missing')])).toBe(1);
    });

    it('a MULTI-less pipeline (execAsPipeline) of 2000 commands', async () => {
      const c = await connect();
      const m = c.multi();
      for (let i = 0; i < 1000; i++) m.set(k(`p:${i}`), `v${i}`);
      for (let i = 0; i < 1000; i++) m.get(k(`p:${i}`));
      const res = await m.execAsPipeline();
      expect(res.length).toBe(2000);
      expect(res[0]).toBe('OK');
      expect(res[1999]).toBe('v999');
    });

    it('5000 concurrent commands (auto-pipelined in one tick)', async () => {
      const c = await connect();
      const all: Array<Promise<unknown>> = [];
      for (let i = 0; i < 2500; i++) all.push(c.set(k(`c:${i}`), String(i)));
      for (let i = 0; i < 2500; i++) all.push(c.get(k(`c:${i}`)));
      const res = await Promise.all(all);
      for (let i = 0; i < 2500; i++) expect(res[2500 + i]).toBe(String(i));
    });

    it('binary values with every byte 0x00-0xFF, returned as Buffers', async () => {
      const c = await connect();
      const bin = c.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      await c.set(ALL_BYTES, ALL_BYTES);
      expect((await bin.get(ALL_BYTES) as unknown as Buffer).equals(ALL_BYTES)).toBe(true);
      for (let b = 0; b < 256; b += 15) {
        const v = Buffer.from([b, 0, 0x0d, 0x0a, 255 - b]);
        await c.set(Buffer.from([0x6b, b]), v);
        expect((await bin.get(Buffer.from([0x6b, b])) as unknown as Buffer).equals(v)).toBe(true);
      }
    });

    it('a 6 MB value round trip', async () => {
      const c = await connect();
      const bin = c.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      const big = randomBytes(prng(resp), 6 * 1024 * 1024 + 1);
      expect(await c.set(k('big'), big)).toBe('OK');
      expect((await bin.get(k('big')) as unknown as Buffer).equals(big)).toBe(true);
    });

    it('errors reject with the Redis message; the client keeps working', async () => {
      const c = await connect();
      await c.set(k('s'), 'abc');
      await expect(c.incr(k('s'))).rejects.toThrow('ERR value is not an integer or out of range');
      await expect(c.sendCommand(['NOSUCH'])).rejects.toThrow("ERR unknown command 'NOSUCH', with args beginning with: ");
      expect(await c.ping()).toBe('PONG');
    });

    it('RESP-specific reply types decode', async () => {
      const c = await connect();
      await c.set(k('f'), '1.5');
      expect(await c.incrByFloat(k('f'), 1)).toBe('2.5');
      expect(await c.sendCommand(['GET', k('nothing')])).toBeNull();
    });

    it('pub/sub: a subscriber gets PUBLISHed messages', async () => {
      const c = await connect();
      const sub = c.duplicate();
      sub.on('error', () => {});
      clients.push(sub as Client);
      await sub.connect();
      const got: string[] = [];
      const done = new Promise<void>((resolve) => {
        void sub.subscribe(k('chan'), (msg) => {
          got.push(msg);
          if (got.length === 2) resolve();
        });
      });
      // Wait until the subscription is registered before publishing.
      for (let i = 0; i < 100 && (await c.publish(k('chan'), 'first')) === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await c.publish(k('chan'), 'second');
      await done;
      expect(got).toEqual(['first', 'second']);
    });
  });
}
