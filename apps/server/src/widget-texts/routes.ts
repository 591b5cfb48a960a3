// W3: the widget texts API. Settings (owner and admins; agents get 403): read and replace one
// language's texts. The widget: one language's merged texts, revalidated on every load (ETag),
// so an edit shows on the next widget load without a rebuild.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Id, WidgetLanguageParam, WidgetTextsBody } from '@palique/protocol';
import { parseInput } from '../http/errors';
import { requireAgent, requireRole } from '../http/auth';
import type { WidgetTextsService } from './service';

const WidgetTextsParams = WidgetLanguageParam.extend({ widgetId: Id });

export async function widgetTextsRoutes(app: FastifyInstance, { widgetTexts }: { widgetTexts: WidgetTextsService }): Promise<void> {
  app.get('/api/widget/texts/:language', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    const { language } = parseInput(WidgetLanguageParam, req.params);
    return widgetTexts.editor(ctx.accountId, language);
  });

  app.put('/api/widget/texts/:language', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    const { language } = parseInput(WidgetLanguageParam, req.params);
    const { overrides } = parseInput(WidgetTextsBody, req.body);
    return widgetTexts.save(ctx.accountId, language, overrides);
  });

  app.get('/api/widget/:widgetId/texts/:language', async (req, reply) => {
    const { widgetId, language } = parseInput(WidgetTextsParams, req.params);
    const body = JSON.stringify(await widgetTexts.forVisitor(widgetId, language));
    const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    // Cacheable, but asked again on every load: an edit shows on the next one.
    void reply.header('cache-control', 'no-cache').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
