// What the loader learns from the page: its own <script> (server origin, widget id) and the
// site owner's optional window.PaliqueSetup (W7 settings).

export interface PaliqueSetup {
  /** Load everything but show nothing until Palique('show'). */
  startHidden?: boolean;
  zIndex?: number;
  buttonPosition?: 'left' | 'right';
  /** W3: the widget's language ("en", "es"), instead of the visitor's browser language. */
  language?: string;
}

export interface LoaderConfig {
  base: string;
  widgetId: string;
  setup: PaliqueSetup;
}

/** Must run synchronously at start: document.currentScript is only set during that first run. */
export function readConfig(): LoaderConfig | null {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-widget-id]');
  const widgetId = script?.getAttribute('data-widget-id');
  if (!script || !widgetId) return null;
  const setup = (window as { PaliqueSetup?: PaliqueSetup }).PaliqueSetup;
  return { base: new URL(script.src, location.href).origin, widgetId, setup: setup && typeof setup === 'object' ? setup : {} };
}
