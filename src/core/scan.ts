// Cursor-based iteration (SCAN, HSCAN, SSCAN, ZSCAN) over JS Maps, Sets and
// any other live iterable.
//
// Redis's guarantee: a full iteration (cursor 0 ... cursor 0) returns every
// element that was present from its start to its end at least once. Redis
// gets it from reverse-binary bucket cursors; a JS Map has no buckets, but a
// V8 Map/Set iterator is live: it survives insertions, deletions, clear()
// and rehashing, never skipping an element that stays in the collection.
// So a cursor here names a parked iterator:
//
// - An iteration ends after as many elements as the collection held when it
//   started: an element present from start to end was inserted before any
//   element added later, so it comes first in iteration order and is never
//   beyond that budget; meanwhile writers can never keep a SCAN going forever.
// - "0" starts a fresh iterator; every step parks the iterator under a new
//   cursor id and forgets the old one, so replaying an old cursor can never
//   silently skip the page that was lost with it.
// - An unknown cursor (never issued, already used, evicted, or issued for
//   another collection) restarts the iteration from the beginning: callers
//   may see duplicates (Redis allows them) but never miss an element.
// - At most SCAN_CURSORS_MAX iterations are parked, least recently used
//   evicted first; an active client is always the most recent, so only
//   abandoned iterations are dropped in practice.
// - Ids are decimal strings below 2^53, unique for the process.

/** Cursors parked at once (process-wide); the least recently used is dropped beyond this. */
export const SCAN_CURSORS_MAX = 4096;

interface Parked {
  /** Identity of the iterated collection: a cursor only resumes on the same one. */
  source: object;
  iter: Iterator<unknown>;
  /** The element read ahead to learn whether the iteration had ended. */
  next: IteratorResult<unknown>;
  /** Elements still to visit before the iteration ends (see the budget above). */
  left: number;
}

// Map order = least recently used first (every step deletes and re-inserts).
const parked = new Map<string, Parked>();
let nextId = 1 + Math.floor(Math.random() * 0x7fffffff);

/**
 * One SCAN step over `source`: resumes the iteration named by `cursor` (a
 * canonical decimal, see parseScanCursor; "0" or unknown starts over via
 * `open`), hands at most `count` elements to `visit` (Infinity: all), and
 * returns the cursor to reply: "0" when the iteration is complete.
 * `open` must return a live iterator over `source` (map.keys(), set.values(),
 * map.entries() ...): one that never skips an element present throughout
 * and yields such elements before any added after it was opened. `size` is the number of elements source holds now
 * (read only when an iteration starts; default: source.size when it is a
 * number, else unbounded). An element read ahead at the end of a step is
 * visited at the start of the next one, so it may have been deleted in
 * between: visitors that look values up must tolerate a miss.
 */
export function scanStep<T>(
  source: object, cursor: string, open: () => Iterator<T>, count: number, visit: (item: T) => void, size?: number,
): string {
  let iter: Iterator<T>;
  let r: IteratorResult<T>;
  let left: number;
  const p = cursor === '0' ? undefined : parked.get(cursor);
  if (p !== undefined && p.source === source) {
    parked.delete(cursor);
    iter = p.iter as Iterator<T>;
    r = p.next as IteratorResult<T>;
    left = p.left;
  } else {
    iter = open();
    r = iter.next();
    left = size ?? sizeOf(source);
  }
  for (let n = 0; n < count && left > 0 && r.done !== true; n++) {
    visit(r.value);
    left--;
    r = iter.next();
  }
  if (r.done === true || left <= 0) return '0';
  const id = String(nextId++);
  if (nextId > Number.MAX_SAFE_INTEGER) nextId = 1;
  parked.set(id, { source, iter, next: r, left });
  if (parked.size > SCAN_CURSORS_MAX) parked.delete(parked.keys().next().value!);
  return id;
}

function sizeOf(source: object): number {
  const n = (source as { size?: unknown }).size;
  return typeof n === 'number' ? n : Infinity;
}

/**
 * A client's cursor argument with strtoul's acceptance rules (no leading
 * space, optional sign, digits, nothing after, at most 2^64-1; "" is 0), as a
 * canonical decimal string; null when Redis would reply "ERR invalid cursor".
 */
export function parseScanCursor(s: string): string | null {
  const n = s.length;
  if (n === 0) return '0';
  let i = 0;
  const c0 = s.charCodeAt(0);
  let neg = false;
  if (c0 === 43 /* + */ || c0 === 45 /* - */) {
    neg = c0 === 45;
    i = 1;
  }
  if (i === n) return null;
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  let digits = s.slice(i);
  // Fast path: small canonical numbers (every cursor we issue).
  if (!neg && digits.length < 16 && (digits.length === 1 || digits.charCodeAt(0) !== 48)) return digits;
  let v = BigInt(digits);
  if (v > 0xffffffffffffffffn) return null; // ERANGE
  if (neg && v !== 0n) v = (1n << 64n) - v; // strtoul negates in unsigned arithmetic
  digits = v.toString();
  return digits;
}

/** Number of parked iterations (INFO / tests). */
export function parkedScanCursors(): number {
  return parked.size;
}

/** Drops every parked iteration (tests). */
export function resetScanCursors(): void {
  parked.clear();
}
