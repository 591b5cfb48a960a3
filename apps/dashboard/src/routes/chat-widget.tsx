// W1: the "Chat widget" section: the embed snippet to paste into a site, with Copy, a link to
// the demo page to try the widget, and (W3) the widget's texts per language. Owner and admins
// only, as on the server.
import { useEffect, useRef, useState } from 'react';
import type { WidgetInstall } from '@palique/protocol';
import { getWidgetInstall } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { messages } from '../features/i18n/messages';
import { WidgetTextsEditor } from '../features/widget/widget-texts-editor';
import { IdentitySecret } from '../features/widget/identity-secret';
import '../features/widget/chat-widget.css';

/** The server serves its demo page on 127.0.0.1, another origin than localhost, like a real site. */
function demoPageUrl(): string | null {
  const { hostname, port, protocol } = window.location;
  if (hostname !== 'localhost') return null;
  return `${protocol}//127.0.0.1${port ? `:${port}` : ''}/demo/`;
}

const m = messages.chatWidget;

export function ChatWidgetScreen() {
  const [install, setInstall] = useState<WidgetInstall | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const snippetField = useRef<HTMLTextAreaElement>(null);
  const demoUrl = demoPageUrl();

  useEffect(() => {
    getWidgetInstall().then(setInstall, (err) => setError(errorMessage(err)));
  }, []);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    if (!install) return;
    try {
      await navigator.clipboard.writeText(install.snippet);
      setCopied(true);
    } catch {
      // No clipboard access (plain http, permissions): select the text for Ctrl+C instead.
      snippetField.current?.focus();
      snippetField.current?.select();
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <h1>{m.title}</h1>
        <p className="page-intro">
          {m.intro[0]}
          <code>&lt;/body&gt;</code>
          {m.intro[1]}
        </p>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {/* The heading labels the snippet itself; labelling the section too would make two "Embed code"s. */}
      <section className="card">
        <h2 id="embed-title">{m.embedCode}</h2>
        {install ? (
          <>
            <textarea
              id="embed-code"
              aria-labelledby="embed-title"
              ref={snippetField}
              className="embed-code"
              readOnly
              value={install.snippet}
              rows={Math.min(14, install.snippet.split('\n').length + 1)}
              spellCheck={false}
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="card-actions">
              <button type="button" className="button-primary" onClick={copy}>
                {/* Live, so screen readers hear the confirmation where the focus is. */}
                <span aria-live="polite">{copied ? m.copied : m.copy}</span>
              </button>
            </div>
            <p className="muted">
              {m.widgetId} <code>{install.widgetId}</code>
            </p>
          </>
        ) : (
          !error && <p className="muted">{m.loading}</p>
        )}
      </section>
      {demoUrl && (
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title">{m.tryIt}</h2>
          <p>{m.tryItIntro}</p>
          <a className="button" href={demoUrl} target="_blank" rel="noopener noreferrer">
            {m.openDemo}
            <span className="visually-hidden">{m.opensInNewTab}</span>
          </a>
        </section>
      )}
      <IdentitySecret />
      <WidgetTextsEditor />
    </div>
  );
}
