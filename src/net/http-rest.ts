// Webdis-style REST commands on the gateway port:
//
//   GET  /CMD/arg1/.../argN[.json|.raw|.txt]      run a command
//   GET  /3/CMD/...                                 ... in database 3
//   POST /CMD/arg1/...   body                       the body is the last argument (PUT likewise)
//   POST /               body "CMD/arg1/..."        the command in the body (Webdis)
//   GET  /SUBSCRIBE/ch1/ch2                         chunked stream (see http-sse.ts)
//
// Tokens (ws-token) come as Authorization: Bearer <t> or ?token=; a
// requirepass password as Authorization: Basic (user:password, AUTH runs
// first). Origins outside http-cors-origins get 403.
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { forbidden } from './ws-policy.js';
import {
  checkToken, guard, internalError, originAllowed, preflight, refuseWhenFull, remoteAddress, requestInfo, sendError, sendTokenError, Status,
  type HttpContext, type RequestInfo,
} from './http-common.js';
import { parseCommandPath, type PathCommand } from './http-reply.js';
import { RestSession } from './http-rest-session.js';
import { openStream, type StreamHub } from './http-sse.js';

const STREAMS = new Set(['subscribe', 'psubscribe', 'ssubscribe']);

/** Installs the REST routes: GET/POST/PUT on every path the other routes do not take, OPTIONS, 405s. */
export function installRest(app: TemplatedApp, ctx: HttpContext, hub: StreamHub, reserved: Set<string>): void {
  const handler = guard(ctx.broker, (res, req) => rest(ctx, hub, reserved, res, req));
  app.get('/*', handler);
  app.post('/*', handler);
  app.put('/*', handler);
  app.options('/*', guard(ctx.broker, (res, req) => preflight(ctx.broker, res, req)));
  const notAllowed = guard(ctx.broker, (res, req) => {
    const info = requestInfo(req);
    const allow = reserved.has(info.url) ? 'GET, OPTIONS' : 'GET, POST, PUT, OPTIONS';
    sendError(res, info, Status.METHOD_NOT_ALLOWED, 'ERR', `method ${info.method.toUpperCase()} not allowed`, info.hasBody, allow);
  });
  // HEAD must never run a command (GET /SET/... would): 405, except for liveness probes.
  app.head('/healthz', (res) => void res.writeStatus(Status.OK).writeHeader('Content-Type', 'application/json').endWithoutBody());
  app.head('/*', (res) => void res.writeStatus(Status.METHOD_NOT_ALLOWED).writeHeader('Allow', 'GET, POST, PUT, OPTIONS').endWithoutBody());
  app.del('/*', notAllowed);
  app.patch('/*', notAllowed);
  app.trace('/*', notAllowed);
  app.connect('/*', notAllowed);
}

function rest(ctx: HttpContext, hub: StreamHub, reserved: Set<string>, res: HttpResponse, req: HttpRequest): void {
  const info = requestInfo(req);
  const method = info.method;
  const unread = method !== 'get' && info.hasBody; // a refusal must close the connection, the body is left unread
  if (!originAllowed(ctx.broker, info)) return sendError(res, info, Status.FORBIDDEN, 'FORBIDDEN', 'origin not allowed', unread);
  if (method !== 'get' && reserved.has(info.url) && !(method === 'post' && info.url === '/')) {
    return sendError(res, info, Status.METHOD_NOT_ALLOWED, 'ERR', `method ${method.toUpperCase()} not allowed`, unread, 'GET, OPTIONS');
  }
  const t = checkToken(ctx, info);
  if (t !== null) return sendTokenError(res, info, t, unread);
  const bodyIsCommand = method === 'post' && info.url === '/';
  let cmd: PathCommand | null = null;
  if (!bodyIsCommand) {
    const parsed = parseCommandPath(info.url);
    if (typeof parsed === 'string') return sendError(res, info, Status.BAD_REQUEST, 'ERR', parsed, unread);
    cmd = parsed;
    if (method === 'get' && STREAMS.has(cmd.argv[0].toLowerCase())) {
      if (cmd.format === 'txt') return sendError(res, info, Status.NOT_ACCEPTABLE, 'ERR', 'a stream is .json or .raw');
      return openStream(ctx, hub, res, info, [cmd.argv], cmd.format);
    }
  }
  if (method === 'get' || !info.hasBody) {
    if (cmd === null) return sendError(res, info, Status.BAD_REQUEST, 'ERR', 'POST / takes the command in the body: CMD/arg1/arg2...');
    return void run(ctx, res, info, cmd, false);
  }
  const maxBody = ctx.broker.config.num('http-max-body');
  if (info.contentLength > maxBody) return tooLarge(res, info, maxBody);
  readBody(ctx, res, info, cmd, maxBody);
}

