// What the loader learns from the page: its own <script> (server origin, widget id) and the
// site owner's optional window.PaliqueSetup (W7 settings). The typed, documented form of these
// settings for site owners is apps/widget/public/palique.d.ts (docs/widget-api.md).

export interface PaliqueSetup {
  /** Load everything but show nothing until Palique('show'). */
  startHidden?: boolean;
  zIndex?: number;
  buttonPosition?: 'left' | 'right';
  /** The round button's diameter in CSS pixels (default 60). */
  buttonSize?: number;
  /** The chat window's size in CSS pixels (default 370 × 560); phones always get the full screen. */
  chatWidth?: number;
  chatHeight?: number;
  /** Colours: `button` and `buttonText` here, `header` and `headerText` in the chat app. */
  colors?: { button?: string; buttonText?: string; header?: string; headerText?: string };
  /** A CSS selector: the elements it matches open the chat, and the round button is not shown. */
  customLauncher?: string;
  /** Embedded mode: the chat is drawn inside this element (or the first one this selector matches), always open. */
  embedTo?: string | Element;
  /** Only on phones and tablets / never on them. */
  mobileOnly?: boolean;
  disableOnMobile?: boolean;
  /** Create the chat's iframe only on the first hover, focus or click of the launcher (or Palique('open')). */
  deferredLoading?: boolean;
  /** Called with every new message of the team, like Palique('on', 'message', fn). */
  onNewMessage?: (message: unknown) => void;
  /** W3: the widget's language ("en", "es"), instead of the visitor's browser language. */
  language?: string;
  /** W7 identified users: the site's user id and its HMAC-SHA256 (hex) with the account's secret. */
  clientId?: string;
  clientIdSignature?: string;
}

export interface LoaderConfig {
  base: string;
  widgetId: string;
  setup: PaliqueSetup;
}

/** Must run synchronously at start: document.currentScript is only set during that first run. */
export function readConfig(): LoaderConfig | null {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-widget-id]');
  const widgetId = script?.dataset.widgetId;
  if (!script || !widgetId) return null;
  const setup = (window as { PaliqueSetup?: PaliqueSetup }).PaliqueSetup;
  return { base: new URL(script.src).origin, widgetId, setup: setup && typeof setup === 'object' ? setup : {} };
}
