// What the trigger tests share: a fresh account with its T3 settings, a visitor who browses
// (page views as the widget sends them) and the targeted messages in their widget's thread.
import type { Message, TriggerSettings } from '@palique/protocol';
import { addAccount, api, connectVisitor, type InProcessServer, type OwnerSession, type TestClock, type VisitorSocket } from '../testing/index';

/** How long a test lets the server act on a page view or a moved clock (timers poll every 20 ms). */
const SETTLE_MS = 300;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BrowsingVisitor {
  id: string;
  socket: VisitorSocket;
  view(url: string, extra?: { referrer?: string; language?: string; ip?: string }): Promise<void>;
  /** Moves the clock and waits until the widget's thread holds `count` targeted messages. */
  waitFor(advanceMs: number, count: number): Promise<void>;
  /** Moves the clock, lets the server act, and counts the targeted messages. */
  settleCount(advanceMs: number): Promise<number>;
  close(): void;
}

export function useTriggers(ctx: { server: InProcessServer }, clock: TestClock) {
  const proactiveOf = async (visitor: { socket: VisitorSocket }): Promise<Message[]> => {
    const ack = await visitor.socket.emit('sync', { after: 0 });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.messages.filter((m) => m.clientId.startsWith('trigger-'));
  };

  const newAccount = async (settings?: TriggerSettings): Promise<OwnerSession> => {
    const owner = await addAccount(ctx.server);
    if (settings) {
      const res = await api(ctx.server, 'PUT', '/api/triggers/settings', { cookie: owner.cookie, body: settings });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }
    return owner;
  };

  const visitorOn = async (owner: OwnerSession): Promise<BrowsingVisitor> => {
    const socket = await connectVisitor(ctx.server, owner.widgetId);
    const id = (await api(ctx.server, 'POST', `/api/widget/${owner.widgetId}/visitors`, { body: { token: socket.token } })).body.visitorId as string;
    const visitor: BrowsingVisitor = {
      id,
      socket,
      async view(url, extra = {}) {
        const headers: Record<string, string> = { authorization: `Bearer ${socket.token}` };
        if (extra.ip) headers['x-forwarded-for'] = extra.ip;
        const res = await api(ctx.server, 'POST', `/api/widget/${owner.widgetId}/page-views`, { body: { url, title: url, referrer: extra.referrer, language: extra.language }, headers });
        if (res.status !== 204) throw new Error(`page view: ${res.status} ${JSON.stringify(res.body)}`);
        await pause(SETTLE_MS / 3); // the engine plans after the page view's event
      },
      async waitFor(advanceMs, count) {
        clock.advance(advanceMs);
        // Polled gently: a widget's syncs are rate-limited (20 per 10 s).
        const until = Date.now() + 10_000;
        let seen = (await proactiveOf(visitor)).length;
        while (seen < count) {
          if (Date.now() > until) throw new Error(`${seen} targeted messages, not ${count}, within 10 s`);
          await pause(SETTLE_MS);
          seen = (await proactiveOf(visitor)).length;
        }
      },
      async settleCount(advanceMs) {
        clock.advance(advanceMs);
        await pause(SETTLE_MS);
        return (await proactiveOf(visitor)).length;
      },
      close: () => socket.close(),
    };
    return visitor;
  };

  return { proactiveOf, newAccount, visitorOn };
}
