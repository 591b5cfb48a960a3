// Data protection: "Delete conversations and visitors older than N days" (owner and admins; off
// by default), with what the daily job did last.
import { useEffect, useState, type FormEvent } from 'react';
import type { RetentionStatus } from '@palique/protocol';
import { FormFooter } from '../layout/form-footer';
import { getRetention, putRetention } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { formatFullTime } from '../conversations/format-time';
import { messages } from '../i18n/messages';

const m = messages.retention;

export function RetentionForm() {
  const [status, setStatus] = useState<RetentionStatus | null>(null);
  const [days, setDays] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getRetention().then(
      (s) => {
        setStatus(s);
        setDays(String(s.days));
      },
      (err) => setError(errorMessage(err)),
    );
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setStatus(await putRetention(Math.max(0, Math.round(Number(days) || 0))));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{m.title}</h2>
      {status ? (
        <form onSubmit={save}>
          <label className="field">
            <span>{m.days}</span>
            <input type="number" min="0" max="36500" step="1" value={days} onChange={(e) => (setSaved(false), setDays(e.target.value))} />
          </label>
          <p className="muted">{m.hint}</p>
          <p className="muted">{status.lastRunAt ? m.lastRun(formatFullTime(status.lastRunAt), status.lastDeleted) : m.never}</p>
          <FormFooter error={error} submitLabel={m.save} saved={saved} />
        </form>
      ) : (
        <p className="muted">{error ?? m.loading}</p>
      )}
    </section>
  );
}
