// Byte-for-byte comparison of stream replies with a real redis-server 7.0
// running the same deterministic script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRedisServer } from '../helpers/redis-server.js';
import { RawConnection } from '../helpers/resp.js';
import { useTestServer } from '../helpers/server.js';
import { streamScript } from './streams-diff-script.js';

describe('streams: byte-for-byte against redis-server', () => {
  const redis = useRedisServer();
  const server = useTestServer();
  let ref: RawConnection;
  let ours: RawConnection;

  beforeAll(async () => {
    ref = await RawConnection.connect(redis.port);
    ours = await RawConnection.connect(server.port);
  });

  afterAll(() => {
    ref?.close();
    ours?.close();
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
