// How a visitor is called in lists, headers and notifications: the name they gave, or until then
// the stable generated one from @palique/client ("Amber Fox"), the same on every screen.
import { visitorIdentity } from '@palique/client';

export function visitorLabel(name: string | null | undefined, visitorId: string): string {
  return visitorIdentity(visitorId, name).name;
}
