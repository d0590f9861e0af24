// The command side of SCAN, HSCAN, SSCAN and ZSCAN: Redis's argument rules
// and reply shape around core/scan.ts's cursor scheme.
//
// A data-type family implements XSCAN key cursor [MATCH p] [COUNT n] as:
//
//   const cursor = parseScanCursor(argv[2]);
//   if (cursor === null) return ERR_INVALID_CURSOR;
//   const h = lookupTyped<HashValue>(c.db, argv[1], 'hash', true);
//   if (h === undefined) return emptyScan();  if (isErr(h)) return h;
//   const opts = parseScanOptions(argv, 3, false);
//   if (isErr(opts)) return opts;
//   return scanCollection(h, cursor, opts, () => h.map.entries(), ([f, v], out) => {
//     if (opts.pattern === null || globMatch(opts.pattern, f)) out.push(f, v);
//   });
//
// (Redis checks the cursor, then the key, then the options, in that order.)
// Compact encodings (listpack, intset) are returned whole in one reply with
// cursor 0 by Redis: pass `count: Infinity`.
import { ERR_SYNTAX, err, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { scanStep } from '../core/scan.js';
import { intArg, is, isErr } from './args.js';

/** Re-exported for the XSCAN families: strtoul-style cursor parsing (null = invalid). */
export { parseScanCursor } from '../core/scan.js';

/** ERR invalid cursor (a cursor strtoul would refuse). */
export const ERR_INVALID_CURSOR = err('ERR invalid cursor');

/** Parsed [MATCH pattern] [COUNT n] [TYPE t]; pattern null when absent or "*". */
export interface ScanOptions {
  count: number;
  pattern: string | null;
  type: string | null;
}

/** Options from argv[from] on; TYPE only when allowType (SCAN). Errors as Redis: syntax, not an integer. */
export function parseScanOptions(argv: string[], from: number, allowType: boolean): ScanOptions | ErrorReply {
  const opts: ScanOptions = { count: 10, pattern: null, type: null };
  for (let i = from; i < argv.length; i += 2) {
    const a = argv[i];
    const more = i + 1 < argv.length;
    if (more && is(a, 'COUNT')) {
      const n = intArg(argv[i + 1]);
      if (isErr(n)) return n;
      if (n < 1) return ERR_SYNTAX;
      opts.count = n;
    } else if (more && is(a, 'MATCH')) {
      const p = argv[i + 1];
      opts.pattern = p === '*' ? null : p;
    } else if (more && allowType && is(a, 'TYPE')) {
      opts.type = argv[i + 1];
    } else return ERR_SYNTAX;
  }
  return opts;
}

/** Redis's reply for a missing key: cursor 0 and no elements. */
export function emptyScan(): Reply {
  return ['0', []];
}

/**
 * One scan step over a collection as a [cursor, elements] reply: `open`
 * gives a live iterator over `source` (holding `size` elements now, by
 * default source.size); `emit` filters and pushes the reply
 * elements of one iterated item (one for SSCAN, field and value for HSCAN).
 * `opts.count` items are iterated per call (Redis's COUNT semantics).
 */
export function scanCollection<T>(
  source: object, cursor: string, opts: ScanOptions,
  open: () => Iterator<T>, emit: (item: T, out: Reply[]) => void, size?: number,
): Reply {
  const out: Reply[] = [];
  const next = scanStep(source, cursor, open, opts.count, (item) => emit(item, out), size);
  return [next, out];
}
