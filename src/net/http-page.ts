// The live page: GET / (src/browser/dashboard.html) and /dashboard.js, plain
// files with no build step, read once and served from memory. The page
// imports /redwire.js (served by the gateway) and polls /stats.json.
import { readFileSync } from 'node:fs';
import type { HttpResponse } from 'uWebSockets.js';

const files = new Map<string, Buffer>();

/** A file of src/browser (found from src/net or dist/src/net), cached; `missing` stands in when it is not there. */
export function browserFile(name: string, missing = `${name} not found next to the server\n`): Buffer {
  let b = files.get(name);
  if (b !== undefined) return b;
  for (const rel of [`../browser/${name}`, `../../../src/browser/${name}`]) {
    try {
      b = readFileSync(new URL(rel, import.meta.url));
      break;
    } catch {
      // try the next location
    }
  }
  b ??= Buffer.from(missing);
  files.set(name, b);
  return b;
}

// The page may talk to its own origin only (fetch, WebSocket); data is inserted as text, never as markup.
const CSP = "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/** Serves src/browser/<name> with its content type; the page gets ws-path filled in. */
export function pageRoute(name: string, type: string, wsPath: string): (res: HttpResponse) => void {
  let body: Buffer | null = null;
  return (res) => {
    if (body === null) {
      body = browserFile(name);
      if (name.endsWith('.html')) body = Buffer.from(body.toString('utf8').replaceAll('{{WS_PATH}}', encodeAttr(wsPath)), 'utf8');
    }
    res.writeStatus('200 OK')
      .writeHeader('Content-Type', type)
      .writeHeader('Cache-Control', 'no-cache')
      .writeHeader('X-Content-Type-Options', 'nosniff')
      // The page URL may carry ?token=: never send it elsewhere.
      .writeHeader('Referrer-Policy', 'no-referrer')
      .writeHeader('Content-Security-Policy', CSP)
      .end(body);
  };
}

function encodeAttr(s: string): string {
  return s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
