// Entry of the chat app (the iframe at /widget/?w=<widgetId>&o=<host origin>[&l=<language>][&s=<PaliqueSetup JSON>]):
// builds the client, links it to the loader and renders the panel in the visitor's language
// (W3: `l` or Palique('setLanguage', …) when the widget speaks it, else the browser's, else
// English; texts from the server). Runs under a CSP without inline script.
import { render } from 'preact';
import { VisitorChatClient, chooseWidgetLanguage, englishWidgetTexts, fetchWidgetTexts, supportedWidgetLanguage, type WidgetLanguage } from '@palique/client';
import { frameStorage, hostStorage } from './browser-storage';
import { linkToHost, parseHostOrigin } from './host-link';
import { ChatApp } from './chat-app';
import { applyColors, readAppSetup } from './app-setup';
import './styles.css';

const params = new URLSearchParams(location.search);
const widgetId = params.get('w');
const hostOrigin = parseHostOrigin(params.get('o'));
const root = document.getElementById('root')!;
const setup = readAppSetup(params.get('s'));
const browserLanguages = (): readonly string[] => (navigator.languages?.length ? navigator.languages : [navigator.language]);

async function start(widgetId: string): Promise<void> {
  const embedded = window.parent !== window && hostOrigin !== null;
  const storage = frameStorage() ?? (embedded ? await hostStorage(hostOrigin) : new Map<string, string>());
  const client = new VisitorChatClient({ baseUrl: location.origin, widgetId, storage, identity: setup.identity ?? undefined });
  applyColors(setup);
  const host = linkToHost(client, hostOrigin);
  void client.start();

  let wanted: WidgetLanguage | undefined;
  const show = async (requested: string | null) => {
    const language = chooseWidgetLanguage(requested, browserLanguages());
    if (language === wanted) return;
    wanted = language;
    const { texts } = await fetchWidgetTexts(location.origin, widgetId, language);
    if (language !== wanted) return; // a later setLanguage won
    document.documentElement.lang = language;
    render(<ChatApp client={client} host={host} storage={storage} widgetId={widgetId} embedded={embedded} inline={setup.inline} t={texts} />, root);
  };
  // A language the widget does not speak is ignored: it keeps the one it shows.
  host.onLanguage((language) => void (supportedWidgetLanguage(language) && show(language)));
  await show(params.get('l') ?? setup.language);
}

if (widgetId) void start(widgetId);
else root.textContent = englishWidgetTexts.missingWidget;
