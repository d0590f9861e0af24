// Parsing and formatting of config values the way Redis does it.

/** Redis memtoull: "100", "1k" (1000), "1kb" (1024), "2mb", "1gb"... case-insensitive; null if invalid. */
export function parseMemory(s: string): number | null {
  const m = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(s);
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mul: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 * 1024, g: 1e9, gb: 1024 * 1024 * 1024 };
  const v = n * mul[unit];
  return Number.isSafeInteger(v) ? v : null;
}

/** Output-buffer limits of one client class. */
export interface BufferLimit {
  hard: number;
  soft: number;
  softSeconds: number;
}

/** client-output-buffer-limit by class. */
export interface OutputLimits {
  normal: BufferLimit;
  replica: BufferLimit;
  pubsub: BufferLimit;
}

/** Parses "class hard soft secs [class hard soft secs ...]" onto a copy of `base`. */
export function parseOutputLimits(args: string[], base: OutputLimits): OutputLimits | string {
  if (args.length === 0 || args.length % 4 !== 0) return 'Wrong number of arguments in buffer limit configuration.';
  const next: OutputLimits = { normal: { ...base.normal }, replica: { ...base.replica }, pubsub: { ...base.pubsub } };
  for (let i = 0; i < args.length; i += 4) {
    const cls = args[i].toLowerCase();
    const key = cls === 'normal' ? 'normal' : cls === 'slave' || cls === 'replica' ? 'replica' : cls === 'pubsub' ? 'pubsub' : null;
    if (key === null) return 'Invalid client class specified in buffer limit configuration.';
    const hard = parseMemory(args[i + 1]);
    const soft = parseMemory(args[i + 2]);
    const secs = /^-?\d+$/.test(args[i + 3]) ? Number(args[i + 3]) : NaN;
    if (hard === null || soft === null || !(secs >= 0)) {
      return 'Error in hard, soft or soft_seconds setting in buffer limit configuration.';
    }
    next[key] = { hard, soft, softSeconds: secs };
  }
  return next;
}

/** Formats limits as CONFIG GET shows them. */
export function formatOutputLimits(l: OutputLimits): string {
  const f = (name: string, b: BufferLimit) => `${name} ${b.hard} ${b.soft} ${b.softSeconds}`;
  return `${f('normal', l.normal)} ${f('slave', l.replica)} ${f('pubsub', l.pubsub)}`;
}
