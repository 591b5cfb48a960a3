// Entry of the chat app (the iframe at /widget/?w=<widgetId>&o=<host origin>): builds the
// client, links it to the loader and renders the panel. Runs under a CSP without inline script.
import { render } from 'preact';
import { VisitorChatClient } from '@palique/client';
import { frameStorage, hostStorage } from './browser-storage';
import { linkToHost, parseHostOrigin } from './host-link';
import { ChatApp } from './chat-app';
import { texts } from './texts';
import './styles.css';

const params = new URLSearchParams(location.search);
const widgetId = params.get('w');
const hostOrigin = parseHostOrigin(params.get('o'));
const root = document.getElementById('root')!;

async function start(widgetId: string): Promise<void> {
  const embedded = window.parent !== window && hostOrigin !== null;
  const storage = frameStorage() ?? (embedded ? await hostStorage(hostOrigin) : new Map<string, string>());
  const client = new VisitorChatClient({ baseUrl: location.origin, widgetId, storage });
  const host = linkToHost(client, hostOrigin);
  render(<ChatApp client={client} host={host} storage={storage} widgetId={widgetId} embedded={embedded} t={texts} />, root);
  void client.start();
}

if (widgetId) void start(widgetId);
else root.textContent = texts.missingWidget;
