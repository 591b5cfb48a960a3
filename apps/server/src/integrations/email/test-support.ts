// What the email tests share: a server that sends to a mail catcher (SMTP_URL) and receives
// replies one inbound way or the other (the SMTP receiver or an IMAP mailbox), a visitor who
// left an address and closed the tab, and the agent's replies that become emails.
import assert from 'node:assert/strict';
import {
  api,
  clientId,
  connectVisitor,
  setupOwner,
  startInProcessServer,
  startMailCatcher,
  TestClock,
  type CaughtMail,
  type InProcessServer,
  type MailCatcher,
  type OwnerSession,
} from '../../testing/index';

export const REPLY_DELAY_MS = 60_000;
export const settle = () => new Promise((r) => setTimeout(r, 300));

export interface EmailWorld {
  server: InProcessServer;
  owner: OwnerSession;
  clock: TestClock;
  catcher: MailCatcher;
}

/** How replies come in: the env that turns it on, what the test needs of it, and how to stop it. */
export interface InboundWay<X> {
  env: Record<string, string>;
  extra: X;
  close?: () => Promise<void>;
}

export async function withEmail<X extends object>(inbound: () => Promise<InboundWay<X>>, work: (w: EmailWorld & X) => Promise<void>) {
  const clock = new TestClock();
  const catcher = await startMailCatcher();
  const way = await inbound();
  try {
    const server = await startInProcessServer({
      clock,
      env: {
        TIMER_POLL_MS: '20',
        SMTP_URL: catcher.url,
        SMTP_FROM: 'Acme support <support@acme.test>',
        EMAIL_REPLY_DELAY_SECONDS: String(REPLY_DELAY_MS / 1000),
        ...way.env,
      },
    });
    try {
      await work({ server, owner: await setupOwner(server), clock, catcher, ...way.extra });
    } finally {
      await server.close();
    }
  } finally {
    await way.close?.();
    await catcher.close();
  }
}

/** A visitor who left an address, wrote, and closed the tab; with `language`, their browser's, as the widget reports it with a page view. */
export async function visitorWhoLeft(w: EmailWorld, email = 'ada@example.com', language?: string) {
  const visitor = await connectVisitor(w.server, w.owner.widgetId);
  assert.ok((await visitor.emit('visitor:update', { email })).ok);
  if (language) {
    const headers = { authorization: `Bearer ${visitor.token}` };
    const view = await api(w.server, 'POST', `/api/widget/${w.owner.widgetId}/page-views`, { body: { url: 'https://acme.test/', title: 'Acme', language }, headers });
    assert.equal(view.status, 204, JSON.stringify(view.body));
  }
  const sent = await visitor.emit('message:send', { clientId: clientId(), text: 'Do you ship to Lisbon?' });
  assert.ok(sent.ok);
  visitor.close();
  await settle();
  return { conversationId: sent.message.conversationId, token: visitor.token, email };
}

export async function agentReplies(w: EmailWorld, conversationId: string, text: string) {
  const res = await api(w.server, 'POST', `/api/conversations/${conversationId}/messages`, { cookie: w.owner.cookie, body: { clientId: clientId(), text } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

/** Moves the clock past the reply delay (once the listeners scheduled their timers); the timers (polling every 20 ms) fire. */
export async function afterReplyDelay(w: EmailWorld) {
  await settle();
  w.clock.advance(REPLY_DELAY_MS + 1_000);
  await settle();
}

/** A header as sent (mailparser folds the List-* headers into one object). */
export const header = (m: CaughtMail, name: string) => {
  const head = m.raw.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim();
};
export const replyToOf = (m: CaughtMail) => m.parsed.replyTo!.value[0]!.address!;
