// Pub/sub over a long HTTP response, for clients that cannot open a
// WebSocket: Server-Sent Events (transport=sse) and Webdis's chunked
// GET /SUBSCRIBE/<channel> stream (transport=http). Each stream is a
// subscribed Session: CLIENT LIST shows it, CLIENT KILL ends it, PUBLISH
// counts it, and a slow reader is dropped by client-output-buffer-limit's
// pubsub class, as over TCP.
//
// SSE (one event per message; data is the WebSocket json push frame):
//   event: message\ndata: {"push":"message","channel":"news","data":"hi"}\n\n
//   event: pmessage\ndata: {"push":"pmessage","pattern":"n*","channel":"news","data":"hi"}\n\n
//   event: subscribe\ndata: {"push":"subscribe","channel":"news","count":1}\n\n
//   : ping\n\n   (heartbeat comment every http-sse-heartbeat seconds)
// Webdis stream (one JSON document per chunk, newline-terminated):
//   {"SUBSCRIBE":["subscribe","news",1]}\n  {"SUBSCRIBE":["message","news","hi"]}\n
import type { HttpResponse } from 'uWebSockets.js';
import { cachedMessageFrame, pushFrame, subscriptionCount } from '../../protocols/json/codec.js';
import { bytesToJson, type JsonValue } from '../../protocols/json/values.js';
import { isError, type ErrorReply, type PushReply, type Reply } from '../../protocols/reply.js';
import { encodeReply } from '../../protocols/resp/encoder.js';
import type { OutputLimits } from '../config/values.js';
import type { Message } from '../core/pubsub.js';
import { respMessageFrame } from './resp-session.js';
import type { HttpContext } from './http-common.js';
import { HttpSession } from './http-session.js';
import { MessageCache } from '../../protocols/message-cache.js';

/** Message.cache slots (RESP uses 0 and 1, the JSON codec 2). */
const CACHE_SSE = MessageCache.SSE;
const CACHE_WEBDIS = MessageCache.WEBDIS;

/** How a stream frames messages. */
export type StreamFormat = 'sse' | 'json' | 'raw';

const CLOSE_EVENT = Buffer.from('event: close\ndata: {"reason":"killed"}\n\n', 'latin1');
const SHUTDOWN_EVENT = Buffer.from('event: close\ndata: {"reason":"server shutdown"}\n\n', 'latin1');
const HEARTBEAT = Buffer.from(': ping\n\n', 'latin1');
/** The key of a Webdis stream document: the command that streams that kind of push. */
const STREAM_KEY: Record<string, string> = {
  message: 'SUBSCRIBE', pmessage: 'PSUBSCRIBE', smessage: 'SSUBSCRIBE',
  subscribe: 'SUBSCRIBE', unsubscribe: 'SUBSCRIBE', psubscribe: 'PSUBSCRIBE', punsubscribe: 'PSUBSCRIBE',
  ssubscribe: 'SSUBSCRIBE', sunsubscribe: 'SSUBSCRIBE',
};

/** A subscribed HTTP response. */
export class StreamSession extends HttpSession {
  /** Bytes given to uWS since a write last went out whole: an upper bound of what uWS still holds. */
  private handed = 0;
  /** uWS reported backpressure: hold output in `out` until it asks for more. */
  private choked = false;
  private watchingWritable = false;
  /** The first error while subscribing (answered as an HTTP error instead of a stream). */
  setupError: ErrorReply | null = null;
  private readonly onWritable = () => this.writable();
  /** What the last res.write() answered (false: uWS holds the rest, backpressure). */
  private wroteAll = true;
  /** Writes `out` (inside res.cork); bound once, so a flush allocates no closure. */
  private readonly writeOut = () => void (this.wroteAll = this.res!.write(this.out.view()));

  constructor(ctx: HttpContext, res: HttpResponse, readonly format: StreamFormat, address: string) {
    super(ctx, res, format === 'sse' ? 'sse' : 'http', address);
    this.resp = format === 'raw' ? 2 : 3;
  }

  // ---- output ------------------------------------------------------------------

