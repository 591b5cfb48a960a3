// A6 Web Push. Listens to `agent.notified` (the notifications domain already chose who hears
// what, A3/A4/A5) and pushes to those agents' subscribed browsers, encrypted (aes128gcm) and
// signed with the installation's VAPID key pair, generated on first start and kept in the
// database so every process signs alike. Per agent it honours the notification settings; a
// desktop subscription is skipped while that agent has a dashboard open (the page shows its own
// notice). When the agent also has a desktop (a desktop subscription or an open dashboard), a
// phone's notice of a chat waits 30 s in a durable timer, cancelled when the agent answers in
// that chat or opens it (POST /api/push/seen) meanwhile. A subscription the push service calls gone (404/410) is deleted.
import crypto from 'node:crypto';
import { wantsNotification, type AgentNotification, type NotificationSettings, type PushDevice, type PushPayload, type PushSubscriptionBody } from '@palique/protocol';
import type { Db } from '../db/index';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { FiredTimer, TimerService } from '../timers/service';
import { newId } from '../ids';
import type { NotificationSettingsService } from './settings';
import * as repo from './repo';
import { ShortCache } from '../short-cache';

export interface PushDeps {
  db: Db;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  settings: NotificationSettingsService;
  /** Agents with a dashboard connected now (on any process). */
  connectedAgentIds(accountId: string): Promise<string[]>;
  /** The `sub` of the VAPID signature: a mailto: or https: contact for the push services. */
  contact: string;
}

type Log = { error: (o: object, m: string) => void; warn: (o: object, m: string) => void };

interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A6: how long a phone's notice waits for the agent to react on the desktop. */
export const PHONE_DELAY_MS = 30_000;
const PHONE_PUSH = 'push-phone';
const phoneKey = (agentId: string, conversationId: string) => `push-phone:${agentId}:${conversationId}`;
const VAPID_SETTING = 'vapid_keys';
const PUSH_TTL_SECONDS = 3_600;
const SEND_TIMEOUT_MS = 10_000;

interface PhonePayload {
  agentId: string;
  payload: PushPayload;
}

type Subscription = Awaited<ReturnType<typeof repo.subscriptionsOf>>[number];

/** Phones by User-Agent, for a subscription whose dashboard did not say. */
export function deviceOfUserAgent(userAgent: string | undefined): PushDevice {
  return /Mobi|Android|iPhone|iPad|iPod/i.test(userAgent ?? '') ? 'phone' : 'desktop';
}

/**
 * A new VAPID key pair (P-256), as web-push's generateVAPIDKeys makes it: the uncompressed public
 * point (65 bytes) and the private scalar (32 bytes, zero-padded), base64url. Done here so that
 * start-up does not load web-push.
 */
export function newVapidKeys(): VapidKeys {
  const curve = crypto.createECDH('prime256v1');
  curve.generateKeys();
  const pad = (b: Buffer, length: number) => (b.length < length ? Buffer.concat([Buffer.alloc(length - b.length), b]) : b);
  return { publicKey: pad(curve.getPublicKey(), 65).toString('base64url'), privateKey: pad(curve.getPrivateKey(), 32).toString('base64url') };
}

export class PushService {
  private readonly off: Array<() => void> = [];
  private keys?: VapidKeys;
  /**
   * Who has a push device, asked on every visitor message where mostly nobody has one: kept 5 s,
   * forgotten at once on this process's changes (a device added through another process gets
   * notices within 5 s).
   */
  private readonly withDevices = new ShortCache<Set<string>>(5_000);

  constructor(
    private readonly deps: PushDeps,
    private readonly log: Log,
  ) {
    deps.timers.handle(PHONE_PUSH, (t) => this.phoneDue(t));
    this.off.push(
      deps.events.on('agent.notified', ({ accountId, agentIds, notification }) => this.deliver(accountId, agentIds, notification)),
      deps.events.on('message.created', async ({ accountId, message, conversation }) => {
        // The agent answered (on the desktop, most likely): their phone's pending notice is moot.
        if (message.authorType === 'agent' && message.authorId) await deps.timers.cancel(accountId, phoneKey(message.authorId, conversation.id));
      }),
    );
  }

