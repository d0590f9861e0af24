// The WebSocket gateway: a uWebSockets.js app on the same libuv loop as the
// RESP listener. Every WebSocket is a Session (transport=ws) running the same
// command table; HTTP routes (REST, SSE, /metrics ...) are added to the same
// app through the `routes` hook of startGateway.
import { App, us_listen_socket_close, us_socket_local_port, type HttpRequest, type HttpResponse, type TemplatedApp, type us_listen_socket, type us_socket_context_t } from 'uWebSockets.js';
import type { Broker } from '../broker/index.js';
import { textToBytes } from '../../protocols/json/values.js';
import { CommandPolicy, tokenMatches } from './ws-policy.js';
import { Close } from './ws-limits.js';
import { WsLink, type GatewayContext, type WsProtocol, type WsUserData } from './ws-link.js';
import { JsonSession } from './ws-json.js';
import { RespWsSession } from './ws-resp.js';
import { TopicRouter } from './ws-topics.js';
import { remoteAddress } from './http-common.js';
import { browserFile } from './http-page.js';

/** A running gateway. */
export interface Gateway {
  /** The uWS app: add HTTP routes with app.get(...) etc. (more specific patterns win over the 404 catch-all). */
  readonly app: TemplatedApp;
  /** The port actually bound. */
  readonly port: number;
  readonly context: GatewayContext;
  /** Stops listening and drops every remaining socket (sessions must have been killed first). */
  close(): void;
}

/** Adds HTTP routes to the gateway's app before it starts listening. */
export type RouteInstaller = (app: TemplatedApp, broker: Broker) => void;

/**
 * Starts the gateway on ws-bind:ws-port (port 0 in `portOverride` asks the OS
 * for a free port, for tests). Rejects when the address cannot be bound.
 */
export function startGateway(broker: Broker, routes?: RouteInstaller, portOverride?: number): Promise<Gateway> {
  const config = broker.config;
  const host = config.str('ws-bind');
  const wantPort = portOverride ?? config.num('ws-port');
  const maxPayload = config.num('ws-max-payload');
  const app = App();
  const policy = new CommandPolicy(broker.commands, config.str('ws-allow'));
  const context: GatewayContext = {
    broker,
    policy,
    token: textToBytes(config.str('ws-token')),
    maxPayload,
    maxBadFrames: config.num('ws-max-bad-frames'),
    topics: config.bool('ws-topics') ? new TopicRouter(app, broker) : null,
  };
  config.on('ws-allow', (v) => policy.compile(v as string));
  config.on('ws-token', (v) => void (context.token = textToBytes(v as string)));
  config.on('ws-max-bad-frames', (v) => void (context.maxBadFrames = v as number));
  let laddr = `${host}:${wantPort}`;

  app.ws<WsUserData>(config.str('ws-path'), {
    compression: 0, // permessage-deflate off: frames are small and latency matters
    // Frames up to twice ws-max-payload are read and answered with TOOLARGE;
    // beyond that uWS drops the connection before buffering more.
    maxPayloadLength: Math.max(maxPayload * 2, maxPayload + 64 * 1024),
    maxBackpressure: config.num('ws-max-backpressure'),
    closeOnBackpressureLimit: false,
    idleTimeout: config.num('ws-idle-timeout'),
    sendPingsAutomatically: true,
    upgrade: (res, req, ctx) => upgrade(broker, context, res, req, ctx),
    open: (ws) => {
      const ud = ws.getUserData();
      if (ud.reject !== 0) {
        ws.end(ud.reject, ud.rejectReason);
        return;
      }
      const link = new WsLink(ws);
      const session = ud.protocol === 'json'
        ? new JsonSession(context, link, ud.address, laddr, ud.tokenOk)
        : new RespWsSession(context, link, ud.address, laddr);
      ud.session = session;
      broker.register(session);
    },
    message: (ws, message, isBinary) => {
      const session = ws.getUserData().session;
      if (session === null) return;
      ws.cork(() => {
        try {
          session.onMessage(Buffer.from(message), isBinary);
        } catch (e) {
          // A bug in the gateway must not take the process down; this connection goes.
          broker.log('warning', `WebSocket session error: ${(e as Error).stack ?? e}`);
          session.link.end(1011, 'internal error'); // no-op if the socket is already gone
        }
      });
    },
    dropped: (ws) => ws.getUserData().session?.onDropped(),
    close: (ws) => {
      const ud = ws.getUserData();
      const session = ud.session;
      ud.session = null;
      session?.onClosed();
    },
  });
  app.get('/redwire.js', serveClient);
  routes?.(app, broker);
  app.any('/*', (res) => void res.writeStatus('404 Not Found').end('Not found\n'));

  return new Promise((resolve, reject) => {
    app.listen(host, wantPort, (listenSocket: us_listen_socket | false) => {
      if (listenSocket === false) {
        app.close();
        reject(new Error(`Could not bind the WebSocket gateway to ${host}:${wantPort}`));
        return;
      }
      const port = us_socket_local_port(listenSocket as never);
      laddr = `${host}:${port}`;
      let closed = false;
      resolve({
        app,
        port,
        context,
        close: () => {
          if (closed) return;
          closed = true;
          us_listen_socket_close(listenSocket);
          app.close();
        },
      });
    });
  });
}

