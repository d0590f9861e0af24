// SLOWLOG: the last slowlog-max-len commands slower than slowlog-log-slower-than.
import type { Client, SlowLog, SlowLogEntry } from '../commands/types.js';

const MAX_ARGS = 32;
const MAX_ARG_LEN = 128;

/** Bounded list of slow commands, newest first, trimmed as Redis trims arguments. */
export class SlowLogBook implements SlowLog {
  readonly entries: SlowLogEntry[] = [];
  private nextId = 0;

  constructor(public maxLen: number) {}

  add(c: Client, argv: string[], usec: number): void {
    if (this.maxLen === 0) return;
    const n = Math.min(argv.length, MAX_ARGS);
    const args: string[] = [];
    for (let i = 0; i < n; i++) {
      if (n === MAX_ARGS && i === n - 1 && argv.length > MAX_ARGS) {
        args.push(`... (${argv.length - MAX_ARGS + 1} more arguments)`);
      } else if (argv[i].length > MAX_ARG_LEN) {
        args.push(`${argv[i].slice(0, MAX_ARG_LEN)}... (${argv[i].length - MAX_ARG_LEN} more bytes)`);
      } else args.push(argv[i]);
    }
    this.entries.unshift({
      id: this.nextId++,
      time: Math.floor(c.server.clock.now() / 1000),
      usec,
      argv: args,
      addr: c.address,
      name: c.name,
    });
    this.trim();
  }

  /** Drops the oldest entries beyond maxLen. */
  trim(): void {
    if (this.entries.length > this.maxLen) this.entries.length = this.maxLen;
  }

  reset(): void {
    this.entries.length = 0;
  }
}