  /** Reads the installation's VAPID keys, generating them if no process did yet. */
  async start(): Promise<void> {
    const fresh = newVapidKeys();
    const stored = await repo.keepInstallationSetting(this.deps.db, VAPID_SETTING, JSON.stringify(fresh), this.deps.clock.now().toISOString());
    this.keys = JSON.parse(stored) as VapidKeys;
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  get publicKey(): string {
    if (!this.keys) throw new Error('push keys not loaded');
    return this.keys.publicKey;
  }

  async subscribe(accountId: string, agentId: string, body: PushSubscriptionBody, device: PushDevice): Promise<void> {
    await repo.saveSubscription(this.deps.db, {
      id: newId(),
      account_id: accountId,
      agent_id: agentId,
      endpoint: body.endpoint,
      p256dh: body.keys.p256dh,
      auth: body.keys.auth,
      device,
      created_at: this.deps.clock.now().toISOString(),
    });
    this.withDevices.forget(accountId);
  }

  async unsubscribe(accountId: string, agentId: string, endpoint: string): Promise<void> {
    await repo.deleteSubscription(this.deps.db, accountId, agentId, endpoint);
    this.withDevices.forget(accountId);
  }

  /** The agent reacted on a screen they look at (opened the chat): the phone's pending notice is dropped. */
  async seen(accountId: string, agentId: string, conversationId: string): Promise<void> {
    await this.deps.timers.cancel(accountId, phoneKey(agentId, conversationId));
  }

  private async deliver(accountId: string, agentIds: string[], notification: AgentNotification): Promise<void> {
    // Most notices go to agents with no push device at all.
    const withDevices = await this.withDevices.get(accountId, () => repo.agentsWithDevices(this.deps.db, accountId));
    if (!agentIds.some((id) => withDevices.has(id))) return;
    const devices = await repo.subscriptionsOf(this.deps.db, accountId, agentIds);
    if (devices.length === 0) return;
    const settings = await this.deps.settings.ofAgents(accountId, agentIds);
    const wanted = agentIds.filter((id) => wantsNotification(settings.get(id)!, notification));
    const subscriptions = devices.filter((s) => wanted.includes(s.agent_id));
    if (subscriptions.length === 0) return;
    const connected = new Set(await this.deps.connectedAgentIds(accountId));
    const conversationId = 'conversation' in notification ? notification.conversation.id : undefined;
    await Promise.all(
      wanted.map(async (agentId) => {
        const mine = subscriptions.filter((s) => s.agent_id === agentId);
        const desktops = mine.filter((s) => s.device === 'desktop');
        const phones = mine.filter((s) => s.device === 'phone');
        const payload = payloadOf(notification, settings.get(agentId)!);
        const hasDesktop = desktops.length > 0 || connected.has(agentId);
        const phoneWaits = phones.length > 0 && hasDesktop && conversationId;
        if (phoneWaits) {
          // Kept as it is by later messages: the phone hears of the chat 30 s after its first notice.
          // Stored before the desktop hears of the chat, so that an answer prompted by the desktop's
          // notice always finds the phone's timer to cancel.
          const dueAt = new Date(this.deps.clock.now().getTime() + PHONE_DELAY_MS);
          const timer: PhonePayload = { agentId, payload };
          await this.deps.timers.schedule({ accountId, kind: PHONE_PUSH, key: phoneKey(agentId, conversationId), dueAt, payload: timer, ifAbsent: true });
        }
        const sends = connected.has(agentId) ? [] : desktops.map((s) => this.send(s, payload));
        if (!phoneWaits) sends.push(...phones.map((s) => this.send(s, payload)));
        await Promise.all(sends);
      }),
    );
  }

  private async phoneDue(timer: FiredTimer<PhonePayload>): Promise<void> {
    const { agentId, payload } = timer.payload;
    const phones = (await repo.subscriptionsOf(this.deps.db, timer.accountId, [agentId])).filter((s) => s.device === 'phone');
    await Promise.all(phones.map((s) => this.send(s, payload)));
  }

  /** One encrypted push; failures are logged (a push is a courtesy, never retried), gone ones deleted. */
  private async send(subscription: Subscription, payload: PushPayload): Promise<void> {
    if (!this.keys) return;
    try {
      // web-push builds the request (encryption, VAPID JWT, headers); it is sent with fetch so
      // a test's plain-HTTP endpoint works as well as a push service's https one. It is loaded
      // with the first push, not at start-up.
      const { default: webpush } = await import('web-push');
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: { subject: this.deps.contact, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
          TTL: PUSH_TTL_SECONDS,
          urgency: 'high',
          topic: topicOf(payload.tag),
        },
      );
      const res = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 404 || res.status === 410) {
        await repo.deleteSubscriptionById(this.deps.db, subscription.account_id, subscription.id);
        this.withDevices.forget(subscription.account_id);
      } else if (!res.ok) {
        this.log.warn({ status: res.status, subscription: subscription.id }, 'push service refused a notification');
      }
    } catch (err) {
      this.log.error({ err, subscription: subscription.id }, 'push failed');
    }
  }
}

const clip = (text: string, max = 200) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/** What the service worker shows: plain text only (the Notification API renders no markup). */
export function payloadOf(n: AgentNotification, settings: NotificationSettings): PushPayload {
  const sound = settings.sound;
  if (n.kind === 'visitor_message' || n.kind === 'chat_waiting') {
    const who = n.conversation.visitorName ?? 'Visitor';
    const url = `/conversations/${encodeURIComponent(n.conversation.id)}`;
    const tag = `conversation:${n.conversation.id}`;
    if (n.kind === 'chat_waiting') {
      return { title: `${who} is waiting`, body: `No answer for ${Math.round(n.waitingSeconds / 60)} min`, url, tag, sound };
    }
    const title = n.conversation.assigneeId === null ? `New chat: ${who}` : who;
    // Files: a message with only a file says which file.
    return { title: clip(title, 100), body: clip(n.message.text || (n.message.attachment ? `📎 ${n.message.attachment.name}` : '')), url, tag, sound };
  }
  const started = n.kind === 'working_day_started';
  return {
    title: started ? 'Your working day started' : 'Your working day ended',
    body: started ? 'You are now Online.' : 'You are now Invisible.',
    url: '/conversations',
    tag: 'palique:agent',
    sound,
  };
}

/** The Topic header (a newer notice of one chat replaces an undelivered older one): at most 32 URL-safe characters. */
function topicOf(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_-]/g, '').slice(-32);
}
