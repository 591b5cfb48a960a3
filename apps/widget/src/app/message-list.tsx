// The thread: the team's greeting, then every message. Text is rendered as Preact text nodes
// only (never as HTML), so whatever a visitor or agent typed shows as typed, with links, bold and
// italic (W6) as elements from the shared parser.
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { WidgetMode } from '@palique/protocol';
import type { ChatMessage } from '@palique/client';
import { describeError, type Texts } from './texts';
import { FormattedText } from './formatted-text';
import { AttachmentView } from './attachments';

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};

function StatusLine({ t, m, onRetry, seen }: { t: Texts; m: ChatMessage; onRetry: (clientId: string) => void; seen: boolean }) {
  if (m.status === 'failed') {
    return (
      <p class="msg__meta msg__meta--failed">
        <span>
          {t.notSent}: {describeError(t, m.error)}
        </span>{' '}
        <button type="button" class="link-button" onClick={() => onRetry(m.clientId)}>
          {t.retry}
        </button>
      </p>
    );
  }
  return (
    <p class="msg__meta">
      {timeOf(m.createdAt)}
      <EditedMark t={t} m={m} /> · {m.status === 'pending' ? t.sending : seen ? t.seen : t.sent}
    </p>
  );
}

/** C5: " · edited" on a message whose text was changed after it was sent (the time of the edit on hover). */
function EditedMark({ t, m }: { t: Texts; m: ChatMessage }) {
  if (!m.editedAt) return null;
  return (
    <>
      {' · '}
      <span class="msg__edited" title={timeOf(m.editedAt)}>
        {t.edited}
      </span>
    </>
  );
}

function MessageItem({ t, m, onRetry, agentReadSeq }: { t: Texts; m: ChatMessage; onRetry: (clientId: string) => void; agentReadSeq: number }) {
  const mine = m.authorType === 'visitor';
  const author = mine ? t.you : m.authorName || t.teamName;
  return (
    <li class={`msg ${mine ? 'msg--mine' : 'msg--theirs'} ${m.status === 'pending' ? 'msg--pending' : ''}`}>
      {!mine && <p class="msg__author">{author}</p>}
      <p class="msg__bubble">
        <span class="visually-hidden">{author}: </span>
        {m.attachment && <AttachmentView a={m.attachment} t={t} />}
        {m.text && <FormattedText text={m.text} />}
      </p>
      {mine ? (
        <StatusLine t={t} m={m} onRetry={onRetry} seen={m.seq !== null && m.seq <= agentReadSeq} />
      ) : (
        <p class="msg__meta">
          {timeOf(m.createdAt)}
          <EditedMark t={t} m={m} />
        </p>
      )}
    </li>
  );
}

export function MessageList(props: { t: Texts; messages: ChatMessage[]; mode: WidgetMode; onRetry: (clientId: string) => void; agentReadSeq?: number }) {
  const { t, messages, mode, onRetry, agentReadSeq = 0 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages only when the visitor is already at the bottom (or just wrote one).
  useLayoutEffect(() => {
    const el = scroller.current;
    const last = messages[messages.length - 1];
    if (el && (stickToBottom.current || last?.status === 'pending')) el.scrollTop = el.scrollHeight;
  }, [messages]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => (stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div class="log" ref={scroller} role="log" aria-live="polite" aria-label={t.conversation} tabIndex={0}>
      <ol class="log__list">
        <li class="msg msg--theirs msg--greeting">
          <p class="msg__bubble">{mode === 'live' ? t.greetingLive : t.greetingMessenger}</p>
        </li>
        {messages.map((m) => (
          <MessageItem key={m.key} t={t} m={m} onRetry={onRetry} agentReadSeq={agentReadSeq} />
        ))}
      </ol>
    </div>
  );
}
