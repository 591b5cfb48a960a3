// C8: "Agent seats" (owner and admins): the Visitors list shows 10 visitors per seat; empty means
// no limit (the self-hosted default). The server checks the value and enforces the cap.
import { useEffect, useState, type FormEvent } from 'react';
import { FormFooter } from '../layout/form-footer';
import { getSeats, putSeats } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.onlineVisitors.seats;

export function SeatsForm() {
  const [seats, setSeats] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getSeats().then(
      (s) => setSeats(s.seats === null ? '' : String(s.seats)),
      (err) => setError(errorMessage(err)),
    );
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const value = seats?.trim() ? Number(seats) : null;
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > 10_000)) return setError(m.invalid);
    try {
      const answer = await putSeats(value);
      setSeats(answer.seats === null ? '' : String(answer.seats));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="seats-title">
      <h2 id="seats-title">{m.title}</h2>
      {seats !== null ? (
        <form onSubmit={save} noValidate>
          <label className="field">
            <span>{m.label}</span>
            <input type="number" min="1" max="10000" step="1" placeholder={m.unlimited} value={seats} onChange={(e) => (setSaved(false), setSeats(e.target.value))} />
          </label>
          <p className="muted">{m.help}</p>
          <FormFooter error={error} submitLabel={m.save} saved={saved} />
        </form>
      ) : (
        <p className="muted">{error ?? messages.onlineVisitors.loading}</p>
      )}
    </section>
  );
}
