// Dirty-session set: sessions that received output outside their own read
// (pub/sub deliveries, unblocked replies) are written once, after every I/O
// callback of this loop turn has run (Redis's beforeSleep).

/** Something with pending output to write. */
export interface Flushable {
  flush(): void;
  /** Set while queued here, so a session is queued once per turn. */
  queuedForFlush: boolean;
}

const dirty: Flushable[] = [];
let scheduled = false;

/** Queues s to be flushed at the end of this loop turn. */
export function markDirty(s: Flushable): void {
  if (s.queuedForFlush) return;
  s.queuedForFlush = true;
  dirty.push(s);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushAll);
  }
}

/**
 * Flushes every queued session now, the most recently queued first as Redis
 * does: a publisher is queued after the subscribers its PUBLISH reached, so
 * its reply leaves first and it can send more while they are written.
 */
export function flushAll(): void {
  scheduled = false;
  // Flushing may queue more sessions (a write error closing a subscriber); loop until empty.
  while (dirty.length > 0) {
    const s = dirty.pop()!;
    s.queuedForFlush = false;
    s.flush();
  }
}
