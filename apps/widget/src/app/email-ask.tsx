// W4: "Get the reply by email". After the visitor's first message, in messenger mode (or in live
// mode once no agent answered within the install's delay), the widget offers to take an address
// so the team's reply reaches the visitor after they left. Skippable (remembered), changeable
// later; an address set by Palique('setVisitor', { email }) counts, unless the server says it
// unsubscribed (then the widget asks again). Shown only when the server can send email.
import { useEffect, useState } from 'preact/hooks';
import type { ChatState, KeyValueStorage, VisitorChatClient } from '@palique/client';
import type { WidgetEmailOffer } from '@palique/protocol';
import type { Texts } from './texts';

interface Props {
  t: Texts;
  client: VisitorChatClient;
  state: ChatState;
  storage: KeyValueStorage;
  widgetId: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function EmailAsk({ t, client, state, storage, widgetId }: Props) {
  const skipKey = `palique:${widgetId}:email-skipped`;
  const [offer, setOffer] = useState<WidgetEmailOffer | null>(null);
  const [skipped, setSkipped] = useState(() => storage.get(skipKey) === '1');
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [, setTick] = useState(0);
  const first = state.messages.find((m) => m.authorType === 'visitor' && m.seq !== null);
  const answered = state.messages.some((m) => m.authorType === 'agent');

  useEffect(() => {
    if (!first || offer) return;
    fetch(`${location.origin}/api/widget/${encodeURIComponent(widgetId)}/email`)
      .then((r) => (r.ok ? (r.json() as Promise<WidgetEmailOffer>) : null))
      .then((o) => o?.available && setOffer(o))
      .catch(() => {});
  }, [first !== undefined]);

  const waitMs = offer && first ? Date.parse(first.createdAt) + offer.askAfterSeconds * 1000 - Date.now() : 0;
  useEffect(() => {
    if (state.mode === 'messenger' || answered || waitMs <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), waitMs);
    return () => clearTimeout(timer);
  }, [state.mode, answered, waitMs]);

  if (!offer || !first || !state.visitor) return null;
  const email = state.visitor.email;
  const unsubscribed = email !== null && state.visitor.emailUnsubscribed === true;
  if (email && !unsubscribed && !editing) {
    const [before, after] = t.emailKnown.split('{email}');
    return (
      <p class="email-ask email-ask--known">
        {before}
        <strong>{email}</strong>
        {after}{' '}
        <button type="button" class="link-button" onClick={() => setEditing(true)}>
          {t.emailChange}
        </button>
      </p>
    );
  }
  const due = editing || unsubscribed || state.mode === 'messenger' || (!answered && waitMs <= 0);
  if (!due || (skipped && !editing)) return null;

  const save = (e: Event) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    if (!EMAIL.test(value)) return setInvalid(true);
    setInvalid(false);
    void client.setVisitor({ email: value }).then((ack) => (ack.ok ? setEditing(false) : setInvalid(true)));
  };
  const skip = () => {
    storage.set(skipKey, '1');
    setSkipped(true);
    setEditing(false);
  };
  return (
    <form class="email-ask" onSubmit={save} noValidate>
      <label for="email-ask-input" class="email-ask__title">
        {unsubscribed ? t.emailUnsubscribed.replace('{email}', email) : t.emailAsk}
      </label>
      <div class="email-ask__row">
        {/* Not `value`: a re-render (presence, typing, a tick) would put it back over what the visitor typed. */}
        <input id="email-ask-input" name="email" type="email" autocomplete="email" placeholder={t.emailLabel} aria-invalid={invalid} defaultValue={unsubscribed ? '' : (email ?? '')} />
        <button type="submit">{t.emailSave}</button>
        <button type="button" class="link-button" onClick={skip}>
          {t.emailSkip}
        </button>
      </div>
      {invalid && (
        <p class="email-ask__error" role="alert">
          {t.emailInvalid}
        </p>
      )}
    </form>
  );
}
