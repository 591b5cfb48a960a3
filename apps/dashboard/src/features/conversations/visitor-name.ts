// How a visitor is called in lists, headers and notifications when they gave no name.
import { messages } from '../i18n/messages';

/** "Visitor 3f9a2": the tail of the id, because sortable ids share their leading characters. */
export function visitorLabel(name: string | null | undefined, visitorId: string): string {
  const trimmed = name?.trim();
  if (trimmed) return trimmed;
  return messages.visitorPanel.unnamed(visitorId.replace(/[^A-Za-z0-9]/g, '').slice(-5));
}
