// The HTTP surface of the gateway port, installed next to the WebSocket
// endpoint on the same uWS app (startGateway's RouteInstaller):
//
//   GET  /                 the live page (dashboard.html, dashboard.js, /redwire.js)
//   GET  /healthz          200 {"status":"ok",...}
//   GET  /metrics          Prometheus text format
//   GET  /stats.json       figures the live page plots
//   GET  /sse?channel=..   Server-Sent Events (http-sse.ts)
//   *    /CMD/arg/...      Webdis-style REST commands and streams (http-rest.ts)
//
// Routes that are not commands answer 405 to other methods; CORS preflight
// (OPTIONS) is answered everywhere.
import type { TemplatedApp } from 'uWebSockets.js';
import type { Broker } from '../broker/index.js';
import { createHttpContext, guard } from './http-common.js';
import { guardedRoute, healthRoute, metricsText, startLoopLagMonitor, statsJson } from './http-metrics.js';
import { pageRoute } from './http-page.js';
import { installRest } from './http-rest.js';
import { sseRoute, StreamHub } from './http-sse.js';

/** Installs every HTTP route on the gateway app (a RouteInstaller). */
export function installHttpRoutes(app: TemplatedApp, broker: Broker): void {
  const ctx = createHttpContext(broker);
  const hub = new StreamHub(ctx);
  const wsPath = broker.config.str('ws-path');
  startLoopLagMonitor();
  app.get('/', guard(broker, pageRoute('dashboard.html', 'text/html; charset=utf-8', wsPath)));
  app.get('/dashboard.js', guard(broker, pageRoute('dashboard.js', 'text/javascript; charset=utf-8', wsPath)));
  app.get('/healthz', guard(broker, (res, req) => healthRoute(broker, res, req)));
  app.get('/metrics', guard(broker, guardedRoute(ctx, 'text/plain; version=0.0.4; charset=utf-8', metricsText)));
  app.get('/stats.json', guard(broker, guardedRoute(ctx, 'application/json', statsJson)));
  app.get('/sse', guard(broker, (res, req) => sseRoute(ctx, hub, res, req)));
  const reserved = new Set(['/', '/dashboard.js', '/healthz', '/metrics', '/stats.json', '/sse', '/redwire.js', wsPath]);
  installRest(app, ctx, hub, reserved);
}
