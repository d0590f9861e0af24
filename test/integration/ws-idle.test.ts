// ws-idle-timeout: uWS pings quiet connections automatically; a client that
// answers stays, one that does not is closed. Other clients are unaffected.
import { expect, it } from 'vitest';
import { JsonClient } from './ws-helpers.js';
import { useWsServer } from '../helpers/server.js';

const server = useWsServer({ 'ws-idle-timeout': '8' });

it('closes a silent client that ignores pings, keeps one that answers them', async () => {
  const alive = await JsonClient.open(server.wsUrl);
  let pings = 0;
  alive.ws.on('ping', () => pings++);
  const dead = await JsonClient.open(server.wsUrl, undefined, { autoPong: false });
  const t0 = Date.now();
  const closed = await dead.closed;
  const after = (Date.now() - t0) / 1000;
  expect(closed.code).toBe(1006); // uWS drops it without a close frame
  expect(after).toBeGreaterThan(6);
  expect(after).toBeLessThan(20);
  expect(pings).toBeGreaterThan(0);
  expect((await alive.call('PING')).r).toBe('PONG');
  expect(server.broker.clients.size).toBe(1);
  alive.close();
}, 30_000);
