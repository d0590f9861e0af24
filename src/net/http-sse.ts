// The streaming routes: GET /sse?channel=a&channel=b&pattern=c*&shard=s
// (Server-Sent Events) and GET /SUBSCRIBE/<channel>... (Webdis's chunked
// stream, also PSUBSCRIBE and SSUBSCRIBE, .json or .raw). Both subscribe a
// StreamSession through dispatch (the allow-list applies) before answering,
// so an error is an ordinary HTTP error and a 200 means "subscribed".
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import { textOrLatin1 } from '../../protocols/json/values.js';
import { ClientFlag } from '../commands/types.js';
import {
  checkToken, originAllowed, queryValues, refuseWhenFull, remoteAddress, requestInfo, sendError, sendTokenError, Status, writeCors,
  type HttpContext, type RequestInfo,
} from './http-common.js';
import { statusForError } from './http-reply.js';
import { StreamSession, type StreamFormat } from './http-stream.js';

const CONTENT_TYPE: Record<StreamFormat, string> = {
  sse: 'text/event-stream; charset=utf-8',
  json: 'application/json',
  raw: 'application/octet-stream',
};

/** EventSource waits this long before reconnecting after the stream ends. */
const SSE_PREAMBLE = Buffer.from('retry: 3000\n\n', 'latin1');

/** The SSE sessions of one server, and the timer that sends their heartbeats. */
export class StreamHub {
  private readonly sse = new Set<StreamSession>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: HttpContext) {
    ctx.broker.config.on('http-sse-heartbeat', () => this.arm());
  }

  /** Starts heartbeats for a new SSE session. */
  add(s: StreamSession): void {
    this.sse.add(s);
    if (this.timer === null) this.arm();
  }

  private arm(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const seconds = this.ctx.broker.config.num('http-sse-heartbeat');
    if (seconds === 0 || this.sse.size === 0) return;
    this.timer = setInterval(() => this.beat(), seconds * 1000);
    this.timer.unref();
  }

  private beat(): void {
    for (const s of this.sse) {
      if ((s.flags & ClientFlag.CLOSED) !== 0) this.sse.delete(s);
      else s.heartbeat();
    }
    if (this.sse.size === 0) this.arm();
  }
}

/** GET /sse: channel=, pattern= and shard= (each repeatable; at least one), token= when ws-token is set. */
export function sseRoute(ctx: HttpContext, hub: StreamHub, res: HttpResponse, req: HttpRequest): void {
  const info = requestInfo(req);
  if (!originAllowed(ctx.broker, info)) return sendError(res, info, Status.FORBIDDEN, 'FORBIDDEN', 'origin not allowed');
  const t = checkToken(ctx, info);
  if (t !== null) return sendTokenError(res, info, t);
  const channels = queryValues(info.query, 'channel');
  const patterns = queryValues(info.query, 'pattern');
  const shards = queryValues(info.query, 'shard');
  if (channels === null || patterns === null || shards === null) {
    return sendError(res, info, Status.BAD_REQUEST, 'ERR', 'malformed percent-encoding in the query string');
  }
  const commands: string[][] = [];
  if (channels.length !== 0) commands.push(['SUBSCRIBE', ...channels]);
  if (patterns.length !== 0) commands.push(['PSUBSCRIBE', ...patterns]);
  if (shards.length !== 0) commands.push(['SSUBSCRIBE', ...shards]);
  if (commands.length === 0) {
    return sendError(res, info, Status.BAD_REQUEST, 'ERR', 'name what to follow: /sse?channel=<name>&pattern=<glob>&shard=<name>');
  }
  openStream(ctx, hub, res, info, commands, 'sse');
}

/**
 * Subscribes a new StreamSession with `commands`, then answers 200 and
 * streams; a refused subscription (allow-list, arity) is answered as an HTTP
 * error and leaves nothing behind. Called inside a uWS route handler.
 */
export function openStream(ctx: HttpContext, hub: StreamHub, res: HttpResponse, info: RequestInfo, commands: string[][], format: StreamFormat): void {
  const broker = ctx.broker;
  if (refuseWhenFull(broker, res, info)) return;
  const s = new StreamSession(ctx, res, format, remoteAddress(res));
  broker.register(s);
  s.runBatch(commands);
  const e = s.setupError;
  if (e !== null || (s.flags & ClientFlag.CLOSED) !== 0) {
    s.detach();
    if (e !== null) sendError(res, info, statusForError(e), textOrLatin1(e.code), textOrLatin1(e.message));
    else res.close();
    return;
  }
  res.onAborted(() => s.onAborted());
  res.cork(() => {
    res.writeStatus(Status.OK);
    writeCors(res, info);
    res.writeHeader('Content-Type', CONTENT_TYPE[format])
      .writeHeader('Cache-Control', 'no-cache')
      .writeHeader('X-Accel-Buffering', 'no')
      .writeHeader('X-Content-Type-Options', 'nosniff');
    if (format === 'sse') res.write(SSE_PREAMBLE);
    s.flush();
  });
  if (format === 'sse') hub.add(s);
}
