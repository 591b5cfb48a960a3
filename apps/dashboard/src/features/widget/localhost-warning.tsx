// W1: without PUBLIC_URL the snippet points at http://localhost:PORT, which only the server's own
// machine reaches. When the dashboard is opened under another address, say so and how to fix it.
import type { WidgetInstall } from '@palique/protocol';
import { messages } from '../i18n/messages';

const w = messages.chatWidget.localhostWarning;

export function snippetOnlyWorksHere(install: WidgetInstall, dashboardOrigin: string): boolean {
  return !install.publicUrlSet && new URL(install.publicUrl).origin !== dashboardOrigin;
}

export function LocalhostWarning({ install }: { install: WidgetInstall }) {
  const dashboardOrigin = window.location.origin;
  if (!snippetOnlyWorksHere(install, dashboardOrigin)) return null;
  return (
    <div className="snippet-warning" role="note" aria-labelledby="localhost-warning-title">
      <p id="localhost-warning-title" className="snippet-warning-title">
        {w.title}
      </p>
      <p>{w.body(new URL(install.publicUrl).origin, dashboardOrigin)}</p>
      <p>
        {w.fix[0]}
        <code>PUBLIC_URL</code>
        {w.fix[1]}
        <code>{w.example}</code>
        {w.fix[2]}
      </p>
    </div>
  );
}
