// A3: what one visitor sees of the team once an Invisible agent joined their chat by writing in it:
// that agent shows online (and the widget is live) for this visitor only. The server says who is
// present; this merges it into the account-wide team and mode every other visitor sees.
import type { TeamMember, WidgetMode } from '@palique/protocol';

export function withPresent(mode: WidgetMode, team: TeamMember[], present: readonly string[]): { mode: WidgetMode; team: TeamMember[] } {
  if (present.length === 0) return { mode, team };
  const here = new Set(present);
  const merged = team.map((m) => (here.has(m.id) && !m.online ? { ...m, online: true } : m));
  // Online first, as the server orders them; otherwise the server's order stands (sort is stable).
  merged.sort((a, b) => Number(b.online) - Number(a.online));
  return { mode: 'live', team: merged };
}
