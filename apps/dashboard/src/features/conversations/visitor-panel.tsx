// C3: the right-hand "Visitor" column: contact details and the site's custom data
// (Palique('setVisitor' / 'setData', …)), updated live on `visitor:updated`.
import type { Visitor } from '@palique/protocol';
import { formatFullTime } from './format-time';
import { visitorLabel } from './visitor-name';

function showValue(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

export function VisitorPanel({ visitor }: { visitor: Visitor | null }) {
  const data = visitor ? Object.entries(visitor.data) : [];
  return (
    <aside className="visitor-panel" aria-labelledby="visitor-panel-title">
      <h2 id="visitor-panel-title">Visitor</h2>
      {!visitor ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <dl className="visitor-fields">
            <div>
              <dt>Name</dt>
              <dd>{visitorLabel(visitor.name, visitor.id)}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{visitor.email || <span className="muted">Not given</span>}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{visitor.phone || <span className="muted">Not given</span>}</dd>
            </div>
            <div>
              <dt>First seen</dt>
              <dd>{formatFullTime(visitor.createdAt)}</dd>
            </div>
            <div>
              <dt>Last seen</dt>
              <dd>{formatFullTime(visitor.lastSeenAt)}</dd>
            </div>
          </dl>
          <h3>Data from the site</h3>
          {data.length === 0 ? (
            <p className="muted">None yet. Sites send it with Palique('setData', …).</p>
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
