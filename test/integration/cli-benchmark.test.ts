// A short redis-benchmark run against Redwire must complete with no errors
// (redis-benchmark 7 exits at the first error reply). Compatibility, not speed.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { RawConnection } from '../helpers/resp.js';
import { runTool } from '../helpers/cli.js';

const benchmark = (port: number, args: string[]) => runTool('redis-benchmark', port, args);

/** The "TEST: N requests per second" lines of -q output (progress lines end in \r, not \n). */
function results(stdout: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of stdout.split(/[\r\n]+/)) {
    const x = /^([A-Z_]+(?: \([^)]*\))?): ([\d.]+) requests per second/.exec(line);
    if (x) m.set(x[1], x[2]);
  }
  return m;
}

describe('redis-benchmark', () => {
  const server = useTestServer();

  for (const [label, extra] of [
    ['no pipelining', ['-c', '10']],
    ['pipeline 16, 100-byte values', ['-c', '5', '-P', '16', '-d', '100']],
  ] as const) {
    it(`-t set,get,ping -n 3000 -q (${label}) completes with no errors`, async () => {
      const r = await benchmark(server.port, ['-t', 'set,get,ping', '-n', '3000', '-q', ...extra]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(/ERR|Error|WRONGTYPE|error/);
      const tests = results(r.stdout);
      expect([...tests.keys()].sort()).toEqual(['GET', 'PING_INLINE', 'PING_MBULK', 'SET']);
      for (const rps of tests.values()) expect(Number(rps)).toBeGreaterThan(0);
      const c = await RawConnection.connect(server.port);
      // The SET test stored a value of the -d size (default 3) under its fixed key.
      const size = (extra as readonly string[]).includes('-d') ? 100 : 3;
      expect(await c.command('STRLEN', 'key:__rand_int__')).toBe(`:${size}\r\n`);
      c.close();
    });
  }

  it('a custom command with random keys (-r) completes', async () => {
    const r = await benchmark(server.port, ['-n', '2000', '-r', '100', '-q', 'SET', 'bench:__rand_int__', 'v']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/requests per second/);
    expect(r.stdout).not.toMatch(/ERR/);
  });
});
