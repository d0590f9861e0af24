// The ws-allow rule syntax and default, free of imports so config/params.ts
// can validate the parameter without loading the command table.

/**
 * The default allow-list, in ACL-rule syntax: key reads and writes, pub/sub,
 * connection and transaction commands; never anything admin or dangerous,
 * and explicitly not the commands that wipe, enumerate or move the keyspace.
 */
export const DEFAULT_WS_ALLOW =
  '+@read +@write +@pubsub +@connection +@transaction +time -@admin -@dangerous -@scripting ' +
  '-flushall -flushdb -swapdb -move -migrate -keys -sort -sort_ro -restore -config -debug -shutdown -monitor ' +
  '-client|kill -client|list -client|pause -client|unpause -client|no-evict -client|tracking -info';

const RULE = /^(?:[+-]@[a-z_-]+|[+-][a-z0-9_.:-]+(?:\|[a-z0-9_.:-]+)?|allcommands|nocommands)$/i;

/** Checks the syntax of an allow-list; returns the offending word, or null when valid. */
export function invalidAllowRule(rules: string): string | null {
  for (const w of rules.split(/\s+/)) if (w !== '' && !RULE.test(w)) return w;
  return null;
}
