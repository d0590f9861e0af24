// Argument parsing with Redis's exact acceptance rules; errors as values.
import { ErrorReply, ERR_NOT_INTEGER, ERR_NOT_FLOAT, err } from '../../protocols/reply.js';
import { parseInt64 } from '../core/int64.js';
import { strictDouble } from '../core/types/strtod.js';

export { INT64_MAX, INT64_MIN, parseInt64 } from '../core/int64.js';

/** An int64 argument as a JS number (exact up to 2^53) or ERR not an integer. */
export function intArg(s: string): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return ERR_NOT_INTEGER;
  return typeof v === 'bigint' ? Number(v) : v;
}

/** An int64 argument kept exact (bigint beyond 2^53) or ERR not an integer. */
export function int64Arg(s: string): number | bigint | ErrorReply {
  const v = parseInt64(s);
  return v === null ? ERR_NOT_INTEGER : v;
}

/** An integer within [min, max] or `error` (default: not an integer or out of range). */
export function rangeArg(s: string, min: number, max: number, error: ErrorReply = ERR_NOT_INTEGER): number | ErrorReply {
  const v = parseInt64(s);
  if (v === null) return ERR_NOT_INTEGER;
  const n = typeof v === 'bigint' ? Number(v) : v;
  return n < min || n > max ? error : n;
}

/**
 * strtod as Redis uses it (getDoubleFromObject): no leading space, whole
 * string consumed (decimal or hex), "inf"/"-inf" accepted, NaN and
 * overflow refused. Returns null when invalid.
 */
export const parseDouble: (s: string) => number | null = strictDouble;

/** A double argument or ERR value is not a valid float. */
export function floatArg(s: string): number | ErrorReply {
  const v = parseDouble(s);
  return v === null ? ERR_NOT_FLOAT : v;
}

/** True if a parsed argument is an error to return as is. */
export function isErr(v: unknown): v is ErrorReply {
  return v instanceof ErrorReply;
}

/** ERR wrong number of arguments for '<name>' command. */
export function arityError(name: string): ErrorReply {
  return err(`ERR wrong number of arguments for '${name}' command`);
}

/** Case-insensitive ASCII comparison of an argument with an uppercase keyword. */
export function is(arg: string, KEYWORD: string): boolean {
  return arg.length === KEYWORD.length && (arg === KEYWORD || arg.toUpperCase() === KEYWORD);
}
