// W3: the chat app's texts are the widget texts of one language (defaults in
// @palique/protocol/widget-texts, the account's own texts over them, from the server). Here:
// how the app turns a few of them into sentences.
import { ErrorCode, type ErrorInfo } from '@palique/protocol/errors';
import type { WidgetTexts } from '@palique/client';

export type Texts = WidgetTexts;

/** What to tell the visitor about a refused message: a known reason, else the server's words. */
export function describeError(t: Texts, error: ErrorInfo | undefined): string {
  if (!error) return t.notSent;
  if (error.code === ErrorCode.RateLimited) return t.errorRateLimited;
  if (error.code === ErrorCode.InvalidInput) return t.errorInvalidInput;
  return error.message;
}

const fill = (template: string, name: string, value: string) => template.split(`{${name}}`).join(value);

/** W2: "Active 5 min ago" (or "Active just now" under a minute) from an agent's last activity. */
export function activeAgo(t: Texts, lastActiveAt: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(lastActiveAt)) / 60_000);
  if (!(minutes >= 1)) return t.teamActiveNow;
  const time =
    minutes < 60
      ? fill(t.timeMinutes, 'n', String(minutes))
      : minutes < 48 * 60
        ? fill(t.timeHours, 'n', String(Math.floor(minutes / 60)))
        : fill(t.timeDays, 'n', String(Math.floor(minutes / 1440)));
  return fill(t.teamActiveAgo, 'time', time);
}

/** C4: "Ana is typing…" for the agents typing now (names joined, the template once). */
export function agentsTyping(t: Texts, names: string[]): string {
  return names.length === 0 ? '' : fill(t.agentTyping, 'name', names.join(', '));
}
