// The widget's install snippet (W1, settings: owner and admins only), the demo page setting, and
// the demo host page itself (loopback clients only unless the owner turns it on).
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DemoPageSetting } from '@palique/protocol';
import type { Config } from '../config';
import { requireAgent, requireRole } from '../http/auth';
import { parseInput } from '../http/errors';
import type { AccountService } from '../accounts/service';
import { securityHeaders } from '../http/headers';
import { renderDemoPage, renderDemoPageNotHere } from './demo-page';
import type { DemoPageAccess } from './demo-access';
import type { WidgetIdentityService } from '../visitors/identity';

export interface WidgetRoutesOptions {
  accounts: AccountService;
  identity: WidgetIdentityService;
  demoPage: DemoPageAccess;
  config: Pick<Config, 'publicUrl' | 'publicUrlSet'>;
}

export async function widgetRoutes(app: FastifyInstance, { accounts, identity, demoPage, config }: WidgetRoutesOptions): Promise<void> {
  app.get('/api/widget', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    const { forOtherAddresses } = await demoPage.setting(ctx.accountId);
    return {
      ...accounts.install(await accounts.get(ctx.accountId)),
      publicUrl: config.publicUrl,
      publicUrlSet: config.publicUrlSet,
      demoPageForOtherAddresses: forOtherAddresses,
    };
  });

  app.put('/api/widget/demo-page', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return demoPage.set(ctx.accountId, parseInput(DemoPageSetting, req.body));
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
  app.get('/demo/', async (req, reply) => {
    const account = await accounts.first();
    // Its inline scripts (the snippet, the API buttons) run by this response's nonce, nothing else inline.
    const nonce = crypto.randomBytes(16).toString('base64');
    reply.type('text/html; charset=utf-8').headers(headers.demo(nonce));
    if (!(await demoPage.allows(account?.id, req.ip))) return reply.code(404).send(renderDemoPageNotHere());
    return reply.send(renderDemoPage(account ? accounts.install(account).snippet : undefined, config.publicUrl, nonce));
  });
  app.get('/demo', async (_req, reply) => reply.redirect('/demo/'));
}
