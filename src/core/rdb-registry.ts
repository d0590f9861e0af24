// Which codec dumps each collection type and loads each RDB type byte
// (filled by rdb-types.ts; used by rdb-value.ts).
import type { Value } from './keyspace.js';
import type { RdbReader, RdbWriter } from './rdb.js';

/** Limits that decide a loaded collection's encoding (hash-max-listpack-entries ...). */
export interface LoadLimits {
  hashEntries: number;
  hashValue: number;
  zsetEntries: number;
  zsetValue: number;
  setIntsetEntries: number;
}

/** Writes one non-string value: its RDB type byte, then its body. */
export type ValueSaver = (w: RdbWriter, v: Value) => void;
/** Reads the body of an RDB type; throws RdbError when malformed (also for an empty collection). */
export type ValueLoader = (r: RdbReader, limits: LoadLimits) => Value;

export const savers = new Map<string, ValueSaver>();
export const loaders = new Map<number, ValueLoader>();

/** Registers how a collection type ("hash", ...) is dumped. */
export function registerSaver(type: string, save: ValueSaver): void {
  savers.set(type, save);
}

/** Registers how an RDB type byte is restored. */
export function registerLoader(rdbType: number, load: ValueLoader): void {
  loaders.set(rdbType, load);
}
