// Waiting in tests that talk to real sockets and processes.

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 10 ms until it holds; throws "timed out waiting for <what>" after timeoutMs. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Callers parked until something arrives (wake()) or their deadline passes. */
export class Wakeup {
  private waiters: Array<() => void> = [];

  /** Resolves at the next wake() or at `deadline` (a Date.now() time), whichever comes first. */
  wait(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Releases every parked caller. */
  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
