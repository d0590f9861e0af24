// OBJECT ENCODING | REFCOUNT | IDLETIME | FREQ | HELP.
import { StatusReply, err, type Reply } from '../../protocols/reply.js';
import type { Value } from '../core/keyspace.js';
import { LFU_INIT_VAL, accessMode } from '../core/access.js';
import { parseInt64 } from '../core/int64.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;

/** Redis shares one object for the integers 0..9999 and reports this refcount for it. */
const SHARED_REFCOUNT = 2147483647;
const SHARED_INTEGERS = 10000;

const ERR_LFU_SELECTED = err('ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
const ERR_LFU_NOT_SELECTED = err('ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');

/** OBJECT ENCODING name of a string value: int, embstr (up to 44 bytes) or raw. */
export function stringEncoding(s: string): string {
  if (parseInt64(s) !== null) return 'int'; // what string2ll accepts Redis stores as an integer
  return s.length <= 44 ? 'embstr' : 'raw';
}

/** OBJECT ENCODING of any value. */
export function encodingOf(v: Value): string {
  return typeof v === 'string' ? stringEncoding(v) : v.encoding();
}

/** True when maxmemory-policy is one of the LFU policies. */
function lfuPolicy(c: Client): boolean {
  return accessMode(c.server.config.str('maxmemory-policy')) === 'lfu';
}

/** Redis's canUseSharedObject: shared integers unless maxmemory is set with an LRU/LFU policy. */
function sharedIntegers(c: Client): boolean {
  return c.server.config.num('maxmemory') === 0 || accessMode(c.server.config.str('maxmemory-policy')) === null;
}

/** Looks key up as OBJECT does: expires it if due, counts hits/misses, fires no keymiss. */
function lookup(c: Client, key: string): Value | undefined {
  const v = c.db.peek(key);
  if (v === undefined) c.server.stats.keyspaceMisses++;
  else c.server.stats.keyspaceHits++;
  return v;
}

function encoding(c: Client, argv: string[]): Reply {
  const v = lookup(c, argv[2]);
  if (v === undefined) return null;
  return typeof v === 'string' && c.db.isRaw(argv[2]) ? 'raw' : encodingOf(v);
}

function refcount(c: Client, argv: string[]): Reply {
  const v = lookup(c, argv[2]);
  if (v === undefined) return null;
  if (typeof v === 'string' && !c.db.isRaw(argv[2]) && parseInt64(v) !== null && v.length <= 4 && v.charCodeAt(0) !== 45 && Number(v) < SHARED_INTEGERS && sharedIntegers(c)) {
    return SHARED_REFCOUNT;
  }
  return 1;
}

function idletime(c: Client, argv: string[]): Reply {
  const v = lookup(c, argv[2]);
  if (v === undefined) return null;
  if (lfuPolicy(c)) return ERR_LFU_SELECTED;
  // Access times are kept only under an LRU policy (core/access.ts): other keys report 0.
  const access = c.db.access;
  return access === null || access.lfu ? 0 : access.idleSeconds(argv[2]);
}

function freq(c: Client, argv: string[]): Reply {
  const v = lookup(c, argv[2]);
  if (v === undefined) return null;
  if (!lfuPolicy(c)) return ERR_LFU_NOT_SELECTED;
  const access = c.db.access;
  return access === null || !access.lfu ? LFU_INIT_VAL : access.frequency(argv[2]);
}

const HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
].map((line) => new StatusReply(line));

const keyArg = [{ name: 'key', type: 'key' as const }];

/** OBJECT and its subcommands (part of keysCommands). */
export const objectCommands: CommandSpec[] = [
  defineCommand({
    name: 'object', arity: -2, group: 'generic', since: '2.2.3', summary: 'A container for object introspection commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      {
        name: 'encoding', arity: 3, flags: F.READONLY, keys: [2, 2, 1], acl: ['keyspace'], since: '2.2.3',
        summary: 'Inspect the internal encoding of a Redis object', complexity: 'O(1)', args: keyArg, run: encoding,
      },
      {
        name: 'refcount', arity: 3, flags: F.READONLY, keys: [2, 2, 1], acl: ['keyspace'], since: '2.2.3',
        summary: 'Get the number of references to the value of the key', complexity: 'O(1)', args: keyArg, run: refcount,
      },
      {
        name: 'idletime', arity: 3, flags: F.READONLY, keys: [2, 2, 1], acl: ['keyspace'], since: '2.2.3',
        summary: 'Get the time since a Redis object was last accessed', complexity: 'O(1)', args: keyArg, run: idletime,
      },
      {
        name: 'freq', arity: 3, flags: F.READONLY, keys: [2, 2, 1], acl: ['keyspace'], since: '4.0.0',
        summary: 'Get the logarithmic access frequency counter of a Redis object', complexity: 'O(1)', args: keyArg, run: freq,
      },
      {
        name: 'help', arity: 2, flags: F.LOADING | F.STALE, acl: ['keyspace'], since: '6.2.0',
        summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', run: () => HELP,
      },
    ],
  }),
];
