// MONITOR line format: 1339518083.107412 [0 127.0.0.1:60866] "keys" "*"
import type { Client } from '../commands/types.js';

/** Quotes a binary string the way Redis's sdscatrepr does. */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c: out += '\\\\'; break;
      case 0x22: out += '\\"'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      default:
        if (c >= 0x20 && c <= 0x7e) out += s[i];
        else out += `\\x${c.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}

/** The status line MONITOR clients receive for a command run by c. */
export function formatMonitorLine(nowMs: number, c: Client, argv: string[]): string {
  const sec = Math.floor(nowMs / 1000);
  const usec = String(Math.floor((nowMs % 1000) * 1000)).padStart(6, '0');
  let line = `${sec}.${usec} [${c.db.index} ${c.address}]`;
  for (const a of argv) line += ' ' + repr(a);
  return line;
}
