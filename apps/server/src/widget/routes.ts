// The widget's install snippet (W1, settings: owner and admins only) and the demo host page.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { requireAgent, requireRole } from '../http/auth';
import type { AccountService } from '../accounts/service';
import { securityHeaders } from '../http/headers';
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

  const headers = securityHeaders(config.publicUrl);
  app.get('/demo/', async (_req, reply) => {
    const account = await accounts.first();
    // Its inline scripts (the snippet, the API buttons) run by this response's nonce, nothing else inline.
    const nonce = crypto.randomBytes(16).toString('base64');
    const html = renderDemoPage(account ? accounts.install(account).snippet : undefined, config.publicUrl, nonce);
    return reply.type('text/html; charset=utf-8').headers(headers.demo(nonce)).send(html);
  });
  app.get('/demo', async (_req, reply) => reply.redirect('/demo/'));
}