/** Picks the subprotocol, checks origin, token and maxclients, and upgrades. */
function upgrade(broker: Broker, context: GatewayContext, res: HttpResponse, req: HttpRequest, ctx: us_socket_context_t): void {
  const config = broker.config;
  const offered = req.getHeader('sec-websocket-protocol');
  let protocol: WsProtocol = 'json';
  let answer = '';
  if (offered !== '') {
    const chosen = offered.split(',').map((p) => p.trim()).find((p) => p === 'json' || p === 'resp3');
    if (chosen === undefined) {
      res.writeStatus('400 Bad Request').end('unsupported WebSocket subprotocol (use json or resp3)\n');
      return;
    }
    protocol = answer = chosen as WsProtocol;
  }
  if (!originAllowed(config.str('ws-allowed-origins'), req.getHeader('origin'))) {
    res.writeStatus('403 Forbidden').end('origin not allowed\n');
    return;
  }
  const presented = req.getQuery('token');
  const tokenOk = context.token === '' || (presented !== undefined && tokenMatches(textToBytes(presented), context.token));
  const ud: WsUserData = { protocol, address: remoteAddress(res), tokenOk, reject: 0, rejectReason: '', session: null };
  if (!broker.admit()) {
    ud.reject = Close.SERVER_FULL;
    ud.rejectReason = 'max number of clients reached';
  } else if (!tokenOk && (presented !== undefined || protocol === 'resp3')) {
    // A wrong ?token= is final; resp3 has no auth frame, so it needs the token in the URL.
    ud.reject = Close.AUTH_FAILED;
    ud.rejectReason = 'invalid token';
  }
  res.upgrade(ud, req.getHeader('sec-websocket-key'), answer, req.getHeader('sec-websocket-extensions'), ctx);
}

/** ws-allowed-origins: "*" or space-separated origins; requests without Origin (non-browsers) pass. */
function originAllowed(allowed: string, origin: string): boolean {
  if (origin === '' || allowed === '*') return true;
  return allowed.split(/\s+/).includes(origin);
}

// ---- the browser client -------------------------------------------------------

/** Served when redwire.js is missing: importing it fails loudly. */
const CLIENT_MISSING = 'throw new Error("redwire.js not found next to the server");\n';

function serveClient(res: HttpResponse): void {
  res.cork(() => {
    res.writeStatus('200 OK')
      .writeHeader('Content-Type', 'text/javascript; charset=utf-8')
      .writeHeader('Access-Control-Allow-Origin', '*')
      .writeHeader('Cache-Control', 'no-cache')
      .end(browserFile('redwire.js', CLIENT_MISSING));
  });
}

