// W1: the "Chat widget" section: the embed snippet to paste into a site, with Copy (and a warning
// when it points at localhost while the dashboard is reached elsewhere), installation guides per
// site builder, the demo page and its setting, and (W3) the widget's texts per language. Owner
// and admins only, as on the server.
import { useEffect, useState } from 'react';
import type { WidgetInstall } from '@palique/protocol';
import { getWidgetInstall } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { messages } from '../features/i18n/messages';
import { WidgetTextsEditor } from '../features/widget/widget-texts-editor';
import { IdentitySecret } from '../features/widget/identity-secret';
import { SnippetBox } from '../features/widget/snippet-box';
import { LocalhostWarning } from '../features/widget/localhost-warning';
import { InstallGuides } from '../features/widget/install-guides';
import { DemoPageCard } from '../features/widget/demo-page-card';
import '../features/widget/chat-widget.css';

const m = messages.chatWidget;

export function ChatWidgetScreen() {
  const [install, setInstall] = useState<WidgetInstall | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getWidgetInstall().then(setInstall, (err) => setError(errorMessage(err)));
  }, []);

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
            <LocalhostWarning install={install} />
            <SnippetBox id="embed-code" snippet={install.snippet} labelledBy="embed-title" copyLabel={m.copy} copiedLabel={m.copied} />
            <p className="muted">
              {m.widgetId} <code>{install.widgetId}</code>
            </p>
          </>
        ) : (
          !error && <p className="muted">{m.loading}</p>
        )}
      </section>
      {install && <InstallGuides snippet={install.snippet} />}
      {install && <DemoPageCard forOtherAddresses={install.demoPageForOtherAddresses} />}
      <IdentitySecret />
      <WidgetTextsEditor />
    </div>
  );
}
