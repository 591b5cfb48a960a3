// The widget's install snippet (W1, settings: owner and admins only) and the demo host page.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';
import { requireAgent, requireRole } from '../http/auth';
import { renderDemoPage } from './demo-page';

export function widgetRoutes(app: FastifyInstance, s: Services): void {
  app.get('/api/widget', async (req) => {
    const ctx = await requireAgent(s.agents, req);
    requireRole(ctx, 'owner', 'admin');
    return s.accounts.install(await s.accounts.get(ctx.accountId));
  });

  app.get('/demo/', async (_req, reply) => {
    const account = await s.accounts.first();
    const html = renderDemoPage(account ? s.accounts.install(account).snippet : undefined, s.config.publicUrl);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.get('/demo', async (_req, reply) => reply.redirect('/demo/'));
}
