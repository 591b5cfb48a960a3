// C3: the "Visit" part of the visitor column: current page, this visit's path, where they came
// from, visits, time on site and on the page (ticking), language, device / OS / browser, local
// time and location (with the attribution the location database's licence asks for). Loaded
// once, then updated live on `visitor:details` (sent for the watched visitor only).
import { useEffect, useState } from 'react';
import type { VisitorDetails } from '@palique/protocol';
import { getVisitorDetails } from '../api/endpoints';
import { useRealtime } from '../realtime/realtime-context';
import { messages } from '../i18n/messages';

const t = messages.conversations.visit;
/** A visit is over after this long without a page view (as on the server): the clocks stop. */
const VISIT_IDLE_MS = 30 * 60_000;

/** The time now, ticking every second (clocks of the visitor column and the Visitors list). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function seconds(from: string, to: number): number {
  return Math.max(0, Math.floor((to - new Date(from).getTime()) / 1000));
}

function localTime(d: VisitorDetails, now: number): string | null {
  if (d.timeZone) {
    try {
      return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: d.timeZone }).format(now) + ` (${d.timeZone})`;
    } catch {
      // a zone this browser does not know: the offset below
    }
  }
  if (d.utcOffsetMinutes === null) return null;
  const sign = d.utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(d.utcOffsetMinutes);
  const offset = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: 'UTC' }).format(now + d.utcOffsetMinutes * 60_000) + ` (${offset})`;
}

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function PageLink({ url, title }: { url: string; title: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" title={url}>
      {title || t.untitled}
    </a>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function VisitDetails({ visitorId }: { visitorId: string }) {
  const { client } = useRealtime();
  const [details, setDetails] = useState<VisitorDetails | null>(null);
  const [attribution, setAttribution] = useState<{ text: string; url: string } | null>(null);
  const now = useNow();

  useEffect(() => {
    let live = true;
    setDetails(null);
    const off = client.on('visitor:details', (d) => d.visitorId === visitorId && setDetails(d));
    // Only the watched visitor's page views are sent to this agent (again after each reconnect).
    void client.watchVisitor(visitorId);
    getVisitorDetails(visitorId).then(
      (answer) => {
        if (!live) return;
        setAttribution(answer.attribution);
        // A live update may have come in meanwhile: keep whichever is newer.
        if (answer.details) setDetails((current) => (current && current.lastSeenAt >= answer.details!.lastSeenAt ? current : answer.details));
      },
      () => undefined, // the rest of the column still shows
    );
    return () => {
      live = false;
      off();
      void client.watchVisitor(null);
    };
  }, [client, visitorId]);

  if (!details) {
    return (
      <section className="visit-details" aria-label={t.title}>
        <h3>{t.title}</h3>
        <p className="muted">{t.noPages}</p>
      </section>
    );
  }
  // After 30 minutes without a page view the visit is over: its clocks stop at the last one.
  const end = now - new Date(details.lastSeenAt).getTime() > VISIT_IDLE_MS ? new Date(details.lastSeenAt).getTime() : now;
  const place = [details.city, details.country ? countryName(details.country) : null].filter(Boolean).join(', ');
  const time = localTime(details, now);
  return (
    <section className="visit-details" aria-label={t.title}>
      <h3>{t.title}</h3>
      <dl className="visitor-fields">
        <Field label={t.currentPage}>{details.currentUrl ? <PageLink url={details.currentUrl} title={details.currentTitle ?? ''} /> : t.unknown}</Field>
        <Field label={t.referrer}>{details.referrer ? <PageLink url={details.referrer} title={details.referrer} /> : <span className="muted">{t.direct}</span>}</Field>
        <Field label={t.visits}>{details.visits}</Field>
        <Field label={t.timeOnSite}>
          <span data-testid="time-on-site">{t.duration(seconds(details.visitStartedAt, end))}</span>
        </Field>
        <Field label={t.timeOnPage}>{t.duration(seconds(details.pageStartedAt, end))}</Field>
        <Field label={t.language}>{details.language || t.unknown}</Field>
        <Field label={t.device}>{details.device || t.unknown}</Field>
        <Field label={t.os}>{details.os || t.unknown}</Field>
        <Field label={t.browser}>{details.browser || t.unknown}</Field>
        <Field label={t.localTime}>{time || t.unknown}</Field>
        <Field label={t.location}>
          {place || t.unknown}
          {place && attribution ? (
            <small className="visit-attribution">
              {' '}
              <a href={attribution.url} target="_blank" rel="noopener noreferrer">
                {attribution.text}
              </a>
            </small>
          ) : null}
        </Field>
      </dl>
      <h4>{t.pages(details.pages.length)}</h4>
      <ol className="visit-path" aria-label={t.pages(details.pages.length)}>
        {details.pages.map((p, i) => (
          <li key={`${p.at}-${i}`}>
            <PageLink url={p.url} title={p.title} />
          </li>
        ))}
      </ol>
    </section>
  );
}
