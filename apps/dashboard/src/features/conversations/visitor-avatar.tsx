// A visitor's avatar: their initials on a colour of their own (from the visitor id), so two
// anonymous visitors never look alike in a list. Decorative: the name is always written beside it.
import { visitorIdentity } from '@palique/client';

export function VisitorAvatar({ visitorId, name, size = 'medium' }: { visitorId: string; name: string | null | undefined; size?: 'small' | 'medium' | 'large' }) {
  const who = visitorIdentity(visitorId, name);
  return (
    <span className={`avatar avatar-visitor avatar-${size} avatar-tone-${who.tone} avatar-accent-${who.accent}`} aria-hidden="true">
      {who.initials}
    </span>
  );
}
