// Values <-> RDB object encoding (the body of a DUMP payload), Redis 7.0
// byte for byte where Redwire's encoding matches Redis's. Each data type
// registers a codec here (rdb-types.ts); strings are built in.
import type { Value } from './keyspace.js';
import { RdbError, RdbReader, RdbType, RdbWriter, finishDump, verifyDump } from './rdb.js';

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

const savers = new Map<string, ValueSaver>();
const loaders = new Map<number, ValueLoader>();

/** Registers how a collection type ("hash", ...) is dumped. */
export function registerSaver(type: string, save: ValueSaver): void {
  savers.set(type, save);
}

/** Registers how an RDB type byte is restored. */
export function registerLoader(rdbType: number, load: ValueLoader): void {
  loaders.set(rdbType, load);
}

loaders.set(RdbType.STRING, (r) => r.string());

/** The DUMP payload of v, or null when its type has no codec yet. */
export function dumpValue(v: Value): Buffer | null {
  const w = new RdbWriter();
  if (typeof v === 'string') {
    w.byte(RdbType.STRING);
    w.string(v);
  } else {
    const save = savers.get(v.type);
    if (save === undefined) return null;
    save(w, v);
  }
  return finishDump(w);
}

/** Result of checking and decoding a RESTORE payload. */
export type RestoreResult = Value | 'checksum' | 'format';

/** Decodes a DUMP payload: the value, 'checksum' (version/CRC wrong) or 'format' (bad data). */
export function restoreValue(payload: Buffer, limits: LoadLimits): RestoreResult {
  if (!verifyDump(payload)) return 'checksum';
  const r = new RdbReader(payload, 0, payload.length - 10);
  try {
    const load = loaders.get(r.byte());
    if (load === undefined) return 'format';
    return load(r, limits);
  } catch (e) {
    if (e instanceof RdbError) return 'format';
    throw e;
  }
}
