// Which codec dumps each collection type and loads each RDB type byte
// (filled by rdb-types.ts; used by rdb-value.ts).
import type { Value } from './keyspace.js';
import type { RdbReader, RdbWriter } from './rdb.js';

/** Config that shapes encodings: of loaded collections, and of dumped list nodes. */
export interface LoadLimits {
  hashEntries: number;
  hashValue: number;
  zsetEntries: number;
  zsetValue: number;
  setIntsetEntries: number;
  /** list-max-listpack-size (quicklist node size when dumping a list). */
  listFill: number;
}

/** Redis's defaults for LoadLimits. */
export const DEFAULT_LIMITS: LoadLimits = {
  hashEntries: 128, hashValue: 64, zsetEntries: 128, zsetValue: 64, setIntsetEntries: 512, listFill: -2,
};

/** Writes one non-string value: its RDB type byte, then its body. */
export type ValueSaver = (w: RdbWriter, v: Value, limits: LoadLimits) => void;
/** Reads the body of an RDB type; throws RdbError when malformed (also for an empty collection). */
export type ValueLoader = (r: RdbReader, limits: LoadLimits) => Value;

/** Savers by collection type name. */
export const savers = new Map<string, ValueSaver>();
/** Loaders by RDB type byte. */
export const loaders = new Map<number, ValueLoader>();

/** Registers how a collection type ("hash", ...) is dumped. */
export function registerSaver(type: string, save: ValueSaver): void {
  savers.set(type, save);
}

/** Registers how an RDB type byte is restored. */
export function registerLoader(rdbType: number, load: ValueLoader): void {
  loaders.set(rdbType, load);
}
