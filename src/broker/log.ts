// Server log in Redis's format: "pid:M 21 Nov 2026 10:00:00.123 * message".
import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';
const RANK: Record<string, number> = { debug: 0, verbose: 1, notice: 2, warning: 3, nothing: 4 };
const MARK: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Writes log lines at or above a level to stdout or a file. */
export class Logger {
  constructor(public level: string = 'notice', public file = '') {}

  log(level: LogLevel, msg: string): void {
    if (RANK[level] < RANK[this.level]) return;
    const d = new Date();
    const p2 = (n: number) => String(n).padStart(2, '0');
    const stamp = `${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
    const line = `${process.pid}:M ${stamp} ${MARK[level]} ${msg}\n`;
    if (this.file === '') process.stdout.write(line);
    else {
      try {
        appendFileSync(this.file, line);
      } catch {
        process.stderr.write(line);
      }
    }
  }
}
