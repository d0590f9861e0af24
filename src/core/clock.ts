// Time source for everything that depends on time (TTLs, idle times, stats).

/** Milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to (tests). */
export class FakeClock implements Clock {
  constructor(private t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.t += ms;
  }
  /** Jumps to an absolute time. */
  set(ms: number): void {
    this.t = ms;
  }
}
