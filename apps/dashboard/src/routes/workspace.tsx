// The signed-in workspace: realtime connection, live conversation lists, the sidebar, and
// the screens inside it.
import { useEffect, useState } from 'react';
import { Navigate, Outlet, Route, Routes, useNavigate } from 'react-router';
import { canManageSettings, SessionContext, type Session } from '../features/auth/session';
import { AgentClient } from '@palique/client';
import { RealtimeProvider } from '../features/realtime/realtime-context';
import { ConversationsProvider } from '../features/conversations/conversations-provider';
import { Sidebar } from '../features/layout/sidebar';
import { ConversationsScreen, NoConversationOpen } from './conversations';
import { ConversationScreen } from './conversation';
import { ChatWidgetScreen } from './chat-widget';
import { SettingsScreen } from './settings';
import { AgentsScreen } from './agents';
import { SavedRepliesScreen } from './saved-replies';
import { VisitorsScreen } from './visitors';
import { TriggersScreen } from './triggers';
import { ConnectionBanner } from '../features/layout/connection-banner';
import { useUnreadTitle } from '../features/conversations/unread-title';
import '../features/layout/workspace.css';

export function Workspace({ session, onUnauthenticated }: { session: Session; onUnauthenticated: () => void }) {
  const [client] = useState(() => new AgentClient());
  const signOut = async () => {
    client.clearOutbox();
    await session.signOut();
  };
  return (
    <SessionContext.Provider value={{ ...session, signOut }}>
      <RealtimeProvider client={client} onUnauthenticated={onUnauthenticated}>
        <ConversationsProvider>
          <Routes>
            <Route element={<WorkspaceLayout />}>
              <Route path="conversations" element={<ConversationsScreen />}>
                <Route index element={<NoConversationOpen />} />
                <Route path=":id" element={<ConversationScreen />} />
              </Route>
              {canManageSettings(session.me) && <Route path="widget" element={<ChatWidgetScreen />} />}
              <Route path="settings" element={<SettingsScreen />} />
              <Route path="saved-replies" element={<SavedRepliesScreen />} />
              <Route path="visitors" element={<VisitorsScreen />} />
              {canManageSettings(session.me) && <Route path="agents" element={<AgentsScreen />} />}
              {canManageSettings(session.me) && <Route path="triggers" element={<TriggersScreen />} />}
              <Route path="*" element={<Navigate to="/conversations" replace />} />
            </Route>
          </Routes>
        </ConversationsProvider>
      </RealtimeProvider>
    </SessionContext.Provider>
  );
}

function WorkspaceLayout() {
  useNotificationClicks();
  useUnreadTitle();
  return (
    <div className="workspace">
      <Sidebar />
      <main className="workspace-main">
        <ConnectionBanner />
        <Outlet />
      </main>
    </div>
  );
}

/** The service worker forwards clicks on its notifications here (see public/sw.js). */
function useNotificationClicks() {
  const navigate = useNavigate();
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; conversationId?: unknown } | null;
      if (data?.type === 'open-conversation' && typeof data.conversationId === 'string') {
        navigate(`/conversations/${encodeURIComponent(data.conversationId)}`);
      }
    };
    sw.addEventListener('message', onMessage);
    return () => sw.removeEventListener('message', onMessage);
  }, [navigate]);
}
