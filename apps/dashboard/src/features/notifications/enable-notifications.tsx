// The "Enable notifications" button, or what the browser's current permission means.
import { useState } from 'react';
import { notificationPermission, requestNotificationPermission } from './desktop-notifications';

export function EnableNotifications() {
  const [permission, setPermission] = useState(notificationPermission);

  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p className="sidebar-note">Desktop notifications are on.</p>;
  if (permission === 'denied') return <p className="sidebar-note">Notifications are blocked. Allow them in your browser's site settings.</p>;
  return (
    <button type="button" className="button button-small sidebar-button" onClick={async () => setPermission(await requestNotificationPermission())}>
      Enable notifications
    </button>
  );
}
