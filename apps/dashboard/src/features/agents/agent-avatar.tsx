// A1: an agent's photo, or their generated initials when they have none.
import type { Agent } from '@palique/protocol';

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (w: string | undefined) => (w ? Array.from(w)[0]!.toUpperCase() : '');
  return (words.length > 1 ? first(words[0]) + first(words.at(-1)) : first(words[0])) || '?';
}

export function AgentAvatar({ agent, small }: { agent: Pick<Agent, 'name' | 'avatarUrl'>; small?: boolean }) {
  return (
    <span className={`avatar${small ? ' avatar-small' : ''}`} aria-hidden="true">
      {agent.avatarUrl ? <img className="avatar-photo" src={agent.avatarUrl} alt="" /> : initialsOf(agent.name)}
    </span>
  );
}
