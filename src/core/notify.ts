// Keyspace event classes (notify-keyspace-events) and their flag letters.

export const NotifyClass = {
  KEYSPACE: 1 << 0, // K
  KEYEVENT: 1 << 1, // E
  GENERIC: 1 << 2, // g
  STRING: 1 << 3, // $
  LIST: 1 << 4, // l
  SET: 1 << 5, // s
  HASH: 1 << 6, // h
  ZSET: 1 << 7, // z
  EXPIRED: 1 << 8, // x
  EVICTED: 1 << 9, // e
  STREAM: 1 << 10, // t
  KEY_MISS: 1 << 11, // m
  LOADED: 1 << 12, // (module only)
  MODULE: 1 << 13, // d
  NEW: 1 << 14, // n
} as const;

const N = NotifyClass;
/** 'A': every class except key-miss and new. */
export const NOTIFY_ALL =
  N.GENERIC | N.STRING | N.LIST | N.SET | N.HASH | N.ZSET | N.EXPIRED | N.EVICTED | N.STREAM | N.MODULE;

/** Parses a flags string such as "KEA" or "Kx"; null on an unknown letter. */
export function parseNotifyFlags(s: string): number | null {
  let flags = 0;
  for (const ch of s) {
    switch (ch) {
      case 'A': flags |= NOTIFY_ALL; break;
      case 'g': flags |= N.GENERIC; break;
      case '$': flags |= N.STRING; break;
      case 'l': flags |= N.LIST; break;
      case 's': flags |= N.SET; break;
      case 'h': flags |= N.HASH; break;
      case 'z': flags |= N.ZSET; break;
      case 'x': flags |= N.EXPIRED; break;
      case 'e': flags |= N.EVICTED; break;
      case 'K': flags |= N.KEYSPACE; break;
      case 'E': flags |= N.KEYEVENT; break;
      case 't': flags |= N.STREAM; break;
      case 'm': flags |= N.KEY_MISS; break;
      case 'd': flags |= N.MODULE; break;
      case 'n': flags |= N.NEW; break;
      default: return null;
    }
  }
  return flags;
}

/** Formats flags the way CONFIG GET notify-keyspace-events shows them (Redis's order). */
export function formatNotifyFlags(flags: number): string {
  let s = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) s += 'A';
  else {
    if (flags & N.GENERIC) s += 'g';
    if (flags & N.STRING) s += '$';
    if (flags & N.LIST) s += 'l';
    if (flags & N.SET) s += 's';
    if (flags & N.HASH) s += 'h';
    if (flags & N.ZSET) s += 'z';
    if (flags & N.EXPIRED) s += 'x';
    if (flags & N.EVICTED) s += 'e';
    if (flags & N.STREAM) s += 't';
    if (flags & N.MODULE) s += 'd';
    if (flags & N.NEW) s += 'n';
  }
  if (flags & N.KEYSPACE) s += 'K';
  if (flags & N.KEYEVENT) s += 'E';
  if (flags & N.KEY_MISS) s += 'm';
  return s;
}

/** Receives keyspace events; the pub/sub layer turns them into messages. */
export interface KeyspaceEvents {
  /** `cls` is one NotifyClass bit; `event` the event name ("set", "expired", ...). */
  notify(cls: number, event: string, key: string, dbIndex: number): void;
}
