// What every HTTP route shares: the per-server context, the request facts
// read while uWS's HttpRequest is alive, origin/CORS rules, the token check
// and the JSON error responses.
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { Broker } from '../broker/index.js';
import { textToBytes } from '../../protocols/json/values.js';
import { CommandPolicy, tokenMatches } from './ws-policy.js';
import { hexValue } from '../../protocols/resp/inline.js';

/** Status lines the routes answer with. */
export const Status = {
  OK: '200 OK',
  NO_CONTENT: '204 No Content',
  BAD_REQUEST: '400 Bad Request',
  UNAUTHORIZED: '401 Unauthorized',
  FORBIDDEN: '403 Forbidden',
  NOT_FOUND: '404 Not Found',
  METHOD_NOT_ALLOWED: '405 Method Not Allowed',
  NOT_ACCEPTABLE: '406 Not Acceptable',
  TOO_LARGE: '413 Payload Too Large',
  INTERNAL: '500 Internal Server Error',
  UNAVAILABLE: '503 Service Unavailable',
} as const;

/** Settings and services of one server's HTTP routes. */
export interface HttpContext {
  readonly broker: Broker;
  /** The WebSocket allow-list (ws-allow), compiled for HTTP sessions. */
  readonly policy: CommandPolicy;
  /** ws-token as bytes ("" = none). */
  token: string;
  /** The gateway's address as CLIENT LIST laddr shows it. */
  readonly localAddress: string;
}

/** Builds the context and keeps it in step with CONFIG SET ws-allow / ws-token. */
export function createHttpContext(broker: Broker): HttpContext {
  const config = broker.config;
  const ctx: HttpContext = {
    broker,
    policy: new CommandPolicy(broker.commands, config.str('ws-allow')),
    token: textToBytes(config.str('ws-token')),
    localAddress: `${config.str('ws-bind')}:${config.num('ws-port')}`,
  };
  config.on('ws-allow', (v) => ctx.policy.compile(v as string));
  config.on('ws-token', (v) => void (ctx.token = textToBytes(v as string)));
  return ctx;
}

/** The parts of a request the routes need, copied out of uWS's short-lived HttpRequest. */
export interface RequestInfo {
  method: string;
  /** Raw path (still percent-encoded), without the query. */
  url: string;
  /** Raw query string ("" when none). */
  query: string;
  origin: string;
  host: string;
  authorization: string;
  /** Content-Length, or -1 when absent or malformed. */
  contentLength: number;
  /** A body follows (Content-Length > 0 or chunked Transfer-Encoding). */
  hasBody: boolean;
  /** The ?token= value, decoded (undefined when absent). */
  queryToken: string | undefined;
}

/** Reads what the routes need from req (valid only inside the route handler). */
export function requestInfo(req: HttpRequest): RequestInfo {
  const cl = req.getHeader('content-length');
  const contentLength = /^\d{1,15}$/.test(cl) ? Number(cl) : -1;
  // uWS answers null (not "") when there is no query string.
  const query = req.getQuery() ?? '';
  return {
    method: req.getMethod(),
    url: req.getUrl(),
    query,
    origin: req.getHeader('origin'),
    host: req.getHeader('host'),
    authorization: req.getHeader('authorization'),
    contentLength,
    hasBody: contentLength > 0 || req.getHeader('transfer-encoding') !== '',
    queryToken: query === '' ? undefined : req.getQuery('token'),
  };
}

// ---- origins and CORS -------------------------------------------------------

/**
 * http-cors-origins: requests without Origin (non-browsers), same-origin
 * requests (the live page) and listed origins pass; "*" lets every origin in.
 */
export function originAllowed(broker: Broker, info: RequestInfo): boolean {
  const origin = info.origin;
  if (origin === '' || origin === `http://${info.host}` || origin === `https://${info.host}`) return true;
  const allowed = broker.config.str('http-cors-origins');
  return allowed === '*' || allowed.split(/\s+/).includes(origin);
}

/** Adds the CORS headers a cross-origin browser request needs to read the response. */
export function writeCors(res: HttpResponse, info: RequestInfo): void {
  if (info.origin === '') return;
  res.writeHeader('Access-Control-Allow-Origin', info.origin);
  res.writeHeader('Vary', 'Origin');
}

const ALLOW_METHODS = 'GET, POST, PUT, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Requested-With, Last-Event-ID, Cache-Control';

/** OPTIONS (CORS preflight): 204 with the methods and headers the routes accept, 403 for origins not allowed. */
export function preflight(broker: Broker, res: HttpResponse, req: HttpRequest): void {
  const info = requestInfo(req);
  if (!originAllowed(broker, info)) return void sendError(res, info, Status.FORBIDDEN, 'FORBIDDEN', 'origin not allowed');
  res.writeStatus(Status.NO_CONTENT);
  writeCors(res, info);
  res.writeHeader('Allow', ALLOW_METHODS)
    .writeHeader('Access-Control-Allow-Methods', ALLOW_METHODS)
    .writeHeader('Access-Control-Allow-Headers', ALLOW_HEADERS)
    .writeHeader('Access-Control-Max-Age', '600')
    .endWithoutBody();
}

// ---- token --------------------------------------------------------------------

/** The outcome of the ws-token check: ok, or the status and message refusing the request. */
export type TokenCheck = null | { status: string; msg: string };

