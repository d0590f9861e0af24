// What the WebSocket sessions share: the gateway context they run in, the
// per-connection uWS user data, and WsLink, a uWS socket that may be gone.
import type { RecognizedString, WebSocket } from 'uWebSockets.js';
import type { Broker } from '../broker/index.js';
import { ClientFlag } from '../commands/types.js';
import type { Session } from './session.js';
import { Close } from './ws-limits.js';
import type { CommandPolicy } from './ws-policy.js';

/** Settings and services every WebSocket session of one gateway uses. */
export interface GatewayContext {
  readonly broker: Broker;
  readonly policy: CommandPolicy;
  /** ws-token ("" = none), as bytes. */
  token: string;
  /** ws-max-payload: larger JSON frames get TOOLARGE. */
  readonly maxPayload: number;
  /** ws-max-bad-frames per second (0 = no limit). */
  maxBadFrames: number;
  /** Exact-channel fan-out through uWS topics (null when not available). */
  readonly topics: TopicFanout | null;
}

/** Routes a JSON session's exact-channel subscriptions through uWS native topics. */
export interface TopicFanout {
  /** Moves `session`'s subscription to channel onto the channel's topic (it was just subscribed). */
  join(session: TopicMember, channel: string): void;
  /** Takes `session` off the channel's topic (it was just unsubscribed, or leaves topic mode). */
  leave(session: TopicMember, channel: string): void;
}

/** A session that can be a member of uWS topics. */
export interface TopicMember {
  readonly link: WsLink;
}

/** The subprotocols the gateway speaks. */
export type WsProtocol = 'json' | 'resp3';

/** The handlers a WebSocket session gives the gateway. */
export interface WsSession {
  readonly link: WsLink;
  /** One frame received (bytes valid only during the call). */
  onMessage(bytes: Buffer, isBinary: boolean): void;
  /** A send was dropped because the client is over ws-max-backpressure. */
  onDropped(): void;
  /** The socket is closed (by either side): forget it. */
  onClosed(): void;
}

/** uWS per-socket user data, filled at upgrade. */
export interface WsUserData {
  protocol: WsProtocol;
  address: string;
  /** The upgrade URL carried the right ?token= (or none is needed). */
  tokenOk: boolean;
  /** Close code to send right after open (server full, bad token), 0 to accept. */
  reject: number;
  rejectReason: string;
  session: WsSession | null;
}

/** A uWS WebSocket that may already be closed (ws becomes null). */
export class WsLink {
  /** A send was dropped: the session is being closed as a slow consumer. */
  slow = false;

  constructor(public ws: WebSocket<WsUserData> | null) {}

  /** Sends one frame; false when uWS dropped it (the client is over ws-max-backpressure). */
  send(data: RecognizedString, binary: boolean): boolean {
    const ws = this.ws;
    if (ws === null) return true;
    return ws.send(data, binary, false) !== 2;
  }

  /** Bytes uWS holds for this client (backpressure). */
  buffered(): number {
    return this.ws === null ? 0 : this.ws.getBufferedAmount();
  }

  /** Closes with a close frame (idempotent; uWS runs the close handler synchronously). */
  end(code: number, reason: string): void {
    const ws = this.ws;
    if (ws === null) return;
    this.ws = null;
    ws.end(code, reason);
  }
}

/** A WebSocket session as the helpers below see it. */
type WsClient = Session & { readonly link: WsLink };

/**
 * uWS dropped a send to s (over ws-max-backpressure): counts and logs it, and
 * kills s once, from a fresh stack (drops are reported from inside uWS's own loops).
 */
export function dropSlowConsumer(s: WsClient): void {
  const link = s.link;
  if (link.slow || (s.flags & ClientFlag.CLOSED) !== 0) return;
  link.slow = true;
  s.server.stats.outputLimitDisconnections++;
  s.server.log('warning',
    `Client id=${s.id} addr=${s.address} closed for exceeding ws-max-backpressure (${link.buffered()} bytes queued).`);
  setImmediate(() => s.kill('output buffer limit'));
}

/** Closes s now: marks it closed, sends the close frame, removes it from the server. */
export function closeWs(s: WsClient, code: number, reason: string): void {
  s.flags |= ClientFlag.CLOSED;
  s.link.end(code, reason);
  s.detach();
}

/** Closes s flagged CLOSE_AFTER_REPLY once its output is out: with `chosen`, else QUIT's normal close, else as killed. */
export function closeAfterReply(s: WsClient, chosen: [number, string] | null): void {
  const [code, reason] = chosen ?? (s.lastCommand === 'quit' ? [Close.NORMAL, 'quit'] : [Close.KILLED, 'killed']);
  closeWs(s, code, reason);
}
