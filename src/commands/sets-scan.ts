// SSCAN / ZSCAN option parsing and reply shape (Redis's scanGenericCommand
// for a collection): COUNT and MATCH, MATCH applied after collection.
import { ERR_SYNTAX, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { globMatch } from '../core/glob.js';
import { intArg, is, isErr } from './args.js';

export const ERR_INVALID_CURSOR = err('ERR invalid cursor');
/** The reply for a missing key: cursor 0, no elements. */
export const EMPTY_SCAN: Reply = Object.freeze(['0', Object.freeze([]) as unknown as Reply[]]) as unknown as Reply[];

/** Parsed SCAN options. */
export interface ScanOptions {
  count: number;
  /** null when absent or "*" (matches everything). */
  pattern: string | null;
}

/** Parses [MATCH pattern] [COUNT count] from argv[start..]. */
export function parseScanArgs(argv: string[], start: number): ScanOptions | ErrorReply {
  let count = 10;
  let pattern: string | null = null;
  for (let i = start; i < argv.length; i += 2) {
    const left = argv.length - i;
    if (is(argv[i], 'COUNT') && left >= 2) {
      const n = intArg(argv[i + 1]);
      if (isErr(n)) return n;
      if (n < 1) return ERR_SYNTAX;
      count = n;
    } else if (is(argv[i], 'MATCH') && left >= 2) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else return ERR_SYNTAX;
  }
  return { count, pattern };
}

/**
 * [cursor, elements]: `items` holds groups of `stride` strings (member, or
 * member + score); a group is dropped when its first string misses the pattern.
 */
export function scanReply(cursor: string, items: string[], pattern: string | null, stride: number): Reply {
  if (pattern === null) return [cursor, items];
  const kept: string[] = [];
  for (let i = 0; i < items.length; i += stride) {
    if (!globMatch(pattern, items[i])) continue;
    for (let j = 0; j < stride; j++) kept.push(items[i + j]);
  }
  return [cursor, kept];
}
