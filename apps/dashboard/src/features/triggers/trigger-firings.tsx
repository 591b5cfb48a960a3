// T1: in the visitor's column, the targeted messages triggers sent them (which trigger, on which
// page, when). Reloaded shortly after a trigger's message reaches the dashboard.
import { useEffect, useState } from 'react';
import type { TriggerFiring } from '@palique/protocol';
import { getTriggerFirings } from '../api/endpoints';
import { useRealtime } from '../realtime/realtime-context';
import { formatFullTime } from '../conversations/format-time';
import { messages } from '../i18n/messages';

const m = messages.triggers;
/** How long after a trigger's message its firing is surely recorded. */
const RECORDED_AFTER_MS = 1_000;

export function TriggerFirings({ visitorId }: { visitorId: string }) {
  const { client } = useRealtime();
  const [firings, setFirings] = useState<TriggerFiring[]>([]);

  useEffect(() => {
    let live = true;
    const load = () => getTriggerFirings(visitorId).then((a) => live && setFirings(a.firings), () => undefined);
    void load();
    // A trigger's message (its client id says so) may be this visitor's: look again once its
    // firing is recorded (right after the message is stored).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('message:new', (message) => {
      if (!message.clientId.startsWith('trigger-')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), RECORDED_AFTER_MS);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      off();
    };
  }, [client, visitorId]);

  if (firings.length === 0) return null;
  return (
    <section aria-labelledby={`firings-${visitorId}`} className="trigger-firings">
      <h3 id={`firings-${visitorId}`}>{m.firingsTitle}</h3>
      <ul>
        {firings.map((f) => (
          <li key={f.id}>
            {m.firing(f.triggerName)}
            {f.pageUrl && (
              <>
                {' '}
                {m.firingOn} <span className="trigger-firing-page">{f.pageUrl}</span>
              </>
            )}
            <br />
            <small className="muted">{formatFullTime(f.firedAt)}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
