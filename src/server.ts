// startServer: a Broker plus its listeners, ready to use (main and tests).
import type net from 'node:net';
import { Broker, type BrokerOptions } from './broker/index.js';
import { Config } from './config/index.js';
import { listenTcp } from './net/tcp.js';
import { flushAll } from './net/flush.js';
import { startGateway, type Gateway, type RouteInstaller } from './net/ws.js';
import { installHttpRoutes } from './net/http.js';
import { VERSION } from './version.js';

export interface RunningServer {
  broker: Broker;
  /** RESP port actually bound (useful with --port 0). */
  port: number;
  /** The WebSocket/HTTP gateway (null when ws-port is 0 or its default port was taken). */
  gateway: Gateway | null;
  /** Gateway port actually bound (0 when there is no gateway). */
  wsPort: number;
  close(): Promise<void>;
}

/** Starts the RESP listeners described by config. */
export async function startServer(
  config: Config = new Config(), opts: BrokerOptions & { httpRoutes?: RouteInstaller; wsPort?: number } = {},
): Promise<RunningServer> {
  const broker = new Broker(config, opts);
  const listeners: net.Server[] = [];
  let port = config.num('port');
  if (port !== 0 || opts.clock === undefined) {
    const binds = config.get('bind') as string[];
    for (const host of binds) {
      const l = await listenTcp(broker, host, port);
      listeners.push(l);
      const addr = l.address();
      if (port === 0 && addr !== null && typeof addr === 'object') port = addr.port;
    }
  }
  // The HTTP routes (REST, SSE, /metrics, the live page) come first; a caller's routes are added after them.
  const routes: RouteInstaller = (app, b) => { installHttpRoutes(app, b); opts.httpRoutes?.(app, b); };
  const gateway = await openGateway(broker, routes, opts.wsPort);
  broker.startCron();
  broker.log('notice', `Redwire ${VERSION} started, PID: ${process.pid}`);
  broker.log('notice', `Ready to accept connections tcp on ${(config.get('bind') as string[]).join(' ')}:${port}`);
  if (gateway !== null) broker.log('notice', `Ready to accept WebSocket connections on ws://${config.str('ws-bind')}:${gateway.port}${config.str('ws-path')}`);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    broker.stopCron();
    flushAll();
    for (const c of [...broker.clients.values()]) c.kill('server shutdown');
    gateway?.close();
    await Promise.all(listeners.map((l) => new Promise<void>((r) => l.close(() => r()))));
    broker.log('notice', 'Redwire is now ready to exit, bye bye...');
  };
  broker.onShutdown = () => void close();
  return { broker, port, gateway, wsPort: gateway?.port ?? 0, close };
}

/**
 * Starts the gateway unless ws-port is 0 (opts.wsPort 0 = any free port, for
 * tests). A busy default port only costs a warning, so several servers can
 * run side by side during development; an explicitly chosen port must bind.
 */
async function openGateway(broker: Broker, routes?: RouteInstaller, wsPort?: number): Promise<Gateway | null> {
  const configured = broker.config.num('ws-port');
  if (configured === 0 && wsPort === undefined) return null;
  try {
    return await startGateway(broker, routes, wsPort);
  } catch (e) {
    if (wsPort !== undefined || configured !== DEFAULT_WS_PORT) throw e;
    broker.log('warning', `${(e as Error).message}: WebSocket gateway disabled`);
    return null;
  }
}

const DEFAULT_WS_PORT = 7379;
