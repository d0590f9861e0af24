// Connection commands: PING ECHO QUIT SELECT HELLO AUTH RESET.
import { ERR_SYNTAX, MapReply, OK, PONG, StatusReply, err, type Reply } from '../../protocols/reply.js';
import { REDIS_COMPAT_VERSION } from '../version.js';
import { defineCommand } from './define.js';
import { discardTransaction } from './transactions.js';
import { ClientFlag, Flag, type Client, type CommandSpec } from './types.js';
import { arityError, is, isErr, parseInt64 } from './args.js';
import { dbIndexArg } from './keys-db.js';
import { isSubscriber } from '../core/pubsub.js';

const F = Flag;
const RESET = new StatusReply('RESET');
const WRONGPASS = err('WRONGPASS invalid username-password pair or user is disabled.');
const ERR_NAME_CHARS = err('ERR Client names cannot contain spaces, newlines or special characters.');
const ERR_AUTH_NOPASS = err(
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
const ERR_HELLO_NOAUTH = err(
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> ' +
  'option can be used to authenticate the client and select the RESP protocol version at the same time');

/** True if every byte is printable ASCII without spaces ('!'..'~'): CLIENT LIST stays splittable. */
export function validClientAttr(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x21 || ch > 0x7e) return false;
  }
  return true;
}

/** CLIENT SETNAME / HELLO SETNAME: sets (or with "" clears) the name; an error for bad characters. */
export function setClientName(c: Client, name: string): Reply | null {
  if (!validClientAttr(name)) return ERR_NAME_CHARS;
  c.name = name;
  return null;
}

/**
 * Checks credentials the way Redis 7 checks its only user without ACL rules:
 * "default" with requirepass (any password when requirepass is empty).
 * On success the client becomes authenticated as that user.
 */
export function authenticate(c: Client, user: string, pass: string): boolean {
  const requirepass = c.server.config.str('requirepass');
  if (user !== 'default' || (requirepass !== '' && pass !== requirepass)) return false;
  c.user = user;
  c.authenticated = true;
  return true;
}

function ping(c: Client, argv: string[]): Reply {
  if (argv.length > 2) return arityError('ping');
  const subscribed = isSubscriber(c);
  if (subscribed && c.resp === 2) return ['pong', argv.length > 1 ? argv[1] : ''];
  return argv.length > 1 ? argv[1] : PONG;
}

function select(c: Client, argv: string[]): Reply {
  const db = dbIndexArg(c, argv[1]);
  if (isErr(db)) return db;
  c.db = db;
  return OK;
}

function auth(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return ERR_SYNTAX;
  let user = 'default';
  let pass: string;
  if (argv.length === 2) {
    if (c.server.config.str('requirepass') === '') return ERR_AUTH_NOPASS;
    pass = argv[1];
  } else {
    user = argv[1];
    pass = argv[2];
  }
  return authenticate(c, user, pass) ? OK : WRONGPASS;
}

/** HELLO [protover [AUTH user pass] [SETNAME name]] */
function hello(c: Client, argv: string[]): Reply {
  let ver = 0;
  let i = 1;
  if (argv.length >= 2) {
    const v = parseInt64(argv[i++]);
    if (v === null) return err('ERR Protocol version is not an integer or out of range');
    if (v !== 2 && v !== 3) return err('NOPROTO unsupported protocol version');
    ver = v;
  }
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    if (is(opt, 'AUTH') && more >= 2) {
      if (!authenticate(c, argv[i + 1], argv[i + 2])) return WRONGPASS;
      i += 2;
    } else if (is(opt, 'SETNAME') && more >= 1) {
      const e = setClientName(c, argv[i + 1]);
      if (e !== null) return e;
      i++;
    } else {
      return err(`ERR Syntax error in HELLO option '${opt}'`);
    }
  }
  if (!c.authenticated) return ERR_HELLO_NOAUTH;
  if (ver !== 0) c.resp = ver as 2 | 3;
  return new MapReply([
    'server', 'redis',
    'version', REDIS_COMPAT_VERSION,
    'proto', c.resp,
    'id', c.id,
    'mode', 'standalone',
    'role', 'master',
    'modules', [],
  ]);
}

