// Typed key lookups shared by the data-type families.
import { ERR_WRONGTYPE, type ErrorReply } from '../../protocols/reply.js';
import type { Collection, Db, TypeName } from '../core/keyspace.js';

/**
 * The value at key if it has the given type, undefined if the key is missing,
 * or WRONGTYPE. `read` counts keyspace hits/misses (read commands).
 */
export function lookupTyped<T extends Collection>(db: Db, key: string, type: Exclude<TypeName, 'string'>, read = false): T | undefined | ErrorReply {
  const v = read ? db.lookupRead(key) : db.get(key);
  if (v === undefined) return undefined;
  if (typeof v === 'string' || v.type !== type) return ERR_WRONGTYPE;
  return v as T;
}

/** The string at key, undefined if missing, or WRONGTYPE. */
export function lookupString(db: Db, key: string, read = false): string | undefined | ErrorReply {
  const v = read ? db.lookupRead(key) : db.get(key);
  if (v === undefined || typeof v === 'string') return v;
  return ERR_WRONGTYPE;
}
