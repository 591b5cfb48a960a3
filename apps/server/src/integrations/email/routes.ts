// HTTP of the email domain: settings (team: owner and admins; one's own: any agent) and the
// visitor's unsubscribe: the link opens a page with one button, and mail providers' one-click
// POST (RFC 8058, List-Unsubscribe-Post) unsubscribes directly.
import type { FastifyInstance } from 'fastify';
import { AgentEmailSettings, EmailSettings, UnsubscribeQuery, WidgetEmailParams } from '@palique/protocol';
import { parseInput } from '../../http/errors';
import { requireAgent, requireRole } from '../../http/auth';
import type { EmailService } from './service';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

export async function emailRoutes(app: FastifyInstance, options: { email: EmailService; widgetExists: (widgetId: string) => Promise<unknown> }): Promise<void> {
  const { email, widgetExists } = options;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get('/api/email/settings', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return email.settings(ctx.accountId);
  });

  app.put('/api/email/settings', { config: { settings: true } }, async (req) => {
    const ctx = requireAgent(req);
    requireRole(ctx, 'owner', 'admin');
    return email.saveSettings(ctx.accountId, parseInput(EmailSettings, req.body));
  });

  app.get('/api/me/email', async (req) => {
    const ctx = requireAgent(req);
    return email.agentSettings(ctx.accountId, ctx.agent.id);
  });

  app.put('/api/me/email', async (req) => {
    const ctx = requireAgent(req);
    return email.saveAgentSettings(ctx.accountId, ctx.agent.id, parseInput(AgentEmailSettings, req.body));
  });

  app.get('/api/widget/:widgetId/email', async (req) => {
    await widgetExists(parseInput(WidgetEmailParams, req.params).widgetId);
    return email.widgetOffer();
  });

  app.get('/email/unsubscribe', async (req, reply) => {
    const { token } = parseInput(UnsubscribeQuery, req.query);
    reply.type('text/html; charset=utf-8');
    return page(
      'Unsubscribe',
      `<p>Stop receiving replies from this chat by email?</p><form method="post" action="/email/unsubscribe?token=${token}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    );
  });

  app.post('/email/unsubscribe', { config: { oneClickForm: true } }, async (req, reply) => {
    const { token } = parseInput(UnsubscribeQuery, req.query);
    const done = await email.unsubscribe(token);
    reply.code(done ? 200 : 404).type('text/html; charset=utf-8');
    return done ? page('Unsubscribed', '<p>You will get no more emails from this chat. You can still write in the chat on the site.</p>') : page('Unknown link', '<p>This unsubscribe link is not valid.</p>');
  });
}
