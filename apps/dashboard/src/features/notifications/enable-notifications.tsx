// The "Enable notifications" button, or what the browser's current permission means. Once
// allowed, this browser is subscribed to Web Push (A6) so notices arrive with the dashboard
// closed too, and the agent's notification settings are loaded for the in-page notices.
import { useEffect, useState } from 'react';
import { notificationPermission, requestNotificationPermission } from './desktop-notifications';
import { loadNotificationSettings } from './notification-settings';
import { subscribeToPush } from './push-subscription';
import { messages } from '../i18n/messages';

const m = messages.enableNotifications;

export function EnableNotifications() {
  const [permission, setPermission] = useState(notificationPermission);

  useEffect(() => {
    void loadNotificationSettings().catch(() => undefined);
  }, []);

  useEffect(() => {
    // Again on every start: the browser may have renewed its subscription meanwhile.
    if (permission === 'granted') void subscribeToPush().catch(() => false);
  }, [permission]);

  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p className="sidebar-note">{m.on}</p>;
  if (permission === 'denied') return <p className="sidebar-note">{m.blocked}</p>;
  return (
    <button type="button" className="button button-small sidebar-button" onClick={async () => setPermission(await requestNotificationPermission())}>
      {m.enable}
    </button>
  );
}
