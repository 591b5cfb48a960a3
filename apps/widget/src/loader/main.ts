// Entry of the loader (/widget.js): reads its script tag, waits for <body>, builds the widget
// and replaces the snippet's queueing stub with the real Palique() API, replaying queued calls
// in order. Everything is wrapped so the host page never sees an exception from us (W1).
import { readConfig } from './script-config';
import { createWidget } from './widget';

type PaliqueGlobal = ((...args: unknown[]) => void) & { q?: unknown[][]; loaded?: boolean };

function boot(): void {
  const w = window as unknown as { Palique?: PaliqueGlobal };
  if (w.Palique?.loaded) return; // the snippet was pasted twice
  const config = readConfig();
  if (!config) return console.warn('Palique: no data-widget-id');

  const start = () => {
    try {
      const queued = w.Palique?.q || [];
      // A queued setLanguage picks the frame's first language, so it does not load in another first.
      for (const args of queued) if (args[0] === 'setLanguage') config.setup = { ...config.setup, language: args[1] as string };
      // Off on this device (PaliqueSetup.mobileOnly, disableOnMobile): calls do nothing.
      const api = (createWidget(config) || (() => {})) as PaliqueGlobal;
      api.loaded = true;
      w.Palique = api;
      for (const args of queued) api(...args);
    } catch (err) {
      console.error('Palique:', err);
    }
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}

try {
  boot();
} catch (err) {
  console.error('Palique:', err);
}
