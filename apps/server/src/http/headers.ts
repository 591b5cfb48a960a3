// The security headers of each class of response, in one place (F18): the dashboard (never framed),
// the widget's chat app (framed by any customer's site: that is its job), the demo host page,
// and the API (never cached). Hand-written rather than @fastify/helmet: helmet's defaults
// (Cross-Origin-Resource-Policy: same-origin, one CSP for every route) would have to be undone
// route class by route class for the widget, which must load and frame on other origins.
import type { FastifyInstance } from 'fastify';

export type HeaderSet = Record<string, string>;

/** `'self'` covers same-origin websockets in CSP 3; the public URL's ws(s) origin says so explicitly for older browsers. */
function connectSrc(publicUrl: string): string {
  const url = new URL(publicUrl);
  const ws = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return `connect-src 'self' ${ws}`;
}

function csp(publicUrl: string, extra: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    connectSrc(publicUrl),
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    ...extra,
  ].join('; ');
}

export interface SecurityHeaders {
  dashboard: HeaderSet;
  widgetFrame: HeaderSet;
  /** The demo host page: its inline scripts run by this nonce only, the widget by its origin. */
  demo(nonce: string): HeaderSet;
}

export function securityHeaders(publicUrl: string): SecurityHeaders {
  const origin = new URL(publicUrl).origin;
  return {
    dashboard: {
      'content-security-policy': csp(publicUrl, ["frame-ancestors 'none'", "manifest-src 'self'", "worker-src 'self'"]),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    },
    widgetFrame: {
      'content-security-policy': csp(publicUrl, ['frame-ancestors *']),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    demo: (nonce) => ({
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' ${origin}`,
        "style-src 'self' 'unsafe-inline'",
        `img-src 'self' data: ${origin}`,
        `frame-src ${origin}`,
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    }),
  };
}

/**
 * API answers carry visitors' emails and phones, session details and visitor tokens: no browser
 * or proxy cache keeps them.
 */
export function noStoreForApi(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
