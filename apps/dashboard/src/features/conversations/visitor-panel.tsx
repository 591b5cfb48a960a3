// C3: the right-hand "Visitor" column: contact details and the site's custom data
// (Palique('setVisitor' / 'setData', …)), updated live on `visitor:updated`.
import type { Visitor } from '@palique/protocol';
import { formatFullTime } from './format-time';
import { visitorLabel } from './visitor-name';
import { messages } from '../i18n/messages';

const m = messages.visitorPanel;

function showValue(value: string | number | boolean | null): string {
  if (value === null) return m.none;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  return String(value);
}

export function VisitorPanel({ visitor }: { visitor: Visitor | null }) {
  const data = visitor ? Object.entries(visitor.data) : [];
  return (
    <aside className="visitor-panel" aria-labelledby="visitor-panel-title">
      <h2 id="visitor-panel-title">{m.title}</h2>
      {!visitor ? (
        <p className="muted">{m.loading}</p>
      ) : (
        <>
          <dl className="visitor-fields">
            <div>
              <dt>{m.name}</dt>
              <dd>{visitorLabel(visitor.name, visitor.id)}</dd>
            </div>
            <div>
              <dt>{m.email}</dt>
              <dd>{visitor.email || <span className="muted">{m.notGiven}</span>}</dd>
            </div>
            <div>
              <dt>{m.phone}</dt>
              <dd>{visitor.phone || <span className="muted">{m.notGiven}</span>}</dd>
            </div>
            <div>
              <dt>{m.firstSeen}</dt>
              <dd>{formatFullTime(visitor.createdAt)}</dd>
            </div>
            <div>
              <dt>{m.lastSeen}</dt>
              <dd>{formatFullTime(visitor.lastSeenAt)}</dd>
            </div>
          </dl>
          <h3>{m.data}</h3>
          {data.length === 0 ? (
            <p className="muted">{m.noData}</p>
          ) : (
            <dl className="visitor-fields visitor-data">
              {data.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{showValue(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </aside>
  );
}
