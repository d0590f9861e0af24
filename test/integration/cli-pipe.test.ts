// redis-cli --pipe (mass insertion) into Redwire: 100 000 SETs report
// "errors: 0, replies: 100000" and land in the keyspace; deliberate errors are
// counted exactly; inline-protocol input works; redis-server prints the same.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { RawConnection, encodeCommand } from '../helpers/resp.js';
import { runTool } from '../helpers/cli.js';

const pipe = (port: number, input: Buffer) => runTool('redis-cli', port, ['--pipe'], input);

/** N SET commands (key:<i> -> value:<i>) in RESP. */
function sets(n: number, prefix: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < n; i++) parts.push(encodeCommand(['SET', `${prefix}:${i}`, `value:${i}`]));
  return Buffer.concat(parts);
}

const summary = (errors: number, replies: number) =>
  `All data transferred. Waiting for the last reply...\nLast reply received from server.\nerrors: ${errors}, replies: ${replies}\n`;

describe('redis-cli --pipe', () => {
  const redwire = useTestServer();
  const redis = useRedisServer();

  async function dbsize(port: number): Promise<string> {
    const c = await RawConnection.connect(port);
    try {
      return await c.command('DBSIZE');
    } finally {
      c.close();
    }
  }

  it('100 000 SETs: errors: 0, replies: 100000, all keys present', async () => {
    const input = sets(100_000, 'pipe');
    const r = await pipe(redwire.port, input);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(summary(0, 100_000));
    expect(r.code).toBe(0);
    expect(await dbsize(redwire.port)).toBe(':100000\r\n');
    const c = await RawConnection.connect(redwire.port);
    expect(await c.command('GET', 'pipe:0')).toBe('$7\r\nvalue:0\r\n');
    expect(await c.command('GET', 'pipe:99999')).toBe('$11\r\nvalue:99999\r\n');
    expect(await c.command('FLUSHALL')).toBe('+OK\r\n');
    c.close();
  });

  it('deliberate errors are counted: unknown commands, arity errors, non-integers', async () => {
    const parts: Buffer[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      parts.push(encodeCommand(['SET', `e:${i}`, 'abc']));
      if (i % 2000 === 0) {
        parts.push(encodeCommand(['NOSUCHCMD', `x${i}`]));
        errors.push(`ERR unknown command 'NOSUCHCMD', with args beginning with: 'x${i}' `);
        parts.push(encodeCommand(['GET']));
        errors.push("ERR wrong number of arguments for 'get' command");
        parts.push(encodeCommand(['INCR', `e:${i}`]));
        errors.push('ERR value is not an integer or out of range');
      }
    }
    const input = Buffer.concat(parts);
    const [a, b] = await Promise.all([pipe(redis.port, input), pipe(redwire.port, input)]);
    expect(b.stdout).toBe(summary(30, 20_030));
    expect(b.stderr).toBe(`${errors.join('\n')}\n`);
    expect(b).toEqual(a);
  });

  it('inline-protocol input (one command per line) works too', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`SET inline:${i} "v ${i}"`);
    lines.push('GET');
    const input = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
    const [a, b] = await Promise.all([pipe(redis.port, input), pipe(redwire.port, input)]);
    expect(b.stdout).toBe(summary(1, 5001));
    expect(b).toEqual(a);
    const c = await RawConnection.connect(redwire.port);
    expect(await c.command('GET', 'inline:4999')).toBe('$6\r\nv 4999\r\n');
    c.close();
  });

  it('large values through --pipe (200 x 256 KB)', async () => {
    const v = 'q'.repeat(256 * 1024);
    const input = Buffer.concat(Array.from({ length: 200 }, (_, i) => encodeCommand(['SET', `large:${i}`, v])));
    const r = await pipe(redwire.port, input);
    expect(r.stdout).toBe(summary(0, 200));
    const c = await RawConnection.connect(redwire.port);
    expect(await c.command('STRLEN', 'large:199')).toBe(':262144\r\n');
    c.close();
  });
});
