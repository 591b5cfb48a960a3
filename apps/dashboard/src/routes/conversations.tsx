// The Conversations screen: the Queue / Mine / All / Closed lists beside the open conversation (or a
// placeholder). The list pane stays mounted while conversations open, so the tab is kept.
import { useState } from 'react';
import { Outlet, useParams } from 'react-router';
import { useSession } from '../features/auth/session';
import { useConversations } from '../features/conversations/conversations-provider';
import type { ConversationView } from '@palique/protocol';
import { filterView } from '@palique/client';
import { ConversationTabs, PANEL_ID, tabId } from '../features/conversations/conversation-tabs';
import { ConversationList } from '../features/conversations/conversation-list';
import { messages } from '../features/i18n/messages';
import { ConversationSearch } from '../features/conversations/conversation-search';
import '../features/conversations/conversations.css';

const m = messages.conversations;

export function ConversationsScreen() {
  const { me } = useSession();
  const { all, seen, joined, loading, error, reload, cursors, loadOlder, counts: serverCounts } = useConversations();
  const [view, setView] = useState<ConversationView>('queue');
  const { id: openId } = useParams();
  const agentId = me.agent.id;
  // A3: an Invisible agent gets no new chats: their Queue keeps the chats they joined.
  const joinedOnly = me.agent.status === 'invisible' ? joined : undefined;
  // The server counts every conversation, not only the pages loaded here (an Invisible agent's
  // Queue there too holds only the chats they joined); until it answers, the loaded rows.
  const counts = serverCounts ?? {
    queue: filterView(all, 'queue', agentId, joinedOnly).length,
    mine: filterView(all, 'mine', agentId).length,
    all: filterView(all, 'all', agentId).length,
    closed: filterView(all, 'closed', agentId).length,
  };
  // Replying from the Queue moves the open chat to Mine: it stays in view in the list it was picked from.
  const shown = filterView(all, view, agentId, joinedOnly);
  const open = openId ? all.find((c) => c.id === openId) : undefined;
  const listed = open && !shown.some((c) => c.id === open.id) && view !== 'closed' && open.status !== 'closed' ? [open, ...shown] : shown;

  return (
    <div className={`conversations${openId ? ' has-open' : ''}`}>
      <section className="list-pane" aria-labelledby="conversations-title">
        <header className="pane-header">
          <h1 id="conversations-title">{m.title}</h1>
        </header>
        <ConversationSearch />
        <ConversationTabs view={view} counts={counts} onChange={setView} />
        {error && (
          <p className="form-error list-error" role="alert">
            {error}{' '}
            <button type="button" className="button-link" onClick={reload}>
              {m.tryAgain}
            </button>
          </p>
        )}
        {loading ? (
          <p className="list-empty">{m.loading}</p>
        ) : (
          <ConversationList
            conversations={listed}
            seen={seen}
            view={view}
            labelledBy={tabId(view)}
            panelId={PANEL_ID}
          />
        )}
        {!loading && cursors[view] && (
          <button type="button" className="button-link load-older" onClick={() => loadOlder(view)}>
            {m.loadOlder}
          </button>
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
      <p className="thread-placeholder-title">{m.pickOne}</p>
      <p className="thread-placeholder-hint">{m.pickOneHint}</p>
    </div>
  );
}
