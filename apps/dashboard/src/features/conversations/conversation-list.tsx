// One list of conversations (the selected tab): visitor, last message preview, time and an
// unread mark. Each row is a link to /conversations/:id.
import { NavLink } from 'react-router';
import type { Conversation } from '@palique/protocol';
import { formatFullTime, formatListTime } from './format-time';
import { isUnread } from '@palique/client';
import { visitorLabel } from './visitor-name';
import { dismissConversation } from '../api/endpoints';

const EMPTY: Record<string, string> = {
  queue: 'No one is waiting. New chats appear here until someone answers.',
  mine: 'Chats you answer become yours and appear here.',
  all: 'No conversations yet. They start when a visitor writes from the chat widget.',
  closed: 'Closed chats appear here. A chat reopens when the visitor writes again.',
};

function preview(c: Conversation): string {
  if (!c.lastMessageText) return 'No messages';
  const text = c.lastMessageText.replace(/\s+/g, ' ').trim();
  return c.lastMessageAuthorType === 'agent' ? `Agent: ${text}` : text;
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
  return (
    <div id={panelId} role="tabpanel" aria-labelledby={labelledBy} className="conversation-panel">
      {conversations.length === 0 ? (
        <p className="list-empty">{EMPTY[view]}</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((c) => {
            const unread = isUnread(c, seen);
            const name = visitorLabel(c.visitorName, c.visitorId);
            return (
              <li key={c.id} className="conversation-row">
                <NavLink to={`/conversations/${c.id}`} className={`conversation-item${unread ? ' is-unread' : ''}`}>
                  <span className="avatar" aria-hidden="true">
                    {name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="conversation-item-body">
                    <span className="conversation-item-top">
                      <span className="conversation-item-name">{name}</span>
                      {c.lastMessageAt && (
                        <time dateTime={c.lastMessageAt} title={formatFullTime(c.lastMessageAt)}>
                          {formatListTime(c.lastMessageAt)}
                        </time>
                      )}
                    </span>
                    <span className="conversation-item-bottom">
                      <span className="conversation-item-preview">{preview(c)}</span>
                      {unread && (
                        <span className="unread-dot">
                          <span className="visually-hidden">, unread</span>
                        </span>
                      )}
                    </span>
                    {view === 'all' && c.assigneeName && <span className="conversation-item-assignee">Assigned to {c.assigneeName}</span>}
                  </span>
                </NavLink>
                {view === 'queue' && c.assigneeId === null && (
                  <button
                    type="button"
                    className="dismiss-button"
                    aria-label={`Remove ${name} from the queue`}
                    title="Remove from the queue until the visitor writes again"
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
    </div>
  );
}
