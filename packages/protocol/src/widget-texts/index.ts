// W3: every language's default widget texts (entry `@palique/protocol/widget-texts`, zod-free).
// The server merges an account's overrides over these; the dashboard shows them as defaults.
// The chat app does not import this file (it would bundle every language): it imports ./en and
// ./languages and gets the other languages' texts from the server.
import { en, type WidgetTextKey, type WidgetTexts } from './en';
import { es } from './es';
import type { WidgetLanguage } from './languages';

export { en, type WidgetTextKey, type WidgetTexts } from './en';
export { DEFAULT_WIDGET_LANGUAGE, WIDGET_LANGUAGES, isWidgetLanguage, pickWidgetLanguage, type WidgetLanguage } from './languages';

export const widgetTextDefaults: Record<WidgetLanguage, WidgetTexts> = { en, es };

export const WIDGET_TEXT_KEYS = Object.keys(en) as WidgetTextKey[];

/** Characters in one widget text. */
export const MAX_WIDGET_TEXT_LENGTH = 500;
