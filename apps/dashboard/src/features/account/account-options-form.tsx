// A4: the account option "Notify me of new chats while invisible if the online agents are slow
// to answer", with its delay, and C1's time an owner has to answer before the chat returns to the
// queue (owner and admins only, as on the server).
import { FormFooter } from '../layout/form-footer';
import { useEffect, useState, type FormEvent } from 'react';
import type { AccountOptions } from '@palique/protocol';
import { getAccountOptions, putAccountOptions } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.accountOptions;

export function AccountOptionsForm() {
  const [options, setOptions] = useState<AccountOptions | null>(null);
  const [minutes, setMinutes] = useState('2');
  const [returnMinutes, setReturnMinutes] = useState('2');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getAccountOptions().then(
      (o) => {
        setOptions(o);
        setMinutes(String(Math.round((o.notifyInvisibleDelaySeconds / 60) * 10) / 10));
        setReturnMinutes(String(Math.round(((o.queueReturnSeconds ?? 120) / 60) * 10) / 10));
      },
      (err) => setError(errorMessage(err)),
    );
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!options) return;
    setError(null);
    try {
      setOptions(await putAccountOptions({
          ...options,
          notifyInvisibleDelaySeconds: Math.round(Number(minutes) * 60),
          queueReturnSeconds: Math.round(Number(returnMinutes) * 60),
        }));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="account-options-title">
      <h2 id="account-options-title">{m.title}</h2>
      {options ? (
        <form onSubmit={save}>
          <label>
            <input
              type="checkbox"
              checked={options.notifyInvisibleWhenSlow}
              onChange={(e) => {
                setSaved(false);
                setOptions({ ...options, notifyInvisibleWhenSlow: e.target.checked });
              }}
            />{' '}
            {m.notifyInvisible}
          </label>
          <label className="field">
            <span>{m.after}</span>
            <input type="number" min="0.5" max="1440" step="0.5" value={minutes} onChange={(e) => (setSaved(false), setMinutes(e.target.value))} />
          </label>
          <label className="field">
            <span>{m.queueReturn}</span>
            <input
              type="number"
              min="0"
              max="1440"
              step="0.5"
              value={returnMinutes}
              onChange={(e) => (setSaved(false), setReturnMinutes(e.target.value))}
            />
          </label>
          <FormFooter error={error} submitLabel={m.save} saved={saved} />
        </form>
      ) : (
        <p className="muted">{error ?? m.loading}</p>
      )}
    </section>
  );
}
