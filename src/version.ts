// Redwire's version (kept equal to package.json's by test/unit/version.test.ts).
export const VERSION = '0.1.0';
/** The Redis version whose behaviour Redwire follows (INFO redis_version, HELLO version). */
export const REDIS_COMPAT_VERSION = '7.0.15';
