// The Conversations screen: the Queue / Mine / All lists beside the open conversation (or a
// placeholder). The list pane stays mounted while conversations open, so the tab is kept.
import { useState } from 'react';
import { Outlet, useParams } from 'react-router';
import { useSession } from '../features/auth/session';
import { useConversations } from '../features/conversations/conversations-provider';
import type { ConversationView } from '@palique/protocol';
import { filterView } from '@palique/client';
import { ConversationTabs, PANEL_ID, tabId } from '../features/conversations/conversation-tabs';
import { ConversationList } from '../features/conversations/conversation-list';
import '../features/conversations/conversations.css';

export function ConversationsScreen() {
  const { me } = useSession();
  const { all, seen, loading, error, reload } = useConversations();
  const [view, setView] = useState<ConversationView>('queue');
  const { id: openId } = useParams();
  const agentId = me.agent.id;
  const counts = {
    queue: filterView(all, 'queue', agentId).length,
    mine: filterView(all, 'mine', agentId).length,
    all: all.length,
  };

  return (
    <div className={`conversations${openId ? ' has-open' : ''}`}>
      <section className="list-pane" aria-labelledby="conversations-title">
        <header className="pane-header">
          <h1 id="conversations-title">Conversations</h1>
        </header>
        <ConversationTabs view={view} counts={counts} onChange={setView} />
        {error && (
          <p className="form-error list-error" role="alert">
            {error}{' '}
            <button type="button" className="button-link" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        {loading ? (
          <p className="list-empty">Loading…</p>
        ) : (
          <ConversationList
            conversations={filterView(all, view, agentId)}
            seen={seen}
            view={view}
            labelledBy={tabId(view)}
            panelId={PANEL_ID}
          />
        )}
      </section>
      <Outlet />
    </div>
  );
}

export function NoConversationOpen() {
  return (
    <div className="thread-placeholder">
      <img src="/icon.svg" alt="" width="56" height="56" />
      <p>Pick a conversation to read and reply.</p>
    </div>
  );
}
