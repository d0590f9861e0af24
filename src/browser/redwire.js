// redwire.js: the browser client for Redwire's WebSocket gateway (json
// subprotocol). An ES module with no dependencies and no build step; the
// server serves it at /redwire.js.
//
//   import { connect } from 'http://127.0.0.1:7379/redwire.js';
//   const rw = connect('ws://127.0.0.1:7379/ws', { token: 'secret' });
//   await rw.set('greeting', 'hello');
//   console.log(await rw.get('greeting'));
//   await rw.subscribe('news', (data, channel) => console.log(channel, data));
//   await rw.publish('news', 'hi');
//
// Commands return promises; errors reject with a RedwireError carrying the
// server's code (WRONGTYPE, FORBIDDEN, ...). The client reconnects on its own
// (close codes 4000-4099: never; 4100-4199: with exponential back-off;
// 4200-4299: at once) and restores its subscriptions. Commands issued while
// disconnected wait for the next connection; those in flight when it drops
// reject with code DISCONNECTED (they may or may not have run).

/** An error reply from the server (code: "ERR", "WRONGTYPE", "FORBIDDEN", ...) or from the client. */
export class RedwireError extends Error {
  constructor(code, message) {
    super(`${code} ${message}`);
    this.name = 'RedwireError';
    this.code = code;
  }
}

const COMMANDS = [
  'ping', 'echo', 'get', 'set', 'del', 'exists', 'expire', 'ttl', 'incr', 'incrby', 'decr', 'append', 'mget', 'mset',
  'hget', 'hset', 'hdel', 'hgetall', 'hincrby', 'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen',
  'sadd', 'srem', 'smembers', 'sismember', 'zadd', 'zrem', 'zrange', 'zscore', 'zincrby', 'xadd', 'xrange',
  'publish', 'spublish',
];

/** Opens a client; it connects (and reconnects) by itself. */
export function connect(url, options = {}) {
  return new RedwireClient(url, options);
}

/** A connection to Redwire that survives disconnects. */
export class RedwireClient {
  constructor(url, options = {}) {
    this.url = url;
    this.options = { token: null, minDelay: 250, maxDelay: 10000, ...options };
    /** 'connecting' | 'open' | 'closed' */
    this.state = 'connecting';
    this.ws = null;
    this.nextId = 1;
    this.inflight = new Map();
    this.queue = [];
    this.listeners = new Map();
    this.channels = new Map();
    this.patterns = new Map();
    this.shardChannels = new Map();
    this.attempt = 0;
    this.timer = null;
    this.userClosed = false;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.open();
  }

  // ---- commands -------------------------------------------------------------

  /** Runs a command: call('SET', 'k', 'v') resolves with the reply. */
  call(...args) {
    return new Promise((resolve, reject) => {
      if (this.userClosed) return reject(new RedwireError('CLOSED', 'the client was closed'));
      const id = this.nextId++;
      const frame = JSON.stringify({ id, cmd: args.map(encodeArg) });
      this.inflight.set(id, { resolve, reject });
      if (this.state === 'open') this.ws.send(frame);
      else this.queue.push(frame);
    });
  }

  /** Subscribes cb(data, channel) to a channel; resolves once the server confirmed. */
  subscribe(channel, cb) {
    return this.addSub(this.channels, 'SUBSCRIBE', channel, cb);
  }

  /** Subscribes cb(data, channel, pattern) to a glob pattern. */
  psubscribe(pattern, cb) {
    return this.addSub(this.patterns, 'PSUBSCRIBE', pattern, cb);
  }

  /** Subscribes cb(data, channel) to a shard channel. */
  ssubscribe(channel, cb) {
    return this.addSub(this.shardChannels, 'SSUBSCRIBE', channel, cb);
  }

  /** Removes cb (or every callback) from a channel; unsubscribes when none is left. */
  unsubscribe(channel, cb) {
    return this.removeSub(this.channels, 'UNSUBSCRIBE', channel, cb);
  }

  punsubscribe(pattern, cb) {
    return this.removeSub(this.patterns, 'PUNSUBSCRIBE', pattern, cb);
  }

  sunsubscribe(channel, cb) {
    return this.removeSub(this.shardChannels, 'SUNSUBSCRIBE', channel, cb);
  }

  addSub(map, command, name, cb) {
    const cbs = map.get(name);
    if (cbs !== undefined) {
      cbs.add(cb);
      return Promise.resolve();
    }
    map.set(name, new Set([cb]));
    return this.call(command, name).then(() => undefined);
  }

  removeSub(map, command, name, cb) {
    const cbs = map.get(name);
    if (cbs === undefined) return Promise.resolve();
    if (cb !== undefined) cbs.delete(cb);
    if (cb !== undefined && cbs.size > 0) return Promise.resolve();
    map.delete(name);
    return this.call(command, name).then(() => undefined);
  }

  // ---- events ---------------------------------------------------------------

  /** Listens to 'open', 'close' ({code, reason, reconnecting}), 'reconnecting' ({delay, attempt}), 'push' (frame). */
  on(event, fn) {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  off(event, fn) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }

