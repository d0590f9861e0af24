// Values <-> RDB object encoding (the body of a DUMP payload), Redis 7.0
// byte for byte where Redwire's encoding matches Redis's. Strings are built
// in; collection types register codecs (rdb-types.ts via rdb-registry.ts).
import type { Value } from './keyspace.js';
import { RdbError, RdbReader, RdbType, RdbWriter, finishDump, verifyDump } from './rdb.js';
import { DEFAULT_LIMITS, loaders, savers, type LoadLimits } from './rdb-registry.js';
import './rdb-types.js';
import './rdb-stream.js';
import './rdb-hash-list.js';

export type { LoadLimits } from './rdb-registry.js';

loaders.set(RdbType.STRING, (r) => r.string());

/** The DUMP payload of v, or null when its type has no codec yet. */
export function dumpValue(v: Value, limits: LoadLimits = DEFAULT_LIMITS): Buffer | null {
  const w = new RdbWriter();
  if (typeof v === 'string') {
    w.byte(RdbType.STRING);
    w.string(v);
  } else {
    const save = savers.get(v.type);
    if (save === undefined) return null;
    save(w, v, limits);
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
