// Starts a real Redwire server in this process on free ports.
import { afterAll, beforeAll } from 'vitest';
import { Config } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { RouteInstaller } from '../../src/net/ws.js';
import type { Clock } from '../../src/core/clock.js';

export interface TestServer extends RunningServer {
  host: string;
}

/** A server with the gateway: where its WebSocket and HTTP endpoints are. */
export interface WsTestServer extends RunningServer {
  /** ws://127.0.0.1:<port>/ws */
  wsUrl: string;
  httpUrl: string;
}

/** A config with `base` settings, then `options` (CONFIG SET-style overrides). */
function testConfig(base: Array<[string, string]>, options: Record<string, string>): Config {
  const config = new Config();
  const e = config.setMany([...base, ...Object.entries(options)].map(([k, v]): [string, string[]] => [k, [v]]), true);
  if (e !== null) throw new Error(e);
  return config;
}

/** A server on 127.0.0.1 and a free port; `options` are CONFIG SET-style overrides. */
export async function startTestServer(options: Record<string, string> = {}, clock?: Clock): Promise<TestServer> {
  // ws-port 0: no WebSocket gateway unless a test asks for one (the default port would collide).
  const config = testConfig([['port', '0'], ['ws-port', '0'], ['loglevel', 'warning']], options);
  const s = await startServer(config, clock ? { clock } : {});
  return { ...s, host: '127.0.0.1' };
}

/** A server with RESP and the gateway on free ports; `options` are config overrides, `httpRoutes` extra HTTP routes. */
export async function startWsServer(options: Record<string, string> = {}, httpRoutes?: RouteInstaller): Promise<WsTestServer> {
  const config = testConfig([['port', '0'], ['loglevel', 'warning']], options);
  const s = await startServer(config, { wsPort: 0, httpRoutes });
  const path = config.str('ws-path');
  return { ...s, wsUrl: `ws://127.0.0.1:${s.wsPort}${path}`, httpUrl: `http://127.0.0.1:${s.wsPort}` };
}

/**
 * What `start` gives, for the enclosing suite: started in beforeAll, stopped
 * in afterAll. The object returned is filled in when beforeAll runs, so read
 * it only inside hooks and tests.
 */
export function useServer<T extends object>(start: () => Promise<T>, stop: (server: T) => Promise<void>): T {
  const server = {} as T;
  let started = false;
  beforeAll(async () => {
    Object.assign(server, await start());
    started = true;
  });
  afterAll(async () => {
    if (started) await stop(server);
  });
  return server;
}

/** A startTestServer(options) server for the enclosing suite (see useServer). */
export function useTestServer(options: Record<string, string> = {}): TestServer {
  return useServer(() => startTestServer(options), (s) => s.close());
}

/** A startWsServer(options) server for the enclosing suite (see useServer). */
export function useWsServer(options: Record<string, string> = {}): WsTestServer {
  return useServer(() => startWsServer(options), (s) => s.close());
}