/** Reads a POST/PUT body (up to http-max-body), then runs the command. */
function readBody(ctx: HttpContext, res: HttpResponse, info: RequestInfo, pathCmd: PathCommand | null, maxBody: number): void {
  let session: RestSession | null = null;
  let aborted = false;
  let refused = false;
  const chunks: Buffer[] = [];
  let size = 0;
  res.onAborted(() => {
    aborted = true;
    session?.onAborted();
  });
  res.onData((ab, isLast) => {
    if (aborted || refused) return;
    try {
      onChunk(ab, isLast);
    } catch (e) {
      refused = true;
      internalError(ctx.broker, res, e);
    }
  });
  const onChunk = (ab: ArrayBuffer, isLast: boolean): void => {
    size += ab.byteLength;
    if (size > maxBody) {
      refused = true;
      return tooLarge(res, info, maxBody);
    }
    if (!isLast) {
      chunks.push(Buffer.from(new Uint8Array(ab))); // uWS neuters the ArrayBuffer on return: copy
      return;
    }
    const last = Buffer.from(ab);
    const all = chunks.length === 0 ? last : Buffer.concat([...chunks, last]);
    const body = all.latin1Slice(0, all.length);
    ctx.broker.stats.netInputBytes += all.length;
    let cmd: PathCommand;
    if (pathCmd === null) {
      const parsed = parseCommandPath(body, true);
      if (typeof parsed === 'string') return sendError(res, info, Status.BAD_REQUEST, 'ERR', parsed);
      cmd = parsed;
    } else {
      cmd = pathCmd;
      cmd.argv.push(body);
    }
    session = run(ctx, res, info, cmd, true);
  };
}

function tooLarge(res: HttpResponse, info: RequestInfo, maxBody: number): void {
  sendError(res, info, Status.TOO_LARGE, 'TOOLARGE', `the request body exceeds http-max-body (${maxBody} bytes)`, true);
}

/**
 * Runs one command as a RestSession and answers (now, or when a blocking
 * command is served). `abortHooked`: res.onAborted is already attached.
 */
function run(ctx: HttpContext, res: HttpResponse, info: RequestInfo, cmd: PathCommand, abortHooked: boolean): RestSession | null {
  const broker = ctx.broker;
  if (refuseWhenFull(broker, res, info)) return null;
  if (cmd.db >= 0 && !selectDb(ctx, res, info, cmd.db)) return null;
  const session = new RestSession(ctx, res, info, cmd.format, remoteAddress(res));
  if (cmd.db >= 0) session.db = broker.dbs[cmd.db];
  broker.register(session);
  if (!abortHooked) broker.stats.netInputBytes += info.url.length + info.query.length;
  const done = session.start(cmd.argv, basicAuth(info.authorization));
  if (!done && !abortHooked) res.onAborted(() => session.onAborted());
  return session;
}

/** The /<db>/ prefix: as SELECT would, within the allow-list and the database count. */
function selectDb(ctx: HttpContext, res: HttpResponse, info: RequestInfo, db: number): boolean {
  const select = ctx.broker.commands.get('select');
  if (select === undefined || !ctx.policy.allows(select)) {
    const e = forbidden('select');
    sendError(res, info, Status.FORBIDDEN, e.code, e.message);
    return false;
  }
  if (db >= ctx.broker.dbs.length) {
    sendError(res, info, Status.BAD_REQUEST, 'ERR', 'DB index is out of range');
    return false;
  }
  return true;
}

/** AUTH [user] password from Authorization: Basic (an empty user means the default user); null without Basic. */
function basicAuth(header: string): string[] | null {
  if (header.length < 7 || header.slice(0, 6).toLowerCase() !== 'basic ') return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64');
  const text = decoded.latin1Slice(0, decoded.length);
  const colon = text.indexOf(':');
  if (colon < 0) return ['AUTH', text];
  const user = text.slice(0, colon);
  return user === '' ? ['AUTH', text.slice(colon + 1)] : ['AUTH', user, text.slice(colon + 1)];
}
