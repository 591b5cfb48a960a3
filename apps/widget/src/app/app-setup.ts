// W7: the PaliqueSetup settings the chat app itself uses, as the loader passed them (the `s`
// parameter, the page's PaliqueSetup as JSON). Every value comes from the host page: each is
// checked here, and anything unexpected is ignored.

export interface AppSetup {
  language: string | null;
  /** Header background and text colours (CSS colours). */
  header: string | null;
  headerText: string | null;
  /** The signed site user, sent with the visitor session request (the server checks it). */
  identity: { clientId: string; signature: string } | null;
  /** Embedded mode: the chat is part of the page, so it has no "Minimize". */
  inline: boolean;
}

const isColor = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && CSS.supports('color', v);
const short = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);

export function readAppSetup(raw: string | null): AppSetup {
  let s: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(raw || '{}');
    if (parsed && typeof parsed === 'object') s = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the defaults.
  }
  const colors = (s.colors && typeof s.colors === 'object' ? s.colors : {}) as Record<string, unknown>;
  const clientId = short(s.clientId, 200);
  const signature = short(s.clientIdSignature, 128);
  return {
    language: short(s.language, 35),
    header: isColor(colors.header) ? colors.header : null,
    headerText: isColor(colors.headerText) ? colors.headerText : null,
    identity: clientId && signature ? { clientId, signature } : null,
    inline: Boolean(s.embedTo),
  };
}

/** The header's colours, through the custom properties styles.css reads. */
export function applyColors(setup: AppSetup): void {
  const style = document.documentElement.style;
  if (setup.header) {
    style.setProperty('--brand', setup.header);
    style.setProperty('--brand-dark', setup.header);
  }
  if (setup.headerText) style.setProperty('--header-text', setup.headerText);
}
