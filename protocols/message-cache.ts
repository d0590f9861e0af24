// Slots of Message.cache (src/core/pubsub.ts): each wire format that encodes
// pub/sub messages keeps its encoding of a message in its own slot, so a
// message is encoded once per format whatever its number of recipients.
// Listed in one place so that no two formats share a slot.

export const MessageCache = {
  RESP2: 0,
  RESP3: 1,
  /** WebSocket json subprotocol frame. */
  JSON: 2,
  /** Server-Sent Events event. */
  SSE: 3,
  /** Webdis-style chunked stream document. */
  WEBDIS: 4,
} as const;
