// The widget's install snippet (W1, settings: owner and admins only) and the demo host page.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { requireAgent, requireRole } from '../http/auth';
import type { AccountService } from '../accounts/service';
import { securityHeaders } from '../http/headers';
import { renderDemoPage } from './demo-page';
import type { WidgetIdentityService } from '../visitors/identity';

export interface WidgetRoutesOptions {
  accounts: AccountService;
  identity: WidgetIdentityService;
  config: Pick<Config, 'publicUrl'>;
}

export async function widgetRoutes(app: FastifyInstance, { accounts, identity, config }: WidgetRoutesOptions): Promise<void> {
  app.get('/api/widget', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return accounts.install(await accounts.get(ctx.accountId));
  });

  // W7: the secret the site's server signs PaliqueSetup.clientId with; POST makes a new one.
  app.get('/api/widget/identity-secret', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return { secret: await identity.secret(ctx.accountId) };
  });
  app.post('/api/widget/identity-secret', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return { secret: await identity.regenerate(ctx.accountId) };
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