  protected encode(r: Reply): void {
    if (isError(r)) {
      this.setupError ??= r;
      return;
    }
    if (subscriptionCount(r) < 0) return; // only (un)subscribe confirmations are streamed
    const out = this.out;
    if (this.format === 'sse') {
      const kind = (r as PushReply).items[0] as string;
      out.appendLatin1(`event: ${kind}\ndata: `);
      out.append(Buffer.from(pushFrame(r), 'utf8'));
      out.appendLatin1('\n\n');
    } else if (this.format === 'json') {
      const items = (r as PushReply).items;
      out.append(webdisLine(STREAM_KEY[items[0] as string] ?? 'SUBSCRIBE', items));
    } else {
      encodeReply(out, r, false);
    }
  }

  protected encodeMessage(msg: Message): void {
    if (this.format === 'sse') this.out.append(sseEvent(msg));
    else if (this.format === 'json') this.out.append(webdisChunk(msg));
    else this.out.append(respMessageFrame(msg, false));
  }

  /** Hands pending output to uWS (unless it is still draining), then checks the output limits. */
  flush(): void {
    const res = this.res;
    if (res === null || this.out.len === 0) return;
    if (!this.choked) this.write(res);
    this.checkLimits();
  }

  private write(res: HttpResponse): void {
    const out = this.out;
    const n = out.len;
    res.cork(this.writeOut);
    this.server.stats.netOutputBytes += n;
    out.release();
    if (this.wroteAll) {
      this.handed = 0;
      return;
    }
    this.handed += n;
    this.choked = true;
    if (!this.watchingWritable) {
      this.watchingWritable = true;
      res.onWritable(this.onWritable);
    }
  }

  /** uWS can send again: pass on what waited (or let the next flush write and learn). */
  private writable(): boolean {
    this.choked = false;
    const res = this.res;
    if (res !== null && this.out.len !== 0) this.write(res);
    return true;
  }

  /** A comment line that keeps proxies and EventSource from timing the stream out. */
  heartbeat(): void {
    if (this.res === null) return;
    this.out.append(HEARTBEAT);
    this.flush();
  }

  /** client-output-buffer-limit, pubsub class: hard at once, soft after soft-seconds. */
  private checkLimits(): void {
    this.enforceOutputLimit((this.server.config.get('client-output-buffer-limit') as OutputLimits).pubsub);
  }

  /** Cron: the soft limit's clock runs even when nothing is published. */
  override cronCheck(): void {
    if (this.res !== null && this.outputBytes() > 0) this.checkLimits();
  }

  // ---- lifecycle ---------------------------------------------------------------

  /** A slow consumer is cut off; anyone else gets a last event (SSE) and a clean end of stream. */
  protected closeTransport(): void {
    const res = this.res;
    this.res = null;
    if (res === null) return;
    if (this.killReason === 'output buffer limit') {
      res.close();
      return;
    }
    res.cork(() => {
      if (this.format === 'sse') res.write(this.killReason === 'server shutdown' ? SHUTDOWN_EVENT : CLOSE_EVENT);
      res.end();
    });
  }

  transportBacklog(): number {
    return this.handed;
  }
}

/** A value inside a Webdis stream document. */
function jsonItem(v: Reply): JsonValue {
  return typeof v === 'string' ? bytesToJson(v) : (v as JsonValue);
}

/** One Webdis stream document: {"<key>":[items...]}\n. */
function webdisLine(key: string, items: Reply[]): Buffer {
  return Buffer.from(`${JSON.stringify({ [key]: items.map(jsonItem) })}\n`, 'utf8');
}

/** The SSE event of a message, built once per message and shared by every SSE recipient. */
function sseEvent(msg: Message): Buffer {
  let b = msg.cache[CACHE_SSE] as Buffer | undefined;
  if (b === undefined) {
    const frame = cachedMessageFrame(msg);
    const head = `event: ${msg.kind}\ndata: `;
    b = Buffer.allocUnsafe(head.length + frame.length + 2);
    b.latin1Write(head, 0);
    frame.copy(b, head.length);
    b[b.length - 2] = 10;
    b[b.length - 1] = 10;
    msg.cache[CACHE_SSE] = b;
  }
  return b;
}

/** A message as Webdis streams it: {"SUBSCRIBE":["message","<channel>","<data>"]}\n. */
function webdisChunk(msg: Message): Buffer {
  let b = msg.cache[CACHE_WEBDIS] as Buffer | undefined;
  if (b === undefined) {
    const items = msg.pattern === null ? [msg.kind, msg.channel, msg.data] : [msg.kind, msg.pattern, msg.channel, msg.data];
    b = webdisLine(STREAM_KEY[msg.kind], items);
    msg.cache[CACHE_WEBDIS] = b;
  }
  return b;
}
