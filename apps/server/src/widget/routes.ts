// The widget's install snippet (W1, settings: owner and admins only) and the demo host page.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { requireAgent, requireRole } from '../http/auth';
import type { AccountService } from '../accounts/service';
import { renderDemoPage } from './demo-page';

export interface WidgetRoutesOptions {
  accounts: AccountService;
  config: Pick<Config, 'publicUrl'>;
}

export async function widgetRoutes(app: FastifyInstance, { accounts, config }: WidgetRoutesOptions): Promise<void> {
  app.get('/api/widget', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return accounts.install(await accounts.get(ctx.accountId));
  });

  app.get('/demo/', async (_req, reply) => {
    const account = await accounts.first();
    const html = renderDemoPage(account ? accounts.install(account).snippet : undefined, config.publicUrl);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.get('/demo', async (_req, reply) => reply.redirect('/demo/'));
}
