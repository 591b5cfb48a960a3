// A6: the agent's own notification settings in the Settings screen: sound, and which events
// notify (here and in pushes to their other devices). Each switch saves at once.
import { useEffect, useState } from 'react';
import type { NotificationSettings } from '@palique/protocol';
import { errorMessage } from '../api/http';
import { loadNotificationSettings, saveNotificationSettings, useNotificationSettings } from './notification-settings';

const SWITCHES: Array<[keyof NotificationSettings, string]> = [
  ['newChat', 'Notify me of new chats'],
  ['newMessage', 'Notify me of new messages in chats'],
  ['sound', 'Play a sound'],
];

export function NotificationSettingsForm() {
  const settings = useNotificationSettings();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    loadNotificationSettings().then(
      () => setLoaded(true),
      (err) => setError(errorMessage(err)),
    );
  }, []);

  async function toggle(key: keyof NotificationSettings, on: boolean) {
    setError(null);
    setSaved(false);
    try {
      await saveNotificationSettings({ ...settings, [key]: on });
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">Notifications</h2>
      {loaded ? (
        <>
          {SWITCHES.map(([key, label]) => (
            <label key={key}>
              <input type="checkbox" checked={settings[key]} onChange={(e) => void toggle(key, e.target.checked)} /> {label}
            </label>
          ))}
          <p className="muted">
            With the dashboard closed, notices come as push notifications to every browser where you enabled them. On your phone
            they wait 30 seconds when you also use a desktop, and are dropped if you answer there first.
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <span aria-live="polite">{saved ? 'Saved' : ''}</span>
        </>
      ) : (
        <p className="muted">{error ?? 'Loading…'}</p>
      )}
    </section>
  );
}
