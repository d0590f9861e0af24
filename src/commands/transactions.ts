// Transactions: MULTI EXEC DISCARD WATCH UNWATCH.
// Dispatch queues commands while ClientFlag.MULTI is set (checking them first:
// a rejected command marks the transaction DIRTY_EXEC); EXEC runs the queue
// through call() so each command gets its own stats, slowlog and MONITOR line.
import { ExecReply, NO_REPLY, NULL_ARRAY, OK, err, type Reply } from '../../protocols/reply.js';
import { call } from './dispatch.js';
import { defineCommand } from './define.js';
import { specFor } from './table.js';
import { BLOCKED, ClientFlag, Flag, type Client, type CommandSpec } from './types.js';

const F = Flag;
const EXECABORT = err('EXECABORT Transaction discarded because of previous errors.');
const ERR_NESTED = err('ERR MULTI calls can not be nested');
const ERR_EXEC_NO_MULTI = err('ERR EXEC without MULTI');
const ERR_DISCARD_NO_MULTI = err('ERR DISCARD without MULTI');
const ERR_WATCH_IN_MULTI = err('ERR WATCH inside MULTI is not allowed');

/** Leaves MULTI state and forgets every WATCH (Redis discardTransaction). */
export function discardTransaction(c: Client): void {
  c.multiQueue = null;
  c.flags &= ~(ClientFlag.MULTI | ClientFlag.DIRTY_CAS | ClientFlag.DIRTY_EXEC);
  c.server.blocking.unwatchAll(c, c.server.dbs);
}

function multi(c: Client): Reply {
  if ((c.flags & ClientFlag.MULTI) !== 0) return ERR_NESTED;
  c.flags |= ClientFlag.MULTI;
  c.multiQueue = [];
  return OK;
}

function exec(c: Client): Reply {
  if ((c.flags & ClientFlag.MULTI) === 0) return ERR_EXEC_NO_MULTI;
  const server = c.server;
  if (server.blocking.watchedKeyExpired(c, server.dbs)) c.flags |= ClientFlag.DIRTY_CAS;
  if ((c.flags & (ClientFlag.DIRTY_CAS | ClientFlag.DIRTY_EXEC)) !== 0) {
    const r = (c.flags & ClientFlag.DIRTY_EXEC) !== 0 ? EXECABORT : NULL_ARRAY;
    discardTransaction(c);
    return r;
  }
  const queue = c.multiQueue!;
  server.blocking.unwatchAll(c, server.dbs);
  const wasInExec = (c.flags & ClientFlag.IN_EXEC) !== 0;
  c.flags |= ClientFlag.IN_EXEC;
  // Pushes made by queued commands (SUBSCRIBE confirmations, ...) belong inside the EXEC array.
  const savedCapture = c.pushCapture;
  const captured: Reply[] = [];
  c.pushCapture = captured;
  const replies: Reply[] = [];
  try {
    for (let i = 0; i < queue.length; i++) {
      const argv = queue[i];
      const r = call(c, specFor(server.commands, argv)!, argv); // known: it passed dispatch's checks when queued
      if (r === BLOCKED) {
        // Blocking commands must not block under IN_EXEC; never leave a hole in the array.
        console.error(`[redwire] '${argv[0]}' blocked inside EXEC`);
        replies.push(null);
      } else if (r === NO_REPLY) {
        for (const p of captured) replies.push(p);
      } else {
        for (const p of captured) replies.push(p);
        replies.push(r);
      }
      captured.length = 0;
    }
  } finally {
    c.pushCapture = savedCapture;
    if (!wasInExec) c.flags &= ~ClientFlag.IN_EXEC;
    discardTransaction(c);
  }
  return new ExecReply(queue.length, replies);
}

function discard(c: Client): Reply {
  if ((c.flags & ClientFlag.MULTI) === 0) return ERR_DISCARD_NO_MULTI;
  discardTransaction(c);
  return OK;
}

function watch(c: Client, argv: string[]): Reply {
  if ((c.flags & ClientFlag.MULTI) !== 0) return ERR_WATCH_IN_MULTI;
  for (let i = 1; i < argv.length; i++) c.server.blocking.watch(c, c.db, argv[i]);
  return OK;
}

function unwatch(c: Client): Reply {
  c.server.blocking.unwatchAll(c, c.server.dbs);
  c.flags &= ~ClientFlag.DIRTY_CAS;
  return OK;
}

export const transactionsCommands: CommandSpec[] = [
  defineCommand({
    name: 'multi', arity: 1, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.ALLOW_BUSY | F.TX_CONTROL,
    acl: ['transaction'], group: 'transactions', since: '1.2.0', complexity: 'O(1)',
    summary: 'Starts a transaction.',
    run: multi,
  }),
  defineCommand({
    name: 'exec', arity: 1, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.SKIP_SLOWLOG | F.TX_CONTROL,
    acl: ['transaction'], group: 'transactions', since: '1.2.0', complexity: 'Depends on commands in the transaction',
    summary: 'Executes all commands in a transaction.',
    run: exec,
  }),
  defineCommand({
    name: 'discard', arity: 1, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.ALLOW_BUSY | F.TX_CONTROL,
    acl: ['transaction'], group: 'transactions', since: '2.0.0', complexity: 'O(N), when N is the number of queued commands',
    summary: 'Discards a transaction.',
    run: discard,
  }),
  defineCommand({
    name: 'watch', arity: -2, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.ALLOW_BUSY | F.TX_CONTROL,
    keys: [1, -1, 1], acl: ['transaction'], group: 'transactions', since: '2.2.0', complexity: 'O(1) for every key.',
    summary: 'Monitors changes to keys to determine the execution of a transaction.',
    args: [{ name: 'key', type: 'key', multiple: true }],
    run: watch,
  }),
  defineCommand({
    name: 'unwatch', arity: 1, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.ALLOW_BUSY,
    acl: ['transaction'], group: 'transactions', since: '2.2.0', complexity: 'O(1)',
    summary: 'Forgets about watched keys of a transaction.',
    run: unwatch,
  }),
];
