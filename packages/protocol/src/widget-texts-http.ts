// W3: the bodies of the widget-texts API. The settings side (owner and admins) reads the
// defaults and the account's overrides of one language and replaces the overrides; the widget
// reads one language's texts, merged.
import { z } from 'zod';
import { MAX_WIDGET_TEXT_LENGTH, WIDGET_LANGUAGES, WIDGET_TEXT_KEYS, type WidgetTextKey, type WidgetTexts } from './widget-texts/index';

export const WidgetLanguageParam = z.object({ language: z.enum(WIDGET_LANGUAGES) });

const WidgetText = z.string().max(MAX_WIDGET_TEXT_LENGTH, `must be at most ${MAX_WIDGET_TEXT_LENGTH} characters`);

/**
 * An account's own texts for one language, by key. A missing or blank text means the default:
 * clearing a field in the dashboard restores it. Unknown keys are refused.
 */
export const WidgetTextOverrides = z
  .object(Object.fromEntries(WIDGET_TEXT_KEYS.map((k) => [k, WidgetText.optional()])) as Record<WidgetTextKey, z.ZodOptional<typeof WidgetText>>)
  .strict();
export type WidgetTextOverrides = Partial<Record<WidgetTextKey, string>>;

/** PUT /api/widget/texts/:language */
export const WidgetTextsBody = z.object({ overrides: WidgetTextOverrides }).strict();
export type WidgetTextsBody = { overrides: WidgetTextOverrides };

/** GET and PUT /api/widget/texts/:language (settings): what the texts editor shows. */
export const WidgetTextsEditor = z.object({
  language: z.enum(WIDGET_LANGUAGES),
  defaults: z.record(z.string(), z.string()).transform((d) => d as WidgetTexts),
  overrides: WidgetTextOverrides,
});
export type WidgetTextsEditor = z.infer<typeof WidgetTextsEditor>;

/** GET /api/widget/:widgetId/texts/:language (the widget): one language's texts, merged. */
export interface WidgetTextsForVisitor {
  language: (typeof WIDGET_LANGUAGES)[number];
  texts: WidgetTexts;
}
