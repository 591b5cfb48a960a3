// T3: the account's "not invasive" rules: how long after arrival the first targeted message may
// come, and how long after one no other comes.
import { useEffect, useState, type FormEvent } from 'react';
import type { TriggerSettings } from '@palique/protocol';
import { getTriggerSettings, putTriggerSettings } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { FormFooter } from '../layout/form-footer';
import { messages } from '../i18n/messages';

const m = messages.triggers;

export function TriggerSettingsForm() {
  const [settings, setSettings] = useState<TriggerSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getTriggerSettings().then(setSettings, (err) => setError(errorMessage(err)));
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings) return;
    setError(null);
    try {
      setSettings(await putTriggerSettings(settings));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const change = (key: keyof TriggerSettings, value: string) => {
    setSaved(false);
    if (settings) setSettings({ ...settings, [key]: Number(value) });
  };

  return (
    <section className="card" aria-labelledby="trigger-settings-title">
      <h2 id="trigger-settings-title">{m.settingsTitle}</h2>
      {settings ? (
        <form onSubmit={(e) => void save(e)} className="trigger-row">
          <label className="field">
            <span>{m.minDelay}</span>
            <input type="number" min="1" max="3600" value={settings.minDelaySeconds} onChange={(e) => change('minDelaySeconds', e.target.value)} />
          </label>
          <label className="field">
            <span>{m.quiet}</span>
            <input type="number" min="0" max="86400" value={settings.quietSeconds} onChange={(e) => change('quietSeconds', e.target.value)} />
          </label>
          <FormFooter error={error} submitLabel={m.saveSettings} saved={saved} savedLabel={m.settingsSaved} />
        </form>
      ) : (
        <p className="muted">{error ?? m.loading}</p>
      )}
    </section>
  );
}
