// W3: the widget's texts per language: the defaults from the protocol, with the account's own
// texts over them. A blank text is not stored: clearing a field restores the default.
import {
  widgetTextDefaults,
  WIDGET_TEXT_KEYS,
  type WidgetLanguage,
  type WidgetTextOverrides,
  type WidgetTexts,
  type WidgetTextsEditor,
  type WidgetTextsForVisitor,
} from '@palique/protocol';
import type { Db } from '../db/index';
import { now } from '../clock';
import type { AccountService } from '../accounts/service';
import * as repo from './repo';

export class WidgetTextsService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountService,
  ) {}

  /** What the texts editor shows for one language. */
  async editor(accountId: string, language: WidgetLanguage): Promise<WidgetTextsEditor> {
    return { language, defaults: widgetTextDefaults[language], overrides: await this.overrides(accountId, language) };
  }

  /** Replaces the account's texts of one language; blank or missing texts go back to the default. */
  async save(accountId: string, language: WidgetLanguage, overrides: WidgetTextOverrides): Promise<WidgetTextsEditor> {
    const kept = keepFilled(overrides);
    await repo.saveOverrides(this.db, accountId, language, JSON.stringify(kept), now());
    return { language, defaults: widgetTextDefaults[language], overrides: kept };
  }

  /** The widget's texts in one language: defaults with the account's texts over them. */
  async forVisitor(widgetId: string, language: WidgetLanguage): Promise<WidgetTextsForVisitor> {
    const account = await this.accounts.byWidgetId(widgetId);
    const texts: WidgetTexts = { ...widgetTextDefaults[language], ...(await this.overrides(account.id, language)) };
    return { language, texts };
  }

  private async overrides(accountId: string, language: WidgetLanguage): Promise<WidgetTextOverrides> {
    const stored = await repo.findOverrides(this.db, accountId, language);
    if (!stored) return {};
    // Only keys this version knows, in case a newer version stored more.
    return keepFilled(JSON.parse(stored) as Record<string, unknown>);
  }
}

function keepFilled(overrides: Record<string, unknown>): WidgetTextOverrides {
  const kept: WidgetTextOverrides = {};
  for (const key of WIDGET_TEXT_KEYS) {
    const value = overrides[key];
    if (typeof value === 'string' && value.trim()) kept[key] = value;
  }
  return kept;
}
