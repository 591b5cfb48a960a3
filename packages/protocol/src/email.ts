// W4, C7, I1 email: the team's email settings (owner and admins), each agent's own, and the
// one-click unsubscribe of visitors' emails.
import { z } from 'zod';
import { Id } from './entities';

const Address = z.string().trim().toLowerCase().max(254).email('must be an email address');

/** I1: GET/PUT /api/email/settings. `available` is false without SMTP_URL (then nothing is sent). */
export const EmailSettings = z.object({
  /** Transcripts of closed chats and missed chats go here; null: none. */
  teamMailbox: z.union([Address, z.literal('').transform(() => null)]).nullable(),
});
export type EmailSettings = z.infer<typeof EmailSettings>;

export const EmailSettingsAnswer = z.object({
  available: z.boolean(),
  teamMailbox: z.string().nullable(),
  /** Where replies to Palique's emails go (reply+<token>@domain), so the team can route them to IMAP or the SMTP receiver. */
  replyDomain: z.string(),
  inbound: z.object({ imap: z.boolean(), smtp: z.boolean() }),
});
export type EmailSettingsAnswer = z.infer<typeof EmailSettingsAnswer>;

/** I1: GET/PUT /api/me/email: "Email me new visitor messages while I am offline". */
export const AgentEmailSettings = z.object({ offlineEmail: z.boolean() });
export type AgentEmailSettings = z.infer<typeof AgentEmailSettings>;

/** W4: POST /email/unsubscribe?token=… (RFC 8058 one-click) or the form behind the link. */
export const UnsubscribeQuery = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, 'not an unsubscribe token') });
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

/**
 * W4: GET /api/widget/:widgetId/email (the widget, after the visitor's first message): whether replies can
 * go by email on this install, and in live mode how long to wait for an agent before asking.
 */
export interface WidgetEmailOffer {
  available: boolean;
  askAfterSeconds: number;
}

/** I1: GET/PUT /api/me/email answers: one's own setting and whether email is on at all. */
export const MyEmailSettings = AgentEmailSettings.extend({ available: z.boolean() });
export type MyEmailSettings = z.infer<typeof MyEmailSettings>;

/** W4: the widget's path parameter of GET /api/widget/:widgetId/email. */
export const WidgetEmailParams = z.object({ widgetId: Id });
