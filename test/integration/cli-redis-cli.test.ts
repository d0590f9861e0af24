// redis-cli against Redwire and against redis-server in the same run: the
// same invocation (arguments and stdin) must print the same output and exit
// with the same code. Covers argument mode, raw and --no-raw formatting,
// RESP3 (-3), -n, -x, -r, --csv, and commands read from stdin.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';
import { useRedisServer } from '../helpers/redis-server.js';
import { redwireHas } from '../helpers/differential.js';
import { runTool } from '../helpers/cli.js';

const redisCli = (port: number, args: string[], stdin?: string) => runTool('redis-cli', port, args, stdin, 20_000);

interface Invocation {
  name: string;
  args: string[];
  stdin?: string;
  /** Commands the invocation needs (checked against Redwire's table). */
  needs?: string[];
}

const INVOCATIONS: Invocation[] = [
  { name: 'PING', args: ['PING'] },
  { name: 'SET then GET', args: ['SET', 'cli:k', 'v'] },
  { name: 'GET missing (raw: empty line)', args: ['GET', 'cli:missing'] },
  { name: 'GET missing --no-raw', args: ['--no-raw', 'GET', 'cli:missing'] },
  { name: 'error reply', args: ['GET'] },
  { name: 'error reply --no-raw', args: ['--no-raw', 'GET'] },
  { name: 'unknown command', args: ['NOSUCH', 'a', 'b'] },
  { name: 'array --no-raw', args: ['--no-raw', 'MGET', 'cli:k', 'cli:missing'] },
  { name: 'integer --no-raw', args: ['--no-raw', 'INCR', 'cli:n'] },
  { name: 'ECHO with spaces and binary', args: ['ECHO', 'a b\tc\u00e9'] },
  { name: '--no-raw binary escaping', args: ['--no-raw', 'ECHO', 'a\u0001b\u00ff\n"'] },
  { name: 'database via -n', args: ['-n', '2', 'SET', 'cli:db', 'two'] },
  { name: 'read back via -n', args: ['-n', '2', 'GET', 'cli:db'] },
  { name: 'RESP3 via -3', args: ['-3', '--no-raw', 'GET', 'cli:missing'], needs: ['hello'] },
  { name: 'RESP3 integer and array', args: ['-3', '--no-raw', 'MGET', 'cli:k', 'cli:missing'], needs: ['hello'] },
  { name: 'value from stdin via -x', args: ['-x', 'SET', 'cli:x'], stdin: 'line one\nline two\n' },
  { name: 'read -x value back', args: ['--no-raw', 'GET', 'cli:x'] },
  { name: 'repeat via -r', args: ['-r', '3', 'INCR', 'cli:r'] },
  { name: '--csv', args: ['--csv', 'MGET', 'cli:k', 'cli:missing', 'cli:r'] },
  {
    name: 'commands from stdin, one per line',
    args: [],
    stdin: 'SET cli:a 1\nGET cli:a\nINCR cli:a\nGET cli:a\nNOSUCH\nPING\nECHO "quoted value" \'single\'\n',
  },
  { name: 'quoted arguments from stdin', args: ['--no-raw'], stdin: 'SET "cli:a b" "c\\x41\\nd"\nGET "cli:a b"\nSTRLEN "cli:a b"\n' },
  { name: 'empty lines on stdin', args: [], stdin: '\n\nPING\n\n' },
];

describe('redis-cli: same output from Redwire and redis-server', () => {
  const redwire = useTestServer();
  const redis = useRedisServer();

  // Sequential on purpose: later invocations read what earlier ones wrote.
  for (const inv of INVOCATIONS) {
    const cmds = inv.args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a)).slice(0, 1);
    const missing = [...(inv.needs ?? []), ...cmds.map((c) => c.toLowerCase())].filter((c) => c !== 'nosuch' && !redwireHas(c));
    it(`${inv.name}: redis-cli ${inv.args.join(' ')}${missing.length ? ` [needs: ${missing.join(' ')}]` : ''}`, async () => {
      const [a, b] = await Promise.all([redisCli(redis.port, inv.args, inv.stdin), redisCli(redwire.port, inv.args, inv.stdin)]);
      expect({ stdout: b.stdout, stderr: b.stderr, code: b.code }).toEqual({ stdout: a.stdout, stderr: a.stderr, code: a.code });
    });
  }

  it('exits non-zero and says so when nothing listens', async () => {
    const r = await redisCli(1, ['PING']);
    expect(r.code).not.toBe(0);
  });

});
