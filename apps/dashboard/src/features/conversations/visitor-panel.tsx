// C3: the right-hand "Visitor" column: who they are (avatar, name or the generated one, email),
// contact details (edited in VisitorCrm) and the site's custom data (Palique('setVisitor' / 'setData', …)), updated
// live on `visitor:updated`.
import type { Visitor } from '@palique/protocol';
import { visitorIdentity } from '@palique/client';
import { formatFullTime } from './format-time';
import { VisitorAvatar } from './visitor-avatar';
import { VisitorCrm } from './visitor-crm';
import { VisitDetails } from './visit-details';
import { TriggerFirings } from '../triggers/trigger-firings';
import { messages } from '../i18n/messages';

const t = messages.conversations;

function showValue(value: string | number | boolean | null): string {
  if (value === null) return t.visitor.none;
  if (typeof value === 'boolean') return value ? t.visitor.yes : t.visitor.no;
  return String(value);
}

export function VisitorPanel({ visitor, conversationId }: { visitor: Visitor | null; conversationId?: string }) {
  const data = visitor ? Object.entries(visitor.data) : [];
  const who = visitor ? visitorIdentity(visitor.id, visitor.name) : null;
  return (
    <aside className="visitor-panel" aria-labelledby="visitor-panel-title">
      <h2 id="visitor-panel-title" className="visitor-panel-heading">
        {t.visitor.title}
      </h2>
      {!visitor || !who ? (
        <p className="muted">{t.loading}</p>
      ) : (
        <>
          <div className="visitor-card">
            <VisitorAvatar visitorId={visitor.id} name={visitor.name} size="large" />
            <p className="visitor-card-name">{who.name}</p>
            <p className="visitor-card-sub">{visitor.email || (who.generated ? t.anonymous : '')}</p>
          </div>
          <dl className="visitor-fields">
            {/* Name, email and phone are edited in the contact details below (VisitorCrm). */}
            <div>
              <dt>{t.visitor.firstSeen}</dt>
              <dd>{formatFullTime(visitor.createdAt)}</dd>
            </div>
            <div>
              <dt>{t.visitor.lastSeen}</dt>
              <dd>{formatFullTime(visitor.lastSeenAt)}</dd>
            </div>
          </dl>
          <VisitDetails visitorId={visitor.id} />
          <TriggerFirings visitorId={visitor.id} />
          <h3>{t.visitor.data}</h3>
          {data.length === 0 ? (
            <p className="muted">{t.visitor.noData}</p>
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
          <VisitorCrm key={visitor.id} visitor={visitor} conversationId={conversationId} />
        </>
      )}
    </aside>
  );
}
