// Cross-site request forgery: a request that changes something (any method but GET, HEAD and
// OPTIONS) must be JSON sent by this server's own pages — the dashboard, or the widget's iframe,
// which is served from here too. What a browser marks as coming from another origin (Origin,
// Sec-Fetch-Site: cross-site or same-site) is refused with 403, a body that is not JSON with 415,
// before any route runs. A text/plain form on a sibling subdomain or port is therefore refused
// although SameSite=Lax lets the cookie ride along. Clients that are not browsers send neither
// header and pass, as long as their body is JSON.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AVATAR_TYPES, ErrorCode, FILE_UPLOAD_TYPE } from '@palique/protocol';
import { AppError } from './errors';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values of our own pages ('none': typed by the user, not sent by a page). */
const OWN_SITE = new Set(['same-origin', 'none']);

/** True when `origin` (an Origin header) is this server: its public URL or the host asked for. */
export function isOwnOrigin(origin: string, host: string | undefined, publicOrigin?: string): boolean {
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function refuseForeignWrites(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (READS.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if ((site !== undefined && !OWN_SITE.has(String(site))) || (origin !== undefined && !isOwnOrigin(origin, req.headers.host, publicOrigin))) {
      throw new AppError(ErrorCode.ForbiddenOrigin, 403, "Changes must come from this server's own pages");
    }
    if (!sendsJson(req) && !(req.routeOptions.config?.imageUpload && sendsImage(req)) && !(req.routeOptions.config?.fileUpload && sendsFile(req)) && !(req.routeOptions.config?.oneClickForm && sendsForm(req))) throw new AppError(ErrorCode.UnsupportedMediaType, 415, 'Send the body as JSON (content-type: application/json)');
  });
}

/** JSON, or no body at all (a sign-out needs none); a browser form always names its type. */
function sendsJson(req: FastifyRequest): boolean {
  const type = req.headers['content-type'];
  if (type === undefined) return req.headers['transfer-encoding'] === undefined && !(Number(req.headers['content-length'] ?? 0) > 0);
  return type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A1: the route takes an image body (PNG, JPEG, WebP), sent by the dashboard's fetch. */
    imageUpload?: boolean;
    /** Files: the route takes a raw file body (application/octet-stream), sent by our own pages' fetch. */
    fileUpload?: boolean;
    /** W4: RFC 8058 one-click unsubscribe, POSTed as a form by mail providers (no Origin; the token in the URL is the authority). */
    oneClickForm?: boolean;
  }
}

/**
 * An image type no HTML form can send (a cross-site page needs a CORS preflight for it, which
 * this server never grants), so it is as safe from forgery as JSON.
 */
function sendsImage(req: FastifyRequest): boolean {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return (AVATAR_TYPES as readonly string[]).includes(type);
}

/** Files: like an image type, application/octet-stream needs a preflight cross-site (no form sends it). */
function sendsFile(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === FILE_UPLOAD_TYPE;
}

/** W4: an HTML form's body (application/x-www-form-urlencoded), accepted only where `oneClickForm` says. */
function sendsForm(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
