// The email domain's settings and the visitor's unsubscribe: the team's mailbox (owner and
// admins), each agent's "email me while offline", and whether email is available at all (without
// SMTP_URL the settings say what it would add, and nothing is sent).
import type { EmailSettings, EmailSettingsAnswer, MyEmailSettings, AgentEmailSettings, Visitor, WidgetEmailOffer } from '@palique/protocol';
import type { Db } from '../../db/index';
import type { Clock } from '../../clock';
import * as repo from './repo';

export interface EmailAvailability {
  /** SMTP_URL is set. */
  sending: boolean;
  imap: boolean;
  smtpReceiver: boolean;
  replyAddress: string;
  /** W4: in live mode the widget asks for an address when no agent answered within this time. */
  askAfterSeconds: number;
}

export class EmailService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly availability: EmailAvailability,
  ) {}

  async settings(accountId: string): Promise<EmailSettingsAnswer> {
    const row = await repo.findSettings(this.db, accountId);
    const { sending, imap, smtpReceiver, replyAddress } = this.availability;
    return {
      available: sending,
      teamMailbox: row?.team_mailbox ?? null,
      replyDomain: replyAddress.slice(replyAddress.lastIndexOf('@') + 1),
      inbound: { imap, smtp: smtpReceiver },
    };
  }

  async saveSettings(accountId: string, body: EmailSettings): Promise<EmailSettingsAnswer> {
    await repo.saveSettings(this.db, accountId, body.teamMailbox, this.clock.now().toISOString());
    return this.settings(accountId);
  }

  async agentSettings(accountId: string, agentId: string): Promise<MyEmailSettings> {
    const ids = await repo.offlineEmailAgentIds(this.db, accountId);
    return { offlineEmail: ids.includes(agentId), available: this.availability.sending };
  }

  async saveAgentSettings(accountId: string, agentId: string, body: AgentEmailSettings): Promise<MyEmailSettings> {
    await repo.saveAgentSettings(this.db, accountId, agentId, body.offlineEmail, this.clock.now().toISOString());
    return { offlineEmail: body.offlineEmail, available: this.availability.sending };
  }

  /** W4: what the widget needs to know to ask for an address. */
  widgetOffer(): WidgetEmailOffer {
    return { available: this.availability.sending, askAfterSeconds: this.availability.askAfterSeconds };
  }

  /** W4: the visitor as the widget gets it: says whether their address unsubscribed (the widget then asks for one again). */
  async forWidget(accountId: string, visitor: Visitor): Promise<Visitor> {
    if (!visitor.email) return visitor;
    return { ...visitor, emailUnsubscribed: await repo.isUnsubscribed(this.db, accountId, visitor.email) };
  }

  /** W4: the address of this token gets no more emails; false for a token we never issued. */
  unsubscribe(token: string): Promise<boolean> {
    return repo.unsubscribe(this.db, token, this.clock.now().toISOString());
  }
}
