// The workspace's left column: brand, sections, and the agent's own controls (status,
// notifications, name, sign out).
import { NavLink } from 'react-router';
import { canManageSettings, useSession } from '../auth/session';
import { StatusSelect } from '../agents/status-select';
import { AgentAvatar } from '../agents/agent-avatar';
import '../agents/team.css';
import { EnableNotifications } from '../notifications/enable-notifications';
import { useUnreadCount } from '../conversations/unread-title';
import { messages } from '../i18n/messages';

const m = messages.sidebar;

export function Sidebar() {
  const { me, signOut } = useSession();
  const unread = useUnreadCount();

  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <img src="/icon.svg" alt="" width="28" height="28" />
        <span>Palique</span>
        <span className="sidebar-site">{me.account.name}</span>
      </div>
      <nav aria-label={m.sections} className="sidebar-nav">
        <NavLink to="/conversations" className="nav-link">
          <span>{m.conversations}</span>
          {unread > 0 && (
            <span className="nav-badge">
              {unread}
              <span className="visually-hidden">{m.unread}</span>
            </span>
          )}
        </NavLink>
        <NavLink to="/visitors" className="nav-link">
          <span>{messages.onlineVisitors.nav}</span>
        </NavLink>
        <NavLink to="/saved-replies" className="nav-link">
          <span>{messages.savedReplies.nav}</span>
        </NavLink>
        {canManageSettings(me) && (
          <NavLink to="/widget" className="nav-link">
            <span>{m.chatWidget}</span>
          </NavLink>
        )}
        <NavLink to="/settings" className="nav-link">
          <span>{m.settings}</span>
        </NavLink>
        {canManageSettings(me) && (
          <NavLink to="/agents" className="nav-link">
            <span>{messages.team.nav}</span>
          </NavLink>
        )}
        {canManageSettings(me) && (
          <NavLink to="/triggers" className="nav-link">
            <span>{messages.triggers.nav}</span>
          </NavLink>
        )}
      </nav>
      <div className="sidebar-footer">
        <EnableNotifications />
        <StatusSelect />
        <div className="sidebar-me">
          <AgentAvatar agent={me.agent} small />
          <span className="sidebar-me-name">
            <span>{me.agent.name}</span>
            <small>{m.roles[me.agent.role]}</small>
          </span>
        </div>
        <button type="button" className="button button-small sidebar-button" onClick={() => void signOut()}>
          {m.signOut}
        </button>
      </div>
    </aside>
  );
}
