// A5: the agent's own working hours: which days, from when to when, in which time zone. At the
// start Palique sets them Online, at the end Invisible (the server keeps the timers).
import { FormFooter } from '../layout/form-footer';
import { useEffect, useState, type FormEvent } from 'react';
import type { WorkingDay, WorkingHoursState } from '@palique/protocol';
import { getSchedule, putSchedule } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.workingHours;
const DAY_NAMES = m.days;

interface DayRow {
  on: boolean;
  start: string;
  end: string;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function rowsOf(days: WorkingDay[]): DayRow[] {
  return DAY_NAMES.map((_, i) => {
    const d = days.find((x) => x.day === i + 1);
    return d ? { on: true, start: d.start, end: d.end } : { on: false, start: '09:00', end: '17:00' };
  });
}

export function WorkingHoursForm() {
  const [timeZone, setTimeZone] = useState(browserZone);
  const [rows, setRows] = useState<DayRow[]>(() => rowsOf([]));
  const [state, setState] = useState<WorkingHoursState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (s: WorkingHoursState) => {
    setState(s);
    if (s.schedule) {
      setTimeZone(s.schedule.timeZone);
      setRows(rowsOf(s.schedule.days));
    }
  };

  useEffect(() => {
    getSchedule().then(show, (err) => setError(errorMessage(err)));
  }, []);

  const update = (i: number, change: Partial<DayRow>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const days = rows.flatMap((r, i) => (r.on ? [{ day: i + 1, start: r.start, end: r.end }] : []));
    try {
      show(await putSchedule({ timeZone, days }));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="working-hours-title">
      <h2 id="working-hours-title">{m.title}</h2>
      <p className="muted">{m.intro}</p>
      <form onSubmit={save} className="working-hours">
        <label className="field">
          <span>{m.timeZone}</span>
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required maxLength={64} />
        </label>
        <table className="working-hours-days">
          <tbody>
            {rows.map((r, i) => (
              <tr key={DAY_NAMES[i]}>
                <th scope="row">
                  <label>
                    <input type="checkbox" checked={r.on} onChange={(e) => update(i, { on: e.target.checked })} /> {DAY_NAMES[i]}
                  </label>
                </th>
                <td>
                  <input type="time" aria-label={m.start(DAY_NAMES[i]!)} value={r.start} disabled={!r.on} onChange={(e) => update(i, { start: e.target.value })} />
                </td>
                <td>
                  <input type="time" aria-label={m.end(DAY_NAMES[i]!)} value={r.end} disabled={!r.on} onChange={(e) => update(i, { end: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormFooter error={error} submitLabel={m.save} saved={saved} />
        {state?.next && (
          <p className="muted">
            {m.next(messages.team.statuses[state.next.status], new Date(state.next.at).toLocaleString())}
          </p>
        )}
      </form>
    </section>
  );
}
