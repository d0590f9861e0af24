// Consumer group management: XGROUP (CREATE SETID DESTROY CREATECONSUMER
// DELCONSUMER HELP), XACK and XPENDING.
import { ERR_SYNTAX, NULL_ARRAY, OK, err, type Reply } from '../../protocols/reply.js';
import type { Stream } from '../core/types/stream.js';
import { MIN_ID, compareIds, type StreamId } from '../core/types/stream-id.js';
import { ENTRIES_READ_INVALID, type ConsumerGroup } from '../core/types/stream-group.js';
import { int64Arg, intArg, is, isErr } from './args.js';
import {
  boundArg, createStream, idArg, lookupStream, noGroupError, noGroupForKeyError, notifyStream,
} from './streams-common.js';
import { helpReply, subcommandSyntaxError } from './help.js';
import type { Client } from './types.js';

const XGROUP_HELP = helpReply('xgroup', [
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
]);

const ERR_KEY_REQUIRED = err(
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM ' +
    'option to create an empty stream automatically.',
);

/** XGROUP <subcommand> ...: one handler for every subcommand, as Redis parses them together. */
function xgroup(c: Client, argv: string[]): Reply {
  const sub = argv[1];
  const argc = argv.length;
  if (argc === 2 && is(sub, 'HELP')) return XGROUP_HELP;
  const create = is(sub, 'CREATE');
  const setid = is(sub, 'SETID');
  let mkstream = false;
  let entriesRead = ENTRIES_READ_INVALID;
  let s: Stream | undefined;
  let g: ConsumerGroup | undefined;
  const key = argv[2];
  const name = argv[3];
  if (argc >= 4) {
    for (let i = 5; i < argc; ) {
      if (create && is(argv[i], 'MKSTREAM')) {
        mkstream = true;
        i++;
      } else if ((create || setid) && is(argv[i], 'ENTRIESREAD') && i + 1 < argc) {
        const n = int64Arg(argv[i + 1]);
        if (isErr(n)) return n;
        if (n < 0 && n !== -1) return err('ERR value for ENTRIESREAD must be positive or -1');
        entriesRead = BigInt(n);
        i += 2;
      } else return subcommandSyntaxError(argv);
    }
    const found = lookupStream(c, key, false);
    if (isErr(found)) return found;
    s = found;
    if (!mkstream) {
      if (s === undefined) return ERR_KEY_REQUIRED;
      g = s.group(name);
      if (g === undefined && (setid || is(sub, 'CREATECONSUMER') || is(sub, 'DELCONSUMER'))) {
        return noGroupForKeyError(name, key);
      }
    }
  }
  if (create && argc >= 5 && argc <= 8) {
    let id: StreamId;
    if (argv[4] === '$') id = s === undefined ? MIN_ID : s.lastId;
    else {
      const parsed = idArg(argv[4], 0n, true);
      if (isErr(parsed)) return parsed;
      id = parsed;
    }
    if (s === undefined) s = createStream(c, key);
    if (s.createGroup(name, id, entriesRead) === undefined) return err('BUSYGROUP Consumer Group name already exists');
    notifyStream(c, 'xgroup-create', key);
    return OK;
  }
  if (setid && (argc === 5 || argc === 7)) {
    let id: StreamId;
    if (argv[4] === '$') id = s!.lastId;
    else {
      const parsed = idArg(argv[4], 0n, false);
      if (isErr(parsed)) return parsed;
      id = parsed;
    }
    g!.lastId = id;
    g!.entriesRead = entriesRead;
    notifyStream(c, 'xgroup-setid', key);
    return OK;
  }
  if (is(sub, 'DESTROY') && argc === 4) {
    if (g === undefined) return 0;
    s!.destroyGroup(name);
    notifyStream(c, 'xgroup-destroy', key);
    // Readers blocked on the group must learn it is gone.
    s!.signals++;
    c.db.touch(key);
    return 1;
  }
  if (is(sub, 'CREATECONSUMER') && argc === 5) {
    if (g!.createConsumer(argv[4], c.server.clock.now()) === undefined) return 0;
    notifyStream(c, 'xgroup-createconsumer', key);
    return 1;
  }
  if (is(sub, 'DELCONSUMER') && argc === 5) {
    const consumer = g!.lookupConsumer(argv[4], null);
    if (consumer === undefined) return 0;
    const pending = g!.deleteConsumer(consumer);
    notifyStream(c, 'xgroup-delconsumer', key);
    return pending;
  }
  return subcommandSyntaxError(argv);
}

/** XACK key group id [id ...] */
function xack(c: Client, argv: string[]): Reply {
  const s = lookupStream(c, argv[1], true);
  if (isErr(s)) return s;
  const g = s?.group(argv[2]);
  if (g === undefined) return 0;
  const ids: StreamId[] = [];
  for (let j = 3; j < argv.length; j++) {
    const id = idArg(argv[j], 0n, true);
    if (isErr(id)) return id;
    ids.push(id);
  }
  let acked = 0;
  for (const id of ids) if (g.ack(id)) acked++;
  return acked;
}

/** XPENDING key group [[IDLE min-idle] start end count [consumer]] */
function xpending(c: Client, argv: string[]): Reply {
  const argc = argv.length;
  if (argc !== 3 && (argc < 6 || argc > 9)) return ERR_SYNTAX;
  let start: StreamId = MIN_ID;
  let end: StreamId = MIN_ID;
  let count = 0;
  let minIdle: number | bigint = 0;
  let consumerName: string | null = null;
  if (argc >= 6) {
    let at = 3;
    if (is(argv[3], 'IDLE')) {
      const n = int64Arg(argv[4]);
      if (isErr(n)) return n;
      minIdle = n;
      if (argc < 8) return ERR_SYNTAX;
      at += 2;
    }
    const n = intArg(argv[at + 2]);
    if (isErr(n)) return n;
    count = n < 0 ? 0 : n;
    const from = boundArg(argv[at], true);
    if (isErr(from)) return from;
    const to = boundArg(argv[at + 1], false);
    if (isErr(to)) return to;
    start = from;
    end = to;
    if (at + 3 < argc) consumerName = argv[at + 3];
  }
  const s = lookupStream(c, argv[1], true);
  if (isErr(s)) return s;
  const g = s?.group(argv[2]);
  if (g === undefined) return noGroupError(argv[1], argv[2]);
  if (argc === 3) {
    const size = g.pel.size;
    if (size === 0) return [0, null, null, NULL_ARRAY];
    const owners: Reply[] = [];
    for (const consumer of g.sortedConsumers()) {
      if (consumer.pel.size !== 0) owners.push([consumer.name, String(consumer.pel.size)]);
    }
    return [size, g.pel.firstKey()!.toString(), g.pel.lastKey()!.toString(), owners];
  }
  let pel = g.pel;
  if (consumerName !== null) {
    const consumer = g.lookupConsumer(consumerName, null);
    if (consumer === undefined) return [];
    pel = consumer.pel;
  }
  const now = c.server.clock.now();
  const out: Reply[] = [];
  if (count === 0) return out;
  pel.forEachFrom(start, (id, nack) => {
    if (compareIds(id, end) > 0) return false;
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) return true;
    const elapsed = now - nack.deliveryTime;
    out.push([id.toString(), nack.consumer!.name, elapsed < 0 ? 0 : elapsed, nack.deliveryCount]);
    return out.length < count;
  });
  return out;
}

export const streamGroupHandlers = { xgroup, xack, xpending };
