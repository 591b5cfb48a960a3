// The conversation's history as chat bubbles: visitor on the left, agents on the right.
// Texts are React elements and text children (never HTML), so whatever a visitor types shows as
// typed, with links, bold and italic (W6) from the shared parser.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Message } from '@palique/protocol';
import type { OutgoingMessage } from '@palique/client';
import { formatFullTime, formatMessageTime } from './format-time';
import { FormattedText } from './formatted-text';
import { messages as i18n } from '../i18n/messages';

const t = i18n.messageList;

interface Props {
  messages: Message[];
  outgoing: OutgoingMessage[];
  visitorName: string;
  myName: string;
  onDismiss: (clientId: string) => void;
  /** W5: the highest seq the visitor has read. */
  visitorReadSeq?: number;
}

const GROUP_WINDOW_MS = 2 * 60_000;

/** A quick follow-up by the same author shows without repeating name and time. */
function continues(previous: Message | undefined, m: Message): boolean {
  if (!previous || previous.authorType !== m.authorType || previous.authorId !== m.authorId) return false;
  return Date.parse(m.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
}

export function MessageList({ messages, outgoing, visitorName, myName, onDismiss, visitorReadSeq = 0 }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages only while the agent is at the bottom: never yank them away from history.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, outgoing]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="message-scroller" ref={scroller} role="log" aria-label={t.history} aria-live="polite">
      <ol className="message-list">
        {messages.length === 0 && outgoing.length === 0 && <li className="message-empty">{t.empty}</li>}
        {messages.map((m, i) => (
          <li
            key={m.id}
            className={`message message-${m.authorType === 'visitor' ? 'in' : m.authorType === 'agent' ? 'out' : 'system'}${continues(messages[i - 1], m) ? ' message-continued' : ''}`}
          >
            <div className="message-meta">
              <span className="message-author">{m.authorName || (m.authorType === 'visitor' ? visitorName : m.authorType === 'agent' ? t.agent : t.system)}</span>
              <time dateTime={m.createdAt} title={formatFullTime(m.createdAt)}>
                {formatMessageTime(m.createdAt)}
              </time>
              {m.authorType === 'agent' && m.seq <= visitorReadSeq && <span className="message-seen">{t.seen}</span>}
            </div>
            <div className="message-text">
              <FormattedText text={m.text} />
            </div>
          </li>
        ))}
        {outgoing.map((o) => (
          <li key={o.clientId} className={`message message-out message-${o.state}`}>
            <div className="message-meta">
              <span className="message-author">{myName}</span>
              <span className="message-state">{o.state === 'pending' ? t.sending : t.notSent}</span>
            </div>
            <div className="message-text">
              <FormattedText text={o.text} />
            </div>
            {o.state === 'failed' && (
              <div className="message-error">
                <span>{o.error}</span>{' '}
                <button type="button" className="button-link" onClick={() => onDismiss(o.clientId)}>
                  {t.dismiss}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
