// WebSocket close codes and per-connection limits.
//
// Close-code classes (DESIGN.md), which the browser client honours:
//   4000-4099  do not reconnect (the client is wrong: bad token, flood, protocol error)
//   4100-4199  reconnect with back-off (slow consumer, killed, server full)
//   4200-4299  reconnect now (server restarting)

/** Close codes the gateway sends. */
export const Close = {
  /** QUIT, or the client closed. */
  NORMAL: 1000,
  /** Wrong or missing ws-token. */
  AUTH_FAILED: 4001,
  /** RESP protocol error on the resp3 subprotocol. */
  PROTOCOL_ERROR: 4002,
  /** Closed for a security reason (an HTTP request smuggled as a command). */
  SECURITY: 4003,
  /** More than ws-max-bad-frames bad frames in one second. */
  TOO_MANY_ERRORS: 4008,
  /** Output exceeded ws-max-backpressure (slow consumer). */
  SLOW_CONSUMER: 4100,
  /** CLIENT KILL, or any other server-side kill. */
  KILLED: 4101,
  /** maxclients reached. */
  SERVER_FULL: 4102,
  /** Idle longer than Redis's `timeout` (not subscribed, not blocked). */
  IDLE: 4103,
  /** Server shutdown: reconnect (the new process may already be listening). */
  SHUTDOWN: 4200,
} as const;

/** The close code and reason for a Session.kill reason. */
export function closeFor(reason: string): [number, string] {
  switch (reason) {
    case 'server shutdown':
      return [Close.SHUTDOWN, 'server shutdown'];
    case 'output buffer limit':
      return [Close.SLOW_CONSUMER, 'slow consumer'];
    case 'security':
      return [Close.SECURITY, 'security'];
    case 'query buffer limit':
      return [Close.PROTOCOL_ERROR, 'query buffer limit'];
    case 'idle timeout':
      return [Close.IDLE, 'idle timeout'];
    default:
      return [Close.KILLED, 'killed'];
  }
}

/** Counts bad frames in one-second windows; over the limit means close the connection. */
export class BadFrameBudget {
  private windowStart = 0;
  private count = 0;

  /** Records one bad frame at time now (ms); true when the per-second limit (0 = none) is exceeded. */
  hit(now: number, limit: number): boolean {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count > limit && limit > 0;
  }
}
