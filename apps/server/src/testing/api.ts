// The HTTP side of tests: one call to the app's API, as a browser or the dashboard would make it.
import crypto from 'node:crypto';

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
  /** More request headers (X-Forwarded-For, to stand for another client behind a trusted proxy). */
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
