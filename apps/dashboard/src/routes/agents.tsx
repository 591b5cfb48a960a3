// A2: the "Agents" section (owner and admins; the server answers 403 to agents anyway): the team
// with roles and statuses, "Invite agent" by email and role, invitations waiting (revocable),
// role changes, removal, and the owner handing ownership to an admin.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Agent, InvitationSent, InvitedRole, TeamPage } from '@palique/protocol';
import { getTeam, handOwnership, inviteAgent, removeAgent, revokeInvitation, setAgentRole } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { useSession } from '../features/auth/session';
import { AgentAvatar } from '../features/agents/agent-avatar';
import { messages } from '../features/i18n/messages';
import '../features/widget/chat-widget.css';
import '../features/agents/team.css';

const m = messages.team;
const roleNames = messages.sidebar.roles;

export function AgentsScreen() {
  const { me, signOut } = useSession();
  const [page, setPage] = useState<TeamPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<InvitationSent | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const reload = useCallback(() => getTeam().then(setPage, (err) => setError(errorMessage(err))), []);
  useEffect(() => void reload(), [reload]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    setSent(null);
    setCopied(false);
    try {
      setSent(await inviteAgent(String(form.get('email') ?? ''), String(form.get('role') ?? 'agent') as InvitedRole));
      formEl.reset();
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const isOwner = me.agent.role === 'owner';
  const manageable = (a: Agent) => a.role !== 'owner' && a.id !== me.agent.id;

  return (
    <div className="page">
      <header className="page-header">
        <h1>{m.title}</h1>
        <p className="page-intro">{m.intro}</p>
      </header>

      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{m.invite}</h2>
        <form onSubmit={invite} aria-label={m.invite} className="invite-form">
          <label className="field">
            <span>{m.email}</span>
            <input name="email" type="email" required maxLength={254} autoComplete="off" />
          </label>
          <div className="field">
            <label htmlFor="invite-role">{m.role}</label>
            <select id="invite-role" name="role" defaultValue="agent">
              <option value="agent">{roleNames.agent}</option>
              <option value="admin">{roleNames.admin}</option>
            </select>
          </div>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? m.sending : m.invite}
          </button>
        </form>
        <div role="status">
          {sent?.emailed && <p>{m.emailed(sent.invitation.email)}</p>}
          {sent && !sent.emailed && sent.link && (
            <div className="invite-link">
              <p>{m.copyLink(sent.invitation.email)}</p>
              <label className="field">
                <span>{m.invitationLink}</span>
                <input readOnly value={sent.link} onFocus={(e) => e.currentTarget.select()} />
              </label>
              <button
                type="button"
                className="button button-small"
                onClick={() => void navigator.clipboard?.writeText(sent.link ?? '').then(() => setCopied(true), () => {})}
              >
                {copied ? m.copied : m.copy}
              </button>
            </div>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title">{m.team}</h2>
        {page && (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {page.agents.map((a) => (
                <tr key={a.id}>
                  <td>
                    <span className="team-person">
                      <AgentAvatar agent={a} />
                      <span>
                        {a.name} {a.id === me.agent.id && <small>{m.you}</small>}
                        {a.title && <small className="team-title">{a.title}</small>}
                        <small className="team-email">{a.email}</small>
                      </span>
                    </span>
                  </td>
                  <td>
                    {manageable(a) ? (
                      <select
                        aria-label={m.roleOf(a.name)}
                        value={a.role}
                        onChange={(e) => void act(() => setAgentRole(a.id, e.target.value as InvitedRole))}
                      >
                        <option value="agent">{roleNames.agent}</option>
                        <option value="admin">{roleNames.admin}</option>
                      </select>
                    ) : (
                      roleNames[a.role]
                    )}
                  </td>
                  <td>{m.statuses[a.status]}</td>
                  <td className="team-actions">
                    {isOwner && a.role === 'admin' && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => {
                          if (window.confirm(m.confirmOwner(a.name))) void handOwnership(a.id).then(() => signOut(), (err) => setError(errorMessage(err)));
                        }}
                      >
                        {m.makeOwner}
                      </button>
                    )}
                    {manageable(a) && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => {
                          if (window.confirm(m.confirmRemove(a.name))) void act(() => removeAgent(a.id));
                        }}
                      >
                        {m.remove} <span className="visually-hidden">{a.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{m.pending}</h2>
        {page && page.invitations.length === 0 && <p>{m.noPending}</p>}
        {page && page.invitations.length > 0 && (
          <ul className="pending-list">
            {page.invitations.map((i) => (
              <li key={i.id}>
                <span>
                  {i.email} · {roleNames[i.role]} · {m.expires} {new Date(i.expiresAt).toLocaleDateString()}
                </span>
                <button type="button" className="button button-small" onClick={() => void act(() => revokeInvitation(i.id))}>
                  {m.revoke} <span className="visually-hidden">{i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
