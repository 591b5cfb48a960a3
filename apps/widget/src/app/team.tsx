// W2: the team under the header, so the widget looks alive in messenger mode too: each agent's
// avatar (their photo (A1), or generated initials without one), name, and "Online" or when last active.
import { useEffect, useState } from 'preact/hooks';
import type { TeamMember } from '@palique/protocol';
import { activeAgo, type Texts } from './texts';

const SHOWN = 3;

export function TeamStrip({ t, team }: { t: Texts; team: TeamMember[] }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (team.length === 0) return null;
  return (
    <ul class="team" aria-label={t.teamLabel}>
      {team.slice(0, SHOWN).map((m) => (
        <li key={m.id} class="team__member">
          <span class={`team__avatar ${m.online ? 'team__avatar--online' : ''}`} aria-hidden="true">
            {m.avatarUrl ? <img class="team__photo" src={m.avatarUrl} alt="" width={30} height={30} /> : m.initials}
          </span>
          <span class="team__text">
            <span class="team__name">{m.name}</span>
            <span class="team__seen">{m.online ? t.teamOnline : m.lastActiveAt ? activeAgo(t, m.lastActiveAt, now) : ''}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
