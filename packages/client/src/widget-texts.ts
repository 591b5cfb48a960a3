// W3: which language the widget speaks and its texts in it. The language is the one asked for
// with Palique('setLanguage', …) or PaliqueSetup.language when the widget speaks it, else the
// first of the visitor's browser languages it speaks, else English. The texts come from the
// server (defaults with the account's own texts over them), so only English is bundled.
import type { WidgetTextsForVisitor } from '@palique/protocol';
import { en, type WidgetTexts } from '@palique/protocol/widget-texts/en';
import { isWidgetLanguage, pickWidgetLanguage, type WidgetLanguage } from '@palique/protocol/widget-texts/languages';

export { en as englishWidgetTexts, type WidgetTexts } from '@palique/protocol/widget-texts/en';
export type { WidgetLanguage } from '@palique/protocol/widget-texts/languages';

/**
 * `requested` (setLanguage; "ES" and "es-MX" count as "es") when the widget speaks it, else the
 * browser's languages (best first), else English.
 */
export function chooseWidgetLanguage(requested: string | null | undefined, browser: readonly string[]): WidgetLanguage {
  return supportedWidgetLanguage(requested) ?? pickWidgetLanguage(browser);
}

/** The language a site asked for ("ES", "es-MX" → "es") when the widget speaks it, else null. */
export function supportedWidgetLanguage(requested: string | null | undefined): WidgetLanguage | null {
  const base = typeof requested === 'string' ? requested.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  return isWidgetLanguage(base) ? base : null;
}

/** One language's texts for the widget; English (bundled) when the server cannot be reached. */
export async function fetchWidgetTexts(
  baseUrl: string,
  widgetId: string,
  language: WidgetLanguage,
  fetchFn: typeof fetch = (...args) => fetch(...args),
): Promise<{ language: WidgetLanguage; texts: WidgetTexts }> {
  try {
    const res = await fetchFn(`${baseUrl.replace(/\/+$/, '')}/api/widget/${encodeURIComponent(widgetId)}/texts/${language}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as WidgetTextsForVisitor;
    // A text this version knows but the server did not send keeps its English default.
    return { language, texts: { ...en, ...body.texts } };
  } catch {
    return { language: 'en', texts: en };
  }
}
