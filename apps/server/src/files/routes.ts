// HTTP API of files: uploads (an agent's with the session cookie, a visitor's with the visitor
// token in the Authorization header, never in the URL), fresh signed URLs, and the files
// themselves behind those URLs. The body of an upload is the raw file (application/octet-stream,
// which no HTML form can send cross-site) and its name travels percent-encoded in X-File-Name.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode, FILE_UPLOAD_TYPE, Id, MAX_FILE_BYTES } from '@palique/protocol';
import { AppError, parseInput } from '../http/errors';
import { requireAgent } from '../http/auth';
import type { RateLimits } from '../http/limits';
import type { VisitorService } from '../visitors/service';
import type { ConversationService } from '../conversations/service';
import type { FileService } from './service';

const ConversationParams = z.object({ id: Id });
const WidgetParams = z.object({ widgetId: Id });
const WidgetFileParams = z.object({ widgetId: Id, fileId: Id });
const FileParams = z.object({ id: Id });
const ServeParams = z.object({ id: z.string().uuid(), variant: z.enum(['file', 'thumb']) });
const ServeQuery = z.object({ exp: z.coerce.number().int().min(0), sig: z.string().min(1).max(100) });
const upload = { bodyLimit: MAX_FILE_BYTES, config: { fileUpload: true } };

export interface FileRoutesOptions {
  files: FileService;
  visitors: VisitorService;
  conversations: ConversationService;
  limits: RateLimits;
}

export async function fileRoutes(app: FastifyInstance, { files, visitors, conversations, limits }: FileRoutesOptions): Promise<void> {
  // Only this plugin's routes read a raw body, and only they accept one of up to 10 MB.
  app.addContentTypeParser(FILE_UPLOAD_TYPE, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

  app.post('/api/conversations/:id/files', upload, async (req, reply) => {
    const ctx = requireAgent(req);
    const { visitorId } = await conversations.get(ctx.accountId, parseInput(ConversationParams, req.params).id);
    const attachment = await files.upload(ctx.accountId, { type: 'agent', id: ctx.agent.id, visitorId }, fileName(req), bodyOf(req));
    return reply.status(201).send(await files.urls(ctx.accountId, attachment.id));
  });

  app.get('/api/files/:id', async (req) => {
    const ctx = requireAgent(req);
    return files.urls(ctx.accountId, parseInput(FileParams, req.params).id);
  });

  const visitorOf = async (req: FastifyRequest) => {
    const { widgetId } = parseInput(WidgetParams, req.params);
    const token = /^Bearer (\S{16,128})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new AppError(ErrorCode.VisitorUnknown, 401, 'Send the visitor token as "Authorization: Bearer <token>"');
    return visitors.authenticate(widgetId, token);
  };

  app.post('/api/widget/:widgetId/files', upload, async (req, reply) => {
    const { accountId, visitor } = await visitorOf(req);
    await limits.enforce('visitorUpload', visitor.id);
    const attachment = await files.upload(accountId, { type: 'visitor', id: visitor.id, visitorId: visitor.id }, fileName(req), bodyOf(req));
    return reply.status(201).send(await files.urls(accountId, attachment.id, visitor.id));
  });

  app.get('/api/widget/:widgetId/files/:fileId', async (req) => {
    const { accountId, visitor } = await visitorOf(req);
    return files.urls(accountId, parseInput(WidgetFileParams, req.params).fileId, visitor.id);
  });

  app.get('/files/:id/:variant', async (req, reply) => {
    const params = ServeParams.safeParse(req.params);
    const query = ServeQuery.safeParse(req.query);
    if (!params.success || !query.success) throw new AppError(ErrorCode.NotFound, 404, 'No such file');
    const { row, path, maxAgeSeconds } = await files.open(params.data.id, params.data.variant, query.data.exp, query.data.sig);
    const image = row.kind === 'image';
    // Only what sharp re-encoded is shown inline; everything else is a download of opaque bytes.
    // Either way nothing served here can run: no type sniffing, a sandbox with no sources at all.
    setInert(reply, maxAgeSeconds);
    if (params.data.variant === 'thumb') return reply.type('image/webp').send(fs.createReadStream(path));
    return reply
      .type(image ? row.content_type : 'application/octet-stream')
      .header('content-disposition', contentDisposition(image ? 'inline' : 'attachment', row.name))
      .send(fs.createReadStream(path));
  });
}

function setInert(reply: FastifyReply, maxAgeSeconds: number): void {
  reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', `private, max-age=${maxAgeSeconds}`);
}

/** RFC 6266: an ASCII fallback and the UTF-8 name; quotes and controls never reach the header. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function bodyOf(req: FastifyRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function fileName(req: FastifyRequest): string | undefined {
  const raw = req.headers['x-file-name'];
  if (typeof raw !== 'string') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