/** RESET: back to the state of a new connection (Redis clearClientConnectionState). */
function reset(c: Client): Reply {
  const server = c.server;
  if ((c.flags & ClientFlag.MONITOR) !== 0) {
    server.monitors.delete(c);
    c.flags &= ~ClientFlag.MONITOR;
  }
  c.db = server.dbs[0];
  c.resp = 2;
  c.user = 'default';
  c.authenticated = server.config.str('requirepass') === '';
  discardTransaction(c);
  server.pubsub.removeSubscriber(c);
  c.name = '';
  c.flags &= ~(ClientFlag.REPLY_OFF | ClientFlag.REPLY_SKIP_NEXT | ClientFlag.NO_TOUCH);
  return RESET;
}

export const connectionCommands: CommandSpec[] = [
  defineCommand({
    name: 'ping', arity: -1, flags: F.FAST | F.SUBSCRIBED_OK, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Returns the server\'s liveliness response.', complexity: 'O(1)',
    args: [{ name: 'message', type: 'string', optional: true }],
    run: ping,
  }),
  defineCommand({
    name: 'echo', arity: 2, flags: F.LOADING | F.STALE | F.FAST, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Returns the given string.', complexity: 'O(1)',
    args: [{ name: 'message', type: 'string' }],
    run: (_c, argv) => argv[1],
  }),
  defineCommand({
    name: 'quit', arity: -1,
    flags: F.ALLOW_BUSY | F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.NO_AUTH | F.SUBSCRIBED_OK | F.TX_CONTROL,
    acl: ['connection'], group: 'connection', since: '1.0.0', summary: 'Closes the connection.', complexity: 'O(1)',
    run: (c) => {
      c.closeAfterReply();
      return OK;
    },
  }),
  defineCommand({
    name: 'select', arity: 2, flags: F.LOADING | F.STALE | F.FAST, acl: ['connection'],
    group: 'connection', since: '1.0.0', summary: 'Changes the selected database.', complexity: 'O(1)',
    args: [{ name: 'index', type: 'integer' }],
    run: select,
  }),
  defineCommand({
    name: 'auth', arity: -2, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.NO_AUTH | F.ALLOW_BUSY,
    acl: ['connection'], group: 'connection', since: '1.0.0',
    complexity: 'O(N) where N is the number of passwords defined for the user',
    summary: 'Authenticates the connection.',
    args: [{ name: 'username', type: 'string', optional: true }, { name: 'password', type: 'string' }],
    run: auth,
  }),
  defineCommand({
    name: 'hello', arity: -1, flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.NO_AUTH | F.ALLOW_BUSY,
    acl: ['connection'], group: 'connection', since: '6.0.0', complexity: 'O(1)',
    summary: 'Handshakes with the Redis server.',
    args: [{
      name: 'arguments', type: 'block', optional: true, arguments: [
        { name: 'protover', type: 'integer' },
        {
          name: 'username-password', type: 'block', token: 'AUTH', optional: true,
          arguments: [{ name: 'username', type: 'string' }, { name: 'password', type: 'string' }],
        },
        { name: 'clientname', type: 'string', token: 'SETNAME', optional: true },
      ],
    }],
    run: hello,
  }),
  defineCommand({
    name: 'reset', arity: 1,
    flags: F.NOSCRIPT | F.LOADING | F.STALE | F.FAST | F.NO_AUTH | F.ALLOW_BUSY | F.SUBSCRIBED_OK | F.TX_CONTROL,
    acl: ['connection'], group: 'connection', since: '6.2.0', complexity: 'O(1)',
    summary: 'Resets the connection.',
    run: reset,
  }),
];
