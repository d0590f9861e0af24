// The one command table, built from the family files.
import type { CommandSpec } from './types.js';
import { connectionCommands } from './connection.js';
import { clientCommands } from './client.js';
import { stringCommands } from './strings.js';
import { bitmapsCommands } from './bitmaps.js';
import { keysCommands } from './keys.js';
import { expireCommands } from './expire.js';
import { dumpCommands } from './dump.js';
import { hashesCommands } from './hashes.js';
import { listsCommands } from './lists.js';
import { setsCommands } from './sets.js';
import { zsetsCommands } from './zsets.js';
import { streamsCommands } from './streams.js';
import { serverCommands } from './server.js';
import { infoCommands } from './info.js';
import { introspectionCommands } from './introspection.js';
import { debugCommands } from './debug.js';
import { transactionsCommands } from './transactions.js';
import { pubsubCommands } from './pubsub.js';
import { monitorCommands } from './monitor.js';
import { hyperloglogCommands } from './hyperloglog.js';
import { sortCommands } from './sort.js';
import { geoCommands } from './geo.js';

/** Every family's commands; Commands (table.ts) indexes them. */
export const ALL_FAMILIES: CommandSpec[][] = [
  connectionCommands,
  clientCommands,
  stringCommands,
  bitmapsCommands,
  keysCommands,
  expireCommands,
  dumpCommands,
  hashesCommands,
  listsCommands,
  setsCommands,
  zsetsCommands,
  streamsCommands,
  serverCommands,
  infoCommands,
  introspectionCommands,
  debugCommands,
  transactionsCommands,
  pubsubCommands,
  monitorCommands,
  hyperloglogCommands,
  sortCommands,
  geoCommands,
];
