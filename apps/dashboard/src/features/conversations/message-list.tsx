// The conversation's history as chat bubbles: visitor on the left, agents on the right, each
// group of quick follow-ups under one avatar, name and time.
// Texts are React elements and text children (never HTML), so whatever a visitor types shows as
// typed, with links, bold and italic (W6) from the shared parser.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Message } from '@palique/protocol';
import type { OutgoingMessage } from '@palique/client';
import { formatFullTime, formatMessageTime } from './format-time';
import { FormattedText } from './formatted-text';
import { AttachmentView } from '../files/attachments';
import { EditedMark } from './message-editing';
import { MessageMenu } from './message-menu';
import { VisitorAvatar } from './visitor-avatar';
import { initialsOf } from '../agents/agent-avatar';
import type { AgentFaces } from './use-agent-faces';
import { messages } from '../i18n/messages';

const t = messages.conversations;
const teamName = messages.triggers.fromTeam;

interface Props {
  messages: Message[];
  outgoing: OutgoingMessage[];
  visitorName: string;
  myName: string;
  onDismiss: (clientId: string) => void;
  /** W5: the highest seq the visitor has read. */
  visitorReadSeq?: number;
  /** For the avatars: the visitor's id (their colour), the team's photos, and this agent's own. */
  visitorId?: string;
  agentFaces?: AgentFaces;
  /** The signed-in agent: their own messages have a menu with "Edit" (C5). */
  myId?: string;
  onEdit?: (message: Message) => void;
}

const GROUP_WINDOW_MS = 2 * 60_000;

/** A quick follow-up by the same author shows without repeating name and time. */
function continues(previous: Message | undefined, m: Message): boolean {
  if (!previous || previous.authorType !== m.authorType || previous.authorId !== m.authorId) return false;
  return Date.parse(m.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
}

/** Beside the first message of a group: the visitor's coloured initials, an agent's photo or initials. */
function MessageAvatar({ authorType, authorId, authorName, visitorId, faces }: {
  authorType: Message['authorType'];
  authorId: string | null;
  authorName: string;
  visitorId?: string;
  faces?: AgentFaces;
}) {
  if (authorType === 'system') return null;
  if (authorType === 'visitor') return visitorId ? <VisitorAvatar visitorId={visitorId} name={authorName} size="small" /> : null;
  const face = authorId ? faces?.[authorId] : undefined;
  return (
    <span className="avatar avatar-small avatar-agent" aria-hidden="true">
      {face?.avatarUrl ? <img className="avatar-photo" src={face.avatarUrl} alt="" /> : initialsOf(authorName)}
    </span>
  );
}

export function MessageList({ messages, outgoing, visitorName, myName, onDismiss, visitorReadSeq = 0, visitorId, agentFaces, myId, onEdit }: Props) {
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
        {messages.length === 0 && outgoing.length === 0 && <li className="message-empty">{t.noMessages}</li>}
        {messages.map((m, i) => (
          <li
            key={m.id}
            className={`message message-${m.authorType === 'visitor' ? 'in' : m.authorType === 'agent' ? 'out' : 'system'}${continues(messages[i - 1], m) ? ' message-continued' : ''}`}
          >
            <MessageAvatar
              authorType={m.authorType}
              authorId={m.authorId}
              authorName={m.authorName || (m.authorType === 'visitor' ? visitorName : t.agent)}
              visitorId={visitorId}
              faces={agentFaces}
            />
            <div className="message-meta">
              <span className="message-author">
                {/* T1: an agent message without an author is a targeted message from the team. */}
                {m.authorName || (m.authorType === 'visitor' ? visitorName : m.authorType === 'agent' ? (m.authorId === null ? teamName : t.agent) : t.system)}
              </span>
              <time dateTime={m.createdAt} title={formatFullTime(m.createdAt)}>
                {formatMessageTime(m.createdAt)}
              </time>
              {m.authorType === 'agent' && m.seq <= visitorReadSeq && <span className="message-seen">{t.seen}</span>}
            </div>
            <div className="message-text">
              {m.attachment && <AttachmentView attachment={m.attachment} />}
              {m.text && <FormattedText text={m.text} />}
            </div>
            <EditedMark message={m} />
            {onEdit && m.authorType === 'agent' && m.authorId === myId && <MessageMenu onEdit={() => onEdit(m)} />}
          </li>
        ))}
        {outgoing.map((o) => (
          <li key={o.clientId} className={`message message-out message-${o.state}`}>
            <MessageAvatar authorType="agent" authorId={myId ?? null} authorName={myName} faces={agentFaces} />
            <div className="message-meta">
              <span className="message-author">{myName}</span>
              <span className="message-state">{o.state === 'pending' ? t.sending : t.notSent}</span>
            </div>
            <div className="message-text">
              {o.attachment && <AttachmentView attachment={o.attachment} />}
              {o.text && <FormattedText text={o.text} />}
            </div>
            {o.state === 'failed' && (
              <div className="message-error">
                <span>{o.error}</span>{' '}
                <button type="button" className="button-link" onClick={() => onDismiss(o.clientId)}>
                  {t.dismissFailed}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
