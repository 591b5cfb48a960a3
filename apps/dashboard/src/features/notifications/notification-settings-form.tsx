// A6: the agent's own notification settings in the Settings screen: sound, and which events
// notify (here and in pushes to their other devices). Each switch saves at once.
import { useEffect, useState } from 'react';
import type { NotificationSettings } from '@palique/protocol';
import { errorMessage } from '../api/http';
import { loadNotificationSettings, saveNotificationSettings, useNotificationSettings } from './notification-settings';
import { messages } from '../i18n/messages';

const m = messages.notificationSettings;
const SWITCHES: Array<[keyof NotificationSettings, string]> = [
  ['newChat', m.newChat],
  ['newMessage', m.newMessage],
  ['sound', m.sound],
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
      <h2 id="notification-settings-title">{m.title}</h2>
      {loaded ? (
        <>
          {SWITCHES.map(([key, label]) => (
            <label key={key}>
              <input type="checkbox" checked={settings[key]} onChange={(e) => void toggle(key, e.target.checked)} /> {label}
            </label>
          ))}
          <p className="muted">{m.pushHint}</p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <span aria-live="polite">{saved ? m.saved : ''}</span>
        </>
      ) : (
        <p className="muted">{error ?? m.loading}</p>
      )}
    </section>
  );
}
