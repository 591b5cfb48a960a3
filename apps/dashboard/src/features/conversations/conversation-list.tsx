// One list of conversations (the selected tab): visitor, last message preview, time and an
// unread mark. Each row is a link to /conversations/:id.
import { NavLink } from 'react-router';
import type { Conversation } from '@palique/protocol';
import { formatFullTime, formatListTime } from './format-time';
import { isUnread } from '@palique/client';
import { visitorLabel } from './visitor-name';
import { dismissConversation } from '../api/endpoints';
import { messages } from '../i18n/messages';

const t = messages.conversationList;

const EMPTY: Record<string, string> = t.empty;

function preview(c: Conversation): string {
  if (!c.lastMessageText) return t.noMessages;
  const text = c.lastMessageText.replace(/\s+/g, ' ').trim();
  return c.lastMessageAuthorType === 'agent' ? t.agentPreview(text) : text;
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
                          <span className="visually-hidden">{t.unread}</span>
                        </span>
                      )}
                    </span>
                    {view === 'all' && c.assigneeName && <span className="conversation-item-assignee">{t.assignedTo(c.assigneeName)}</span>}
                  </span>
                </NavLink>
                {view === 'queue' && c.assigneeId === null && (
                  <button
                    type="button"
                    className="dismiss-button"
                    aria-label={t.dismiss(name)}
                    title={t.dismissHint}
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
