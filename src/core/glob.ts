// Glob matching with exactly Redis's stringmatchlen semantics: * ? [abc]
// [^a] [a-z] and backslash escapes, byte-wise on latin1 strings, ranges
// compared as C's signed char, an unclosed '[' matching as Redis does.

/** True if `str` matches the Redis glob `pattern`. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  if (pattern === '*') return str.length > 0; // Redis: '*' does not match the empty string
  const skip = { longer: false };
  return match(pattern, 0, pattern.length, str, 0, str.length, nocase, skip);
}

function signedChar(c: number): number {
  return c >= 128 ? c - 256 : c;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function match(
  pat: string, p: number, plen: number,
  str: string, s: number, slen: number,
  nocase: boolean, skip: { longer: boolean },
): boolean {
  const pAt = (i: number) => (i < pat.length ? pat.charCodeAt(i) : 0);
  while (plen > 0 && slen > 0) {
    const pc = pAt(p);
    switch (pc) {
      case 0x2a /* * */: {
        while (plen > 0 && pAt(p + 1) === 0x2a) {
          p++;
          plen--;
        }
        if (plen === 1) return true;
        while (slen > 0) {
          if (match(pat, p + 1, plen - 1, str, s, slen, nocase, skip)) return true;
          if (skip.longer) return false;
          s++;
          slen--;
        }
        skip.longer = true;
        return false;
      }
      case 0x3f /* ? */:
        s++;
        slen--;
        break;
      case 0x5b /* [ */: {
        p++;
        plen--;
        const not = pAt(p) === 0x5e; /* ^ */
        if (not) {
          p++;
          plen--;
        }
        let matched = false;
        const sc = str.charCodeAt(s);
        for (;;) {
          const c = plen > 0 ? pAt(p) : 0;
          if (c === 0x5c /* \ */ && plen >= 2) {
            p++;
            plen--;
            if (pAt(p) === sc) matched = true;
          } else if (c === 0x5d /* ] */ && plen > 0) {
            break;
          } else if (plen === 0) {
            p--;
            plen++;
            break;
          } else if (plen >= 3 && pAt(p + 1) === 0x2d /* - */) {
            let start = signedChar(pAt(p));
            let end = signedChar(pAt(p + 2));
            let ch = signedChar(sc);
            if (start > end) {
              const t = start;
              start = end;
              end = t;
            }
            if (nocase) {
              start = lower(start);
              end = lower(end);
              ch = lower(ch);
            }
            p += 2;
            plen -= 2;
            if (ch >= start && ch <= end) matched = true;
          } else if (nocase ? lower(c) === lower(sc) : c === sc) {
            matched = true;
          }
          p++;
          plen--;
        }
        if (not) matched = !matched;
        if (!matched) return false;
        s++;
        slen--;
        break;
      }
      default: {
        let c = pc;
        if (c === 0x5c /* \ */ && plen >= 2) {
          p++;
          plen--;
          c = pAt(p);
        }
        const sc = str.charCodeAt(s);
        if (nocase ? lower(c) !== lower(sc) : c !== sc) return false;
        s++;
        slen--;
        break;
      }
    }
    p++;
    plen--;
    if (slen === 0) {
      while (plen > 0 && pAt(p) === 0x2a) {
        p++;
        plen--;
      }
      break;
    }
  }
  return plen === 0 && slen === 0;
}

/** True when the pattern has no glob metacharacters (it can only match itself). */
export function isLiteralPattern(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a || c === 0x3f || c === 0x5b || c === 0x5c) return false;
  }
  return true;
}
