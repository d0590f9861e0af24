// REST request paths -> argv, and replies -> HTTP bodies in the three
// output formats (Webdis's suffixes): .json (default), .raw, .txt.
//
//   /GET/key            {"GET":"value"}        (the command as typed is the key, as Webdis does)
//   /GET/key.raw        $5\r\nvalue\r\n        (RESP2 bytes of the reply)
//   /GET/key.txt        value                  (bulk, status or number as plain text)
//   /3/GET/key          the same in database 3
//
// JSON values are those of the WebSocket json subprotocol (protocols/json):
// RESP3 shapes, non-UTF-8 bytes as {"$b64":...}. Error replies answer with
// an HTTP error status and {"err":{"code":"WRONGTYPE","msg":"..."}}.
import { OutBuf } from '../../protocols/outbuf.js';
import { isError, Kind, type ErrorReply, type Reply } from '../../protocols/reply.js';
import { encodeReply } from '../../protocols/resp/encoder.js';
import { formatDouble } from '../../protocols/format.js';
import { bytesToText, replyToJson, textOrLatin1 } from '../../protocols/json/values.js';
import { errorJson, percentDecode, Status } from './http-common.js';

/** Output formats, chosen by the last path segment's suffix. */
export type Format = 'json' | 'raw' | 'txt';

/** A command read from a path (or a POST body in path form). */
export interface PathCommand {
  argv: string[];
  format: Format;
  /** Database from a numeric first segment (/3/GET/k), -1 when absent. */
  db: number;
}

const SUFFIXES: Record<string, Format> = { json: 'json', raw: 'raw', txt: 'txt' };

/**
 * Parses "/CMD/arg1/.../argN[.ext]": segments are percent-decoded into
 * bytes (%2f is a slash inside an argument, %2e a dot that is not a suffix),
 * empty segments are empty arguments. `latin1`: path is a byte string (a
 * POST body), not URL text. Returns an error message when malformed.
 */
export function parseCommandPath(path: string, latin1 = false): PathCommand | string {
  let p = path.charCodeAt(0) === 0x2f ? path.slice(1) : path;
  let format: Format = 'json';
  const dot = p.lastIndexOf('.');
  if (dot >= 0 && dot > p.lastIndexOf('/')) {
    const f = SUFFIXES[p.slice(dot + 1)];
    if (f !== undefined) {
      format = f;
      p = p.slice(0, dot);
    }
  }
  const parts = p.split('/');
  let db = -1;
  let first = 0;
  if (parts.length >= 2 && /^\d{1,9}$/.test(parts[0])) {
    db = Number(parts[0]);
    first = 1;
  }
  const argv = new Array<string>(parts.length - first);
  for (let i = first; i < parts.length; i++) {
    const a = percentDecode(parts[i], false, latin1);
    if (a === null) return `malformed percent-encoding in path segment ${i + 1}`;
    argv[i - first] = a;
  }
  if (argv[0] === '') return 'no command in the path: use /COMMAND/arg1/arg2...';
  return { argv, format, db };
}

// ---- status codes ---------------------------------------------------------------

/**
 * The HTTP status for an error reply: the client's fault is 4xx (an unknown
 * command is an unknown route), only a command that crashed is 500.
 */
export function statusForError(e: ErrorReply): string {
  switch (e.code) {
    case 'FORBIDDEN':
    case 'NOPERM':
      return Status.FORBIDDEN;
    case 'NOAUTH':
    case 'WRONGPASS':
      return Status.UNAUTHORIZED;
    case 'OOM':
    case 'BUSY':
    case 'LOADING':
    case 'MASTERDOWN':
    case 'TRYAGAIN':
      return Status.UNAVAILABLE;
    case 'ERR': {
      const m = e.message;
      if (m.startsWith('unknown command')) return Status.NOT_FOUND;
      if (m.startsWith('internal error')) return Status.INTERNAL;
      if (m.startsWith('DEBUG command not allowed')) return Status.FORBIDDEN; // enable-debug-command
      return Status.BAD_REQUEST;
    }
    default:
      return Status.BAD_REQUEST;
  }
}

// ---- bodies ---------------------------------------------------------------------

/** A response: status line, content type and body. */
export interface Body {
  status: string;
  type: string;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json';
const RAW_TYPE = 'application/octet-stream';
const TEXT_UTF8 = 'text/plain; charset=utf-8';
const TEXT_BYTES = 'text/plain';

const heads = new Map<string, string>();

/** `{"<command>":` for a command as typed (cached: a handful of commands make most requests). */
function jsonHead(cmd: string): string {
  let h = heads.get(cmd);
  if (h === undefined) {
    h = `{${JSON.stringify(textOrLatin1(cmd))}:`;
    if (heads.size < 512) heads.set(cmd, h);
  }
  return h;
}

/** {"CMD": value}, or the error object with its status. */
export function jsonBody(cmd: string, r: Reply): Body {
  if (isError(r)) return { status: statusForError(r), type: JSON_TYPE, body: errorJson(textOrLatin1(r.code), textOrLatin1(r.message)) };
  return { status: Status.OK, type: JSON_TYPE, body: `${jsonHead(cmd)}${JSON.stringify(replyToJson(r))}}` };
}

const scratch = new OutBuf();

/** The RESP2 bytes of the reply (a view valid until the next call: uWS copies it on end()). */
export function rawBody(r: Reply): Body {
  scratch.reset();
  encodeReply(scratch, r, false);
  return { status: isError(r) ? statusForError(r) : Status.OK, type: RAW_TYPE, body: scratch.view() };
}

/** A scalar reply as plain text; nil is 404 with no body, arrays and maps are 406. */
export function textBody(r: Reply): Body {
  if (typeof r === 'string') return { status: Status.OK, type: bytesToText(r) === null ? TEXT_BYTES : TEXT_UTF8, body: Buffer.from(r, 'latin1') };
  if (typeof r === 'number' || typeof r === 'bigint') return { status: Status.OK, type: TEXT_UTF8, body: String(r) };
  if (r === null) return { status: Status.NOT_FOUND, type: TEXT_UTF8, body: '' };
  if (Array.isArray(r)) return notText('an array');
  switch (r.kind) {
    case Kind.Status:
      return text(r.text);
    case Kind.Verbatim:
      return text(r.text);
    case Kind.Error:
      return { status: statusForError(r), type: TEXT_UTF8, body: Buffer.from(r.text, 'latin1') };
    case Kind.Double:
      return text(formatDouble(r.value));
    case Kind.BigNumber:
      return text(r.digits);
    case Kind.Bool:
      return text(r.value ? 'true' : 'false');
    case Kind.NullArray:
      return { status: Status.NOT_FOUND, type: TEXT_UTF8, body: '' };
    default:
      return notText(r.kind === Kind.Map ? 'a map' : 'an array');
  }
}

function text(bytes: string): Body {
  return { status: Status.OK, type: bytesToText(bytes) === null ? TEXT_BYTES : TEXT_UTF8, body: Buffer.from(bytes, 'latin1') };
}

function notText(what: string): Body {
  return { status: Status.NOT_ACCEPTABLE, type: TEXT_UTF8, body: `ERR the reply is ${what}: ask for .json or .raw` };
}

/** The body for `format`. */
export function formatReply(format: Format, cmd: string, r: Reply): Body {
  return format === 'json' ? jsonBody(cmd, r) : format === 'raw' ? rawBody(r) : textBody(r);
}
