// W2: the team under the header, so the widget looks alive in messenger mode too: each agent's
// avatar (generated initials until photos exist), name, and "Online" or when last active.
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
            {m.initials}
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
