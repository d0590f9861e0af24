// Memory per key: 1M small string keys ("key:N" -> "value:N") may cost at
// most 1.5x what redis-server 7.0 reports in used_memory for the same data
// (DEBUG POPULATE), measured here as V8 heap growth after a full GC.
import { expect, it } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { memoryServer } from '../helpers/memory.js';
import { RawConnection } from '../helpers/resp.js';
import { useRedisServer } from '../helpers/redis-server.js';

const N = 1_000_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const redis = useRedisServer(['--enable-debug-command', 'yes']);

async function redisBytesPerKey(): Promise<number> {
  const c = await RawConnection.connect(redis.port);
  try {
    const used = async () => Number(/used_memory:(\d+)/.exec(await c.command('INFO', 'memory'))![1]);
    const before = await used();
    await c.command('DEBUG', 'POPULATE', String(N));
    return ((await used()) - before) / N;
  } finally {
    c.close();
  }
}

it('1M small keys cost at most 1.5x redis-server per key', async () => {
  const reference = await redisBytesPerKey();
  const { client, broker } = memoryServer();
  const c = client();
  // Arguments as the RESP decoder makes them: flat latin1 strings sliced from a read buffer.
  const buf = Buffer.alloc(32);
  const arg = (s: string) => buf.latin1Slice(0, buf.latin1Write(s, 0));
  const before = heapUsed();
  for (let i = 0; i < N; i++) c.run('SET', arg(`key:${i}`), arg(`value:${i}`));
  const perKey = (heapUsed() - before) / N;
  expect(broker.dbs[0].size).toBe(N);
  console.log(`bytes per key: redis-server ${reference.toFixed(1)}, Redwire ${perKey.toFixed(1)} (${(perKey / reference).toFixed(2)}x)`);
  expect(perKey).toBeLessThanOrEqual(1.5 * reference);
  broker.dbs[0].flush();
}, 120_000);