const NO_TOKEN: TokenCheck = { status: Status.UNAUTHORIZED, msg: 'this server needs a token: Authorization: Bearer <token> or ?token=' };
const BAD_TOKEN: TokenCheck = { status: Status.FORBIDDEN, msg: 'invalid token' };

/** Checks the request's token (Authorization: Bearer, else ?token=) against ws-token. */
export function checkToken(ctx: HttpContext, info: RequestInfo): TokenCheck {
  if (ctx.token === '') return null;
  let presented: string | undefined;
  const auth = info.authorization;
  if (auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') presented = auth.slice(7).trim();
  else presented = info.queryToken;
  if (presented === undefined) return NO_TOKEN;
  return tokenMatches(textToBytes(presented), ctx.token) ? null : BAD_TOKEN;
}

/** Answers a refused token check (401 carries WWW-Authenticate). */
export function sendTokenError(res: HttpResponse, info: RequestInfo, t: NonNullable<TokenCheck>, close = false): void {
  sendError(res, info, t.status, t.status === Status.UNAUTHORIZED ? 'NOAUTH' : 'FORBIDDEN', t.msg, close);
}

// ---- responses ------------------------------------------------------------------

/** The JSON error body every route uses: {"err":{"code":"...","msg":"..."}}. */
export function errorJson(code: string, msg: string): string {
  return JSON.stringify({ err: { code, msg } });
}

/**
 * Ends res with a JSON error. `close` also closes the connection (used when
 * a request body is left unread, so the next request cannot be parsed).
 */
export function sendError(res: HttpResponse, info: RequestInfo, status: string, code: string, msg: string, close = false, allow?: string): void {
  res.cork(() => {
    res.writeStatus(status);
    writeCors(res, info);
    if (status === Status.UNAUTHORIZED) res.writeHeader('WWW-Authenticate', 'Bearer realm="redwire"');
    if (allow !== undefined) res.writeHeader('Allow', allow);
    res.writeHeader('Content-Type', 'application/json').end(errorJson(code, msg), close);
  });
}

/** True (after counting the rejection and answering 503) when maxclients leaves no room for another session. */
export function refuseWhenFull(broker: Broker, res: HttpResponse, info: RequestInfo): boolean {
  if (broker.admit()) return false;
  sendError(res, info, Status.UNAVAILABLE, 'ERR', 'max number of clients reached');
  return true;
}

/** host:port as CLIENT LIST shows it (uWS does not expose the peer port: 0). */
export function remoteAddress(res: HttpResponse): string {
  let ip = Buffer.from(res.getRemoteAddressAsText() as ArrayBuffer).toString('latin1');
  if (ip.startsWith('0000:0000:0000:0000:0000:ffff:')) {
    const parts = ip.split(':');
    const hi = parseInt(parts[6], 16);
    const lo = parseInt(parts[7], 16);
    ip = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return ip.includes(':') ? `[${ip}]:0` : `${ip}:0`;
}

/**
 * Percent-decodes a URL part into a byte string (latin1, one char per byte);
 * null when an escape is malformed. Characters above 0x7f are text (UTF-8
 * encoded) unless `latin1` says s is already a byte string (a request body).
 */
export function percentDecode(s: string, plusIsSpace = false, latin1 = false): string | null {
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 || (c >= 0x80 && !latin1) || (plusIsSpace && c === 0x2b)) {
      simple = false;
      break;
    }
  }
  if (simple) return s;
  let out = '';
  let run = 0; // start of the pending run of plain ASCII
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return null;
      out += s.slice(run, i) + String.fromCharCode((hi << 4) | lo);
      i += 2;
      run = i + 1;
    } else if (plusIsSpace && c === 0x2b) {
      out += s.slice(run, i) + ' ';
      run = i + 1;
    } else if (c >= 0x80 && !latin1) {
      // Raw non-ASCII (uWS hands the path over as UTF-8 text): its UTF-8 bytes.
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 0x80) j++;
      out += s.slice(run, i) + textToBytes(s.slice(i, j));
      i = j - 1;
      run = j;
    }
  }
  return out + s.slice(run);
}

/** Every value of `name` in a raw query string, decoded to byte strings (null when one is malformed). */
export function queryValues(query: string, name: string): string[] | null {
  const out: string[] = [];
  if (query === '') return out;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== name) continue;
    const v = percentDecode(eq < 0 ? '' : part.slice(eq + 1), true);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** A route handler as uWS calls it. */
export type Route = (res: HttpResponse, req: HttpRequest) => void;

/** Wraps a route: an exception (a bug) is logged and answered with 500 if nothing was sent; the server lives on. */
export function guard(broker: Broker, route: Route): Route {
  return (res, req) => {
    try {
      route(res, req);
    } catch (e) {
      internalError(broker, res, e);
    }
  };
}

/** Logs a bug in an HTTP route and answers 500 (closing the connection) unless res was already used. */
export function internalError(broker: Broker, res: HttpResponse, e: unknown): void {
  broker.log('warning', `HTTP route error: ${(e as Error).stack ?? e}`);
  try {
    res.cork(() => res.writeStatus(Status.INTERNAL).writeHeader('Content-Type', 'application/json').end(errorJson('ERR', 'internal error'), true));
  } catch {
    // already answered or aborted
  }
}
