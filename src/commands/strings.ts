// String commands: GET SET and friends.
import { ERR_SYNTAX, ERR_WRONGTYPE, NIL, OK, type Reply } from '../../protocols/reply.js';
import { NotifyClass } from '../core/notify.js';
import { defineCommand } from './define.js';
import { Flag, type Client, type CommandSpec } from './types.js';
import { intArg, is, isErr } from './args.js';
import { ERR_INVALID_EXPIRE } from '../../protocols/reply.js';

const F = Flag;

function get(c: Client, argv: string[]): Reply {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return NIL;
  return typeof v === 'string' ? v : ERR_WRONGTYPE;
}

const SET_NX = 1, SET_XX = 2, SET_KEEPTTL = 4, SET_GET = 8;

/** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL] */
function set(c: Client, argv: string[]): Reply {
  const key = argv[1];
  const value = argv[2];
  const db = c.db;
  if (argv.length === 3) {
    // Fast path: plain SET.
    const existed = db.get(key) !== undefined;
    db.set(key, value);
    notifySet(c, key, existed);
    return OK;
  }
  let opts = 0;
  let deadline = -1;
  let unitName = '';
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i].toUpperCase();
    const next = i + 1 < argv.length ? argv[i + 1] : undefined;
    if (a === 'NX' && (opts & SET_XX) === 0) opts |= SET_NX;
    else if (a === 'XX' && (opts & SET_NX) === 0) opts |= SET_XX;
    else if (a === 'GET') opts |= SET_GET;
    else if (a === 'KEEPTTL' && deadline < 0) opts |= SET_KEEPTTL;
    else if ((a === 'EX' || a === 'PX' || a === 'EXAT' || a === 'PXAT') && deadline < 0 && (opts & SET_KEEPTTL) === 0 && next !== undefined) {
      const n = intArg(next);
      if (isErr(n)) return n;
      const now = c.server.clock.now();
      if (n <= 0) return ERR_INVALID_EXPIRE('set');
      const ms = a === 'EX' || a === 'EXAT' ? n * 1000 : n;
      if (!Number.isSafeInteger(ms) || (a === 'EX' || a === 'PX' ? !Number.isSafeInteger(now + ms) : false)) {
        return ERR_INVALID_EXPIRE('set');
      }
      deadline = a === 'EX' || a === 'PX' ? now + ms : ms;
      unitName = a;
      i++;
    } else return ERR_SYNTAX;
  }
  const old = db.get(key);
  let reply: Reply = OK;
  if ((opts & SET_GET) !== 0) {
    if (old !== undefined && typeof old !== 'string') return ERR_WRONGTYPE;
    reply = old === undefined ? NIL : old;
  }
  if (((opts & SET_NX) !== 0 && old !== undefined) || ((opts & SET_XX) !== 0 && old === undefined)) {
    return (opts & SET_GET) !== 0 ? reply : NIL;
  }
  db.set(key, value, (opts & SET_KEEPTTL) !== 0);
  notifySet(c, key, old !== undefined);
  if (deadline >= 0) {
    db.setExpire(key, deadline);
    c.server.notify(NotifyClass.GENERIC, 'expire', key, db.index);
    if (deadline <= c.server.clock.now()) db.expireIfDue(key);
  }
  void unitName;
  return reply;
}

function notifySet(c: Client, key: string, existed: boolean): void {
  const db = c.db.index;
  if (!existed) c.server.notify(NotifyClass.NEW, 'new', key, db);
  c.server.notify(NotifyClass.STRING, 'set', key, db);
}

export const stringCommands: CommandSpec[] = [
  defineCommand({
    name: 'get', arity: 2, flags: F.READONLY | F.FAST, keys: [1, 1, 1], acl: ['string'],
    group: 'string', since: '1.0.0', summary: 'Returns the string value of a key.', complexity: 'O(1)',
    args: [{ name: 'key', type: 'key' }],
    run: get,
  }),
  defineCommand({
    name: 'set', arity: -3, flags: F.WRITE | F.DENYOOM, keys: [1, 1, 1], acl: ['string'],
    group: 'string', since: '1.0.0', complexity: 'O(1)',
    summary: 'Sets the string value of a key, ignoring its type. The key is created if it doesn\'t exist.',
    args: [{ name: 'key', type: 'key' }, { name: 'value', type: 'string' }],
    run: set,
  }),
];

void is;
