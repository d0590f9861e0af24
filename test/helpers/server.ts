// Starts a real Redwire server in this process on a free port.
import { afterAll, beforeAll } from 'vitest';
import { Config } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { Clock } from '../../src/core/clock.js';

export interface TestServer extends RunningServer {
  host: string;
}

/** A server on 127.0.0.1 and a free port; `options` are CONFIG SET-style overrides. */
export async function startTestServer(options: Record<string, string> = {}, clock?: Clock): Promise<TestServer> {
  const config = new Config();
  // ws-port 0: no WebSocket gateway unless a test asks for one (the default port would collide).
  const pairs: Array<[string, string[]]> = [['port', ['0']], ['ws-port', ['0']], ['loglevel', ['warning']]];
  for (const [k, v] of Object.entries(options)) pairs.push([k, [v]]);
  const e = config.setMany(pairs, true);
  if (e !== null) throw new Error(e);
  const s = await startServer(config, clock ? { clock } : {});
  return { ...s, host: '127.0.0.1' };
}

/**
 * A test server for the enclosing suite: started in beforeAll, closed in
 * afterAll. The object returned is filled in when beforeAll runs, so read it
 * only inside hooks and tests.
 */
export function useTestServer(options: Record<string, string> = {}): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    Object.assign(server, await startTestServer(options));
  });
  afterAll(async () => {
    await server.close?.();
  });
  return server;
}
