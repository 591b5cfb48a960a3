// W3: the languages the widget speaks, without their texts (entry
// `@palique/protocol/widget-texts/languages`): the chat app picks one with this list and asks
// the server for its texts, so it never bundles a language it does not show.

export const WIDGET_LANGUAGES = ['en', 'es'] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];
export const DEFAULT_WIDGET_LANGUAGE: WidgetLanguage = 'en';

export function isWidgetLanguage(value: unknown): value is WidgetLanguage {
  return typeof value === 'string' && (WIDGET_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the visitor's languages (navigator.languages, best first; "es-ES" counts as
 * "es") that the widget speaks, else English.
 */
export function pickWidgetLanguage(preferred: readonly string[]): WidgetLanguage {
  for (const tag of preferred) {
    if (typeof tag !== 'string') continue;
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isWidgetLanguage(base)) return base;
  }
  return DEFAULT_WIDGET_LANGUAGE;
}
