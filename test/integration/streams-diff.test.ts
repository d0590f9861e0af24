// Byte-for-byte comparison of stream replies with a real redis-server 7.0
// running the same deterministic script.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis-server.js';
import { RawConnection } from '../helpers/resp.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { streamScript } from './streams-diff-script.js';

let REDIS_PORT = 0; // a free port, chosen in beforeAll

async function waitForPort(port: number): Promise<RawConnection> {
  for (let i = 0; i < 100; i++) {
    try {
      return await RawConnection.connect(port);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server did not start on ${port}`);
}

describe('streams: byte-for-byte against redis-server', () => {
  let redis: ChildProcess;
  let server: TestServer;
  let ref: RawConnection;
  let ours: RawConnection;

  beforeAll(async () => {
    REDIS_PORT = await freePort();
    redis = spawn('redis-server', ['--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
    ref = await waitForPort(REDIS_PORT);
    server = await startTestServer();
    ours = await RawConnection.connect(server.port);
  });

  afterAll(async () => {
    ref?.close();
    ours?.close();
    redis?.kill();
    await server?.close();
  });

  it('gives the same replies for the whole script', async () => {
    const mismatches: string[] = [];
    for (const step of streamScript()) {
      let want = await ref.command(...step.cmd);
      let got = await ours.command(...step.cmd);
      if (step.mask) {
        want = step.mask(want);
        got = step.mask(got);
      }
      if (want !== got) mismatches.push(`${step.cmd.join(' ')}\n  redis:   ${JSON.stringify(want)}\n  redwire: ${JSON.stringify(got)}`);
    }
    expect(mismatches.join('\n')).toBe('');
  });
});
