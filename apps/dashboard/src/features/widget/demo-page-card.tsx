// W1: the demo page: a link to try the widget, and "Demo page for other addresses" (the demo page
// is served to the server's own machine only unless this is on; saved at once).
import { useState } from 'react';
import { putDemoPageSetting } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.chatWidget;

/** The demo page on another origin than the dashboard, as a real site would be, where it is served. */
function demoPageUrl(forOtherAddresses: boolean): string | null {
  const { hostname, port, protocol, origin } = window.location;
  const at = (host: string) => `${protocol}//${host}${port ? `:${port}` : ''}/demo/`;
  if (hostname === 'localhost') return at('127.0.0.1');
  if (hostname === '127.0.0.1' || hostname === '[::1]') return at('localhost');
  return forOtherAddresses ? `${origin}/demo/` : null;
}

export function DemoPageCard({ forOtherAddresses: initial }: { forOtherAddresses: boolean }) {
  const [forOtherAddresses, setForOtherAddresses] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const demoUrl = demoPageUrl(forOtherAddresses);

  async function toggle(on: boolean) {
    setError(null);
    setSaved(false);
    // The box follows the click at once; a refused save puts it back and says why.
    setForOtherAddresses(on);
    try {
      setForOtherAddresses((await putDemoPageSetting({ forOtherAddresses: on })).forOtherAddresses);
      setSaved(true);
    } catch (err) {
      setForOtherAddresses(!on);
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">{m.tryIt}</h2>
      {demoUrl && (
        <>
          <p>{m.tryItIntro}</p>
          <a className="button" href={demoUrl} target="_blank" rel="noopener noreferrer">
            {m.openDemo}
            <span className="visually-hidden">{m.opensInNewTab}</span>
          </a>
        </>
      )}
      <p className="muted">{m.demoPage.intro}</p>
      <label>
        <input type="checkbox" checked={forOtherAddresses} onChange={(e) => void toggle(e.target.checked)} /> {m.demoPage.forOtherAddresses}
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <span aria-live="polite">{saved ? m.demoPage.saved : ''}</span>
    </section>
  );
}
