// Helpers for the HTTP route tests: a server with the gateway on a free port
// and an ioredis client beside it, and a fetch wrapper that keeps the body.
import { Redis } from 'ioredis';
import { startWsServer, useServer, type WsTestServer } from '../helpers/server.js';

export interface HttpTestServer extends WsTestServer {
  /** A RESP client on the same server (to set up and observe). */
  redis: Redis;
  stop(): Promise<void>;
}

/** A server (RESP + gateway on free ports) with `options` as config overrides. */
export async function startHttpServer(options: Record<string, string> = {}): Promise<HttpTestServer> {
  const s = await startWsServer(options);
  const redis = new Redis({ port: s.port, host: '127.0.0.1', lazyConnect: false, maxRetriesPerRequest: 1 });
  return {
    ...s,
    redis,
    stop: async () => {
      redis.disconnect();
      await s.close();
    },
  };
}

/** A startHttpServer(options) server for the enclosing suite (see useServer). */
export function useHttpServer(options: Record<string, string> = {}): HttpTestServer {
  return useServer(() => startHttpServer(options), (s) => s.stop());
}

/** A response read whole. */
export interface Got {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  json(): unknown;
}

/** fetch(url + path, init), body read whole. */
export async function get(base: string, path: string, init: RequestInit = {}): Promise<Got> {
  const r = await fetch(base + path, { ...init, redirect: 'manual' });
  const body = Buffer.from(await r.arrayBuffer());
  const text = body.toString('utf8');
  return { status: r.status, headers: r.headers, body, text, json: () => JSON.parse(text) };
}

/** One field of INFO (as a string), read through ioredis. */
export async function infoField(redis: Redis, section: string, field: string): Promise<string | undefined> {
  const text = await redis.info(section);
  const m = new RegExp(`^${field}:(.*)$`, 'm').exec(text);
  return m?.[1].trim();
}
