// Entry of the loader (/widget.js): reads its script tag, waits for <body>, builds the widget
// and replaces the snippet's queueing stub with the real Charla() API, replaying queued calls
// in order. Everything is wrapped so the host page never sees an exception from us (W1).
import { readConfig } from './script-config';
import { createWidget } from './widget';

type CharlaGlobal = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };

function boot(): void {
  const w = window as unknown as { Charla?: CharlaGlobal };
  if (w.Charla?.loaded) return; // the snippet was pasted twice
  const config = readConfig();
  if (!config) return console.warn('Charla: no data-widget-id');

  const start = () => {
    try {
      const queued = w.Charla?.q || [];
      const api = createWidget(config) as CharlaGlobal;
      api.loaded = true;
      w.Charla = api;
      for (const args of Array.from(queued)) api(...Array.from(args));
    } catch (err) {
      console.error('Charla:', err);
    }
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}

try {
  boot();
} catch (err) {
  console.error('Charla:', err);
}
