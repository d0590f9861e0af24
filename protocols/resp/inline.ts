// Inline commands: one line of space-separated words, as typed into nc or
// telnet. Quoting and escapes follow Redis's sdssplitargs exactly.

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d; // isSpace: TAB..CR covers \t \n \v \f \r
const DQUOTE = 0x22, SQUOTE = 0x27, BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

/** The value of a hex digit char code, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * Splits bytes [start, end) into arguments (latin1 strings).
 * Returns null on unbalanced quotes (or a closing quote not followed by a space).
 * A NUL byte ends the line, as it does for Redis's C-string parser.
 */
export function splitInlineArgs(buf: Uint8Array, start: number, end: number): string[] | null {
  const args: string[] = [];
  let p = start;
  const at = (i: number) => (i < end ? buf[i] : 0);
  for (;;) {
    while (p < end && buf[p] !== 0 && isSpace(buf[p])) p++;
    if (at(p) === 0) return args;
    let inDq = false, inSq = false, done = false;
    const cur: number[] = [];
    while (!done) {
      const c = at(p);
      if (inDq) {
        if (c === BACKSLASH && at(p + 1) === 0x78 /* x */ && hexValue(at(p + 2)) >= 0 && hexValue(at(p + 3)) >= 0) {
          cur.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === BACKSLASH && at(p + 1) !== 0) {
          p++;
          const e = at(p);
          cur.push(e === 0x6e ? LF : e === 0x72 ? CR : e === 0x74 ? TAB : e === 0x62 ? 0x08 : e === 0x61 ? 0x07 : e);
        } else if (c === DQUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else cur.push(c);
      } else if (inSq) {
        if (c === BACKSLASH && at(p + 1) === SQUOTE) {
          p++;
          cur.push(SQUOTE);
        } else if (c === SQUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else cur.push(c);
      } else {
        switch (c) {
          case SPACE: case LF: case CR: case TAB: case 0:
            done = true;
            break;
          case DQUOTE:
            inDq = true;
            break;
          case SQUOTE:
            inSq = true;
            break;
          default:
            cur.push(c);
        }
      }
      if (at(p) !== 0) p++;
    }
    args.push(Buffer.from(cur).latin1Slice(0, cur.length));
  }
}