  emit(event, detail) {
    for (const fn of this.listeners.get(event) ?? []) {
      try {
        fn(detail);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }

  /** Closes for good (no reconnect); pending commands reject. */
  close() {
    this.userClosed = true;
    clearTimeout(this.timer);
    this.state = 'closed';
    if (this.ws !== null) this.ws.close(1000, 'client closed');
    this.failAll(this.inflight, 'CLOSED', 'the client was closed');
    for (const frame of this.queue.splice(0)) this.failFrame(frame, 'CLOSED', 'the client was closed');
  }

  // ---- connection -------------------------------------------------------------

  open() {
    this.state = 'connecting';
    let ws;
    try {
      ws = new WebSocket(this.url, 'json');
    } catch (e) {
      this.state = 'closed';
      this.rejectReady(e);
      throw e;
    }
    this.ws = ws;
    ws.onopen = () => this.onOpen(ws);
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onclose = (ev) => this.onClose(ws, ev.code, ev.reason);
  }

  onOpen(ws) {
    if (ws !== this.ws) return;
    this.state = 'open';
    this.attempt = 0;
    if (this.options.token !== null && this.options.token !== undefined) {
      ws.send(JSON.stringify({ auth: String(this.options.token) }));
    }
    // Subscriptions first (so no message published after open is missed), then what queued up.
    const restore = [['SUBSCRIBE', this.channels], ['PSUBSCRIBE', this.patterns], ['SSUBSCRIBE', this.shardChannels]];
    for (const [command, map] of restore) {
      if (map.size === 0) continue;
      const id = this.nextId++;
      this.inflight.set(id, { resolve() {}, reject() {} });
      ws.send(JSON.stringify({ id, cmd: [command, ...[...map.keys()].map(encodeArg)] }));
    }
    for (const frame of this.queue.splice(0)) ws.send(frame);
    this.resolveReady(this);
    this.emit('open', {});
  }

  onFrame(text) {
    let f;
    try {
      f = JSON.parse(text);
    } catch {
      return;
    }
    if (f.push !== undefined) return this.onPush(f);
    if (f.id === undefined) return; // an error about a frame without id (e.g. the auth frame)
    const call = this.inflight.get(f.id);
    if (call === undefined) return;
    this.inflight.delete(f.id);
    if (f.err !== undefined) call.reject(new RedwireError(f.err.code, f.err.msg));
    else call.resolve(decodeValue(f.r));
  }

  onPush(f) {
    this.emit('push', f);
    const data = decodeValue(f.data);
    const channel = decodeValue(f.channel);
    const pattern = decodeValue(f.pattern);
    let cbs;
    if (f.push === 'message') cbs = this.channels.get(channel);
    else if (f.push === 'pmessage') cbs = this.patterns.get(pattern);
    else if (f.push === 'smessage') cbs = this.shardChannels.get(channel);
    if (cbs === undefined) return;
    for (const cb of cbs) {
      try {
        cb(data, channel, pattern);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }

  onClose(ws, code, reason) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.failAll(this.inflight, 'DISCONNECTED', `connection closed (${code})`);
    if (this.userClosed) {
      this.emit('close', { code, reason, reconnecting: false });
      return;
    }
    const delay = reconnectDelay(code, this.attempt, this.options);
    if (delay < 0) {
      this.state = 'closed';
      for (const frame of this.queue.splice(0)) this.failFrame(frame, 'CLOSED', `closed by the server (${code} ${reason})`);
      this.rejectReady(new RedwireError('CLOSED', `closed by the server (${code} ${reason})`));
      this.emit('close', { code, reason, reconnecting: false });
      return;
    }
    this.state = 'connecting';
    this.attempt++;
    this.emit('close', { code, reason, reconnecting: true });
    this.emit('reconnecting', { delay, attempt: this.attempt });
    this.timer = setTimeout(() => this.open(), delay);
  }

  failAll(map, code, msg) {
    const calls = [...map.values()];
    map.clear();
    for (const c of calls) c.reject(new RedwireError(code, msg));
  }

  failFrame(frame, code, msg) {
    const id = JSON.parse(frame).id;
    const call = this.inflight.get(id);
    this.inflight.delete(id);
    call?.reject(new RedwireError(code, msg));
  }
}

for (const name of COMMANDS) {
  RedwireClient.prototype[name] = function (...args) {
    return this.call(name.toUpperCase(), ...args);
  };
}

/**
 * Milliseconds to wait before reconnecting after close code `code`, or -1 for
 * never: 4000-4099 never, 4200-4299 at once (then back-off if that fails),
 * anything else (4100-4199, network errors, server restarts) with exponential
 * back-off and jitter.
 */
export function reconnectDelay(code, attempt, { minDelay = 250, maxDelay = 10000 } = {}) {
  if (code >= 4000 && code <= 4099) return -1;
  if (code >= 4200 && code <= 4299 && attempt === 0) return 0;
  const base = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt, 16));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/** A command argument as the json subprotocol takes it: strings, numbers, or bytes as {"$b64"}. */
function encodeArg(a) {
  if (typeof a === 'string' || typeof a === 'number') return a;
  if (a instanceof ArrayBuffer) a = new Uint8Array(a);
  if (ArrayBuffer.isView(a)) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return { $b64: btoa(s) };
  }
  return String(a);
}

/** Replies and push fields with {"$b64"} (bytes that are not UTF-8) become Uint8Array. */
function decodeValue(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  if (typeof v.$b64 === 'string' && Object.keys(v).length === 1) {
    const s = atob(v.$b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  const o = {};
  for (const k of Object.keys(v)) o[k] = decodeValue(v[k]);
  return o;
}
