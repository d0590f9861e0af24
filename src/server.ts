// startServer: a Broker plus its listeners, ready to use (main and tests).
import type net from 'node:net';
import { Broker, type BrokerOptions } from './broker/index.js';
import { Config } from './config/index.js';
import { listenTcp } from './net/tcp.js';
import { flushAll } from './net/flush.js';
import { VERSION } from './version.js';

export interface RunningServer {
  broker: Broker;
  /** RESP port actually bound (useful with --port 0). */
  port: number;
  close(): Promise<void>;
}

/** Starts the RESP listeners described by config. */
export async function startServer(config: Config = new Config(), opts: BrokerOptions = {}): Promise<RunningServer> {
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
  broker.startCron();
  broker.log('notice', `Redwire ${VERSION} started, PID: ${process.pid}`);
  broker.log('notice', `Ready to accept connections tcp on ${(config.get('bind') as string[]).join(' ')}:${port}`);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    broker.stopCron();
    flushAll();
    for (const c of [...broker.clients.values()]) c.kill('server shutdown');
    await Promise.all(listeners.map((l) => new Promise<void>((r) => l.close(() => r()))));
    broker.log('notice', 'Redwire is now ready to exit, bye bye...');
  };
  broker.onShutdown = () => void close();
  return { broker, port, close };
}
