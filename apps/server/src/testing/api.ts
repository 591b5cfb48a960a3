// The HTTP side of tests: one call to the app's API, as a browser or the dashboard would make it.
import crypto from 'node:crypto';
import http from 'node:http';

/** Anything with an address tests can reach: an in-process server, a server process. */
export interface Reachable {
  url: string;
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiOptions {
  body?: unknown;
  /** Sent as it is (for malformed or oversized bodies). */
  rawBody?: string;
  cookie?: string;
  contentType?: string;
  /** More request headers: what a browser adds (Origin, Sec-Fetch-Site), or X-Forwarded-For to stand for another client behind a trusted proxy. */
  headers?: Record<string, string>;
}

export async function api<T = any>(server: Reachable, method: string, route: string, opts: ApiOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  let payload: string | undefined;
  if (opts.rawBody !== undefined) payload = opts.rawBody;
  else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(server.url + route, { method, headers, body: payload });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, headers: res.headers };
}

export interface ApiRequest {
  method: string;
  route: string;
  opts?: ApiOptions;
}

/**
 * Sends every request at the same moment, each on a connection of its own opened beforehand, so
 * they reach the server in one burst, as many clients racing each other would (fetch connects
 * one after another, and the first request is often done before the last one arrives).
 */
export async function apiAtOnce(server: Reachable, requests: ApiRequest[]): Promise<ApiResult[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: requests.length });
  try {
    await Promise.all(requests.map(() => send(server, agent, { method: 'GET', route: '/healthz-warm-up' })));
    return await Promise.all(requests.map((r) => send(server, agent, r)));
  } finally {
    agent.destroy();
  }
}

function send(server: Reachable, agent: http.Agent, { method, route, opts = {} }: ApiRequest): Promise<ApiResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + route, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: keep the text */
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
        }
        resolve({ status: res.statusCode ?? 0, body, headers: responseHeaders });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `name=value` part of a response's session cookie, as a browser would send it back. */
export function sessionCookieOf(res: ApiResult): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function signIn(server: Reachable, email: string, password: string): Promise<string> {
  const res = await api(server, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionCookieOf(res);
}

let counter = 0;
export const uniqueEmail = (prefix = 'agent') => `${prefix}${++counter}-${crypto.randomBytes(3).toString('hex')}@example.com`;

/** A fresh client id, in the format the clients generate. */
export const clientId = () => crypto.randomUUID().replace(/-/g, '');
