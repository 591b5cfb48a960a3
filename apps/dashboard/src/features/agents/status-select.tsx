// A3: the agent's Online / Invisible / Offline switch. Over the socket when connected (the
// server then updates every widget's mode), over HTTP otherwise.
import { useEffect, useId, useState } from 'react';
import { AgentStatus } from '@palique/protocol';
import { putStatus } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useSession } from '../auth/session';
import { useRealtime } from '../realtime/realtime-context';
import { showAgentNotice } from '../notifications/desktop-notifications';
import { messages } from '../i18n/messages';

const LABELS: Record<AgentStatus, string> = messages.team.statuses;
const m = messages.status;

export function StatusSelect() {
  const { me, updateMe } = useSession();
  const { client } = useRealtime();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const status = me.agent.status;

  // Changed elsewhere: another tab, or working hours (A5), which also notify.
  useEffect(() => {
    const offs = [
      client.on('status:changed', (next) => updateMe((m) => ({ ...m, agent: { ...m.agent, status: next } }))),
      client.on('notification', (n) => {
        if (n.kind === 'working_day_started') void showAgentNotice(m.dayStarted, m.setOnline);
        if (n.kind === 'working_day_ended') void showAgentNotice(m.dayEnded, m.setInvisible);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client, updateMe]);

  async function change(next: AgentStatus) {
    const previous = status;
    updateMe((m) => ({ ...m, agent: { ...m.agent, status: next } }));
    setError(null);
    try {
      if (client.connected) await client.setStatus(next);
      else await putStatus(next);
    } catch (err) {
      updateMe((m) => ({ ...m, agent: { ...m.agent, status: previous } }));
      setError(errorMessage(err));
    }
  }

  return (
    <div className="status-select">
      <label htmlFor={id}>{m.label}</label>
      <div className={`status-control status-${status}`}>
        <span className="status-dot" aria-hidden="true" />
        <select id={id} value={status} onChange={(e) => void change(AgentStatus.parse(e.target.value))}>
          {AgentStatus.options.map((s) => (
            <option key={s} value={s}>
              {LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="status-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
