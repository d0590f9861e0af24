// Clients parked by blocking commands (BLPOP, XREAD BLOCK, ...) and WATCHed
// keys. Both hang off Db.watched so Db.touch() reaches us only for keys
// somebody waits on.
import type { Reply } from '../../protocols/reply.js';
import type { Db } from '../core/keyspace.js';
import { BLOCKED, ClientFlag, type BlockState, type Client } from '../commands/types.js';

/** A client that can be woken (implemented by net's Session). */
export interface Blockable extends Client {
  unblock(reply: Reply): void;
  readonly blocked: BlockState | null;
}

/** Longest delay setTimeout honours. */
const MAX_TIMER_MS = 0x7fffffff;

const slot = (db: Db, key: string) => `${db.index}\0${key}`;

/** Blocked clients by key, WATCH registrations, and the keys made ready this turn. */
export class Blocking {
  private readonly waiters = new Map<string, Blockable[]>();
  private readonly timers = new Map<Blockable, NodeJS.Timeout>();
  /** Every parked client (INFO blocked_clients). */
  private readonly parked = new Set<Blockable>();
  private readonly watchers = new Map<string, Set<Client>>();
  /** Per client: WATCHed slots whose key was already logically expired when watched. */
  private readonly staleWatches = new Map<Client, Set<string>>();
  private readonly ready: Array<[Db, string]> = [];
  private readonly readySet = new Set<string>();
  private serving = false;

  /** Parks c on state.keys until retry() succeeds or the deadline passes. */
  add(c: Blockable, state: BlockState): void {
    for (const key of state.keys) {
      const k = slot(c.db, key);
      let list = this.waiters.get(k);
      if (list === undefined) this.waiters.set(k, (list = []));
      list.push(c);
      c.db.watched.add(key);
    }
    this.parked.add(c);
    if (state.deadline > 0) this.armTimer(c, state);
  }

  /** Node fires timers longer than 2^31-1 ms at once: long timeouts are re-armed in steps. */
  private armTimer(c: Blockable, state: BlockState): void {
    const ms = Math.max(0, state.deadline - c.server.clock.now());
    const step = Math.min(ms, MAX_TIMER_MS);
    this.timers.set(c, setTimeout(() => (step < ms ? this.armTimer(c, state) : c.unblock(state.onTimeout())), step));
  }

  /** Forgets a parked client (woken, timed out, or disconnected). */
  remove(c: Blockable, state: BlockState): void {
    for (const key of state.keys) {
      const k = slot(c.db, key);
      const list = this.waiters.get(k);
      if (list === undefined) continue;
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) {
        this.waiters.delete(k);
        this.unwatchIfIdle(c.db, key);
      }
    }
    this.parked.delete(c);
    const t = this.timers.get(c);
    if (t !== undefined) {
      clearTimeout(t);
      this.timers.delete(c);
    }
  }

  /** Number of clients currently blocked (INFO blocked_clients). */
  get blockedCount(): number {
    return this.parked.size;
  }

  /** WATCH key for c. */
  watch(c: Client, db: Db, key: string): void {
    const k = slot(db, key);
    if (c.watching !== null && c.watching.has(k)) return;
    let set = this.watchers.get(k);
    if (set === undefined) this.watchers.set(k, (set = new Set()));
    set.add(c);
    db.watched.add(key);
    (c.watching ??= new Set()).add(k);
    // A key already logically expired at WATCH time: its later deletion is no change (Redis 7).
    if (db.isExpired(key)) {
      let stale = this.staleWatches.get(c);
      if (stale === undefined) this.staleWatches.set(c, (stale = new Set()));
      stale.add(k);
    }
  }

  /** True if a key c watched while it was live has logically expired since (EXEC then fails). */
  watchedKeyExpired(c: Client, dbs: Db[]): boolean {
    if (c.watching === null) return false;
    const stale = this.staleWatches.get(c);
    for (const k of c.watching) {
      if (stale !== undefined && stale.has(k)) continue;
      const sep = k.indexOf('\0');
      if (dbs[Number(k.slice(0, sep))].isExpired(k.slice(sep + 1))) return true;
    }
    return false;
  }

  /** UNWATCH everything c watches. */
  unwatchAll(c: Client, dbs: Db[]): void {
    if (c.watching === null) return;
    for (const k of c.watching) {
      const set = this.watchers.get(k);
      if (set === undefined) continue;
      set.delete(c);
      if (set.size === 0) {
        this.watchers.delete(k);
        const sep = k.indexOf('\0');
        this.unwatchIfIdle(dbs[Number(k.slice(0, sep))], k.slice(sep + 1));
      }
    }
    c.watching = null;
    this.staleWatches.delete(c);
  }

  private unwatchIfIdle(db: Db, key: string): void {
    const k = slot(db, key);
    if (!this.watchers.has(k) && !this.waiters.has(k)) db.watched.delete(key);
  }

  /** A watched or waited-on key changed: dirty its WATCHers, queue its waiters. */
  touched(db: Db, key: string): void {
    const k = slot(db, key);
    const set = this.watchers.get(k);
    if (set !== undefined) {
      for (const c of set) {
        const stale = this.staleWatches.size === 0 ? undefined : this.staleWatches.get(c);
        if (stale !== undefined && stale.has(k)) {
          // Watched while already expired: deleting it, or replacing it with another
          // expired value, changes nothing logically.
          if (!db.dict.has(key)) {
            stale.delete(k);
            continue;
          }
          if (db.isExpired(key)) continue;
        }
        c.flags |= ClientFlag.DIRTY_CAS;
      }
    }
    if (this.waiters.has(k) && !this.readySet.has(k)) {
      this.readySet.add(k);
      this.ready.push([db, key]);
    }
  }

  /** Serves clients blocked on keys that became ready (after each command). */
  serveReady(): void {
    if (this.ready.length === 0 || this.serving) return;
    this.serving = true;
    try {
      while (this.ready.length > 0) {
        const [db, key] = this.ready.shift()!;
        const k = slot(db, key);
        this.readySet.delete(k);
        const list = this.waiters.get(k);
        if (list === undefined) continue;
        // FIFO: the first client blocked is served first, while data lasts.
        for (const c of [...list]) {
          const state = c.blocked;
          if (state === null) continue;
          const saved = c.db;
          const r = state.retry(key);
          c.db = saved;
          if (r !== BLOCKED) c.unblock(r);
        }
      }
    } finally {
      this.serving = false;
    }
  }
}
