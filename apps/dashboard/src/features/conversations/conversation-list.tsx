// One list of conversations (the selected tab). Each row is a link to /conversations/:id with the
// visitor's avatar and name, the last message as one line of plain text, how long ago, and the
// unread count; ↑/↓ move between rows. Rows follow the live store (a visitor's new name too).
import { useEffect, useState, type KeyboardEvent } from 'react';
import { NavLink } from 'react-router';
import type { Conversation } from '@palique/protocol';
import { formatFullTime, formatRelativeTime } from './format-time';
import { isUnread, parseMessage, plainTextOf } from '@palique/client';
import { visitorLabel } from './visitor-name';
import { VisitorAvatar } from './visitor-avatar';
import { dismissConversation } from '../api/endpoints';
import { messages } from '../i18n/messages';

const m = messages.conversations;
type View = keyof typeof m.empty;

/** The last message as the row shows it: the text a reader sees (no ** or _ markers), on one line. */
function preview(c: Conversation): string {
  if (!c.lastMessageText) return m.noMessages;
  const text = plainTextOf(parseMessage(c.lastMessageText)).replace(/\s+/g, ' ').trim();
  return c.lastMessageAuthorType === 'agent' ? `${m.agentPrefix}${text}` : text;
}

/** Messages after the last one this agent saw (every message takes one seq). */
function unreadCount(c: Conversation, seen: Record<string, number>): number {
  return Math.max(1, c.lastSeq - (seen[c.id] ?? 0));
}

/** "2 min" has to move on by itself while the list is on screen. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** ↑/↓ (and Home/End) move between the rows' links. */
function moveBetweenRows(event: KeyboardEvent<HTMLUListElement>) {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.conversation-item')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index < 0) return;
  const next =
    event.key === 'ArrowDown' ? Math.min(index + 1, links.length - 1)
    : event.key === 'ArrowUp' ? Math.max(index - 1, 0)
    : event.key === 'Home' ? 0
    : event.key === 'End' ? links.length - 1
    : -1;
  if (next < 0) return;
  event.preventDefault();
  links[next]?.focus();
}

export function ConversationList({
  conversations,
  seen,
  view,
  labelledBy,
  panelId,
}: {
  conversations: Conversation[];
  seen: Record<string, number>;
  view: string;
  labelledBy: string;
  panelId: string;
}) {
  const now = useNow(30_000);
  const empty = view in m.empty ? (view as View) : 'all';
  return (
    <div id={panelId} role="tabpanel" aria-labelledby={labelledBy} className="conversation-panel">
      {conversations.length === 0 ? (
        <div className="list-empty">
          <p className="list-empty-title">{m.emptyTitle[empty]}</p>
          <p>{m.empty[empty]}</p>
        </div>
      ) : (
        <ul className="conversation-list" onKeyDown={moveBetweenRows} aria-describedby="conversation-list-keys">
          {conversations.map((c) => {
            const unread = isUnread(c, seen);
            const count = unread ? unreadCount(c, seen) : 0;
            const name = visitorLabel(c.visitorName, c.visitorId);
            const hint =
              view === 'all' ? (c.assigneeName ? m.assignedTo(c.assigneeName) : m.inQueue)
              : null;
            return (
              <li key={c.id} className="conversation-row">
                <NavLink to={`/conversations/${c.id}`} className={`conversation-item${unread ? ' is-unread' : ''}`}>
                  <VisitorAvatar visitorId={c.visitorId} name={c.visitorName} />
                  <span className="conversation-item-body">
                    <span className="conversation-item-top">
                      <span className="conversation-item-name" dir="auto">{name}</span>
                      {c.lastMessageAt && (
                        <time dateTime={c.lastMessageAt} title={formatFullTime(c.lastMessageAt)}>
                          {formatRelativeTime(c.lastMessageAt, now, m.time)}
                        </time>
                      )}
                    </span>
                    <span className="conversation-item-bottom">
                      <span className="conversation-item-preview" dir="auto">{preview(c)}</span>
                      {unread && (
                        <span className="unread-badge">
                          <span aria-hidden="true">{m.unreadBadge(count)}</span>
                          <span className="visually-hidden">{m.unreadSuffix(count)}</span>
                        </span>
                      )}
                    </span>
                    {hint && (
                      <span className={`conversation-item-assignee${c.assigneeName ? '' : ' is-queued'}`}>{hint}</span>
                    )}
                  </span>
                </NavLink>
                {view === 'queue' && c.assigneeId === null && (
                  <button
                    type="button"
                    className="dismiss-button"
                    aria-label={m.dismiss(name)}
                    title={m.dismissTitle}
                    onClick={() => void dismissConversation(c.id).catch(() => undefined)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p id="conversation-list-keys" className="visually-hidden">
        {m.listKeys}
      </p>
    </div>
  );
}
