// C8: the columns an agent can show in the Visitors list, and their choice kept in this browser
// (localStorage). The visitor, status and actions columns are always there.
import { useState } from 'react';
import type { OnlineVisitor } from '@palique/protocol';
import { messages } from '../i18n/messages';
import { countryName } from '../conversations/visit-details';

const t = messages.onlineVisitors;
const v = messages.conversations.visit;

export type ColumnId = keyof typeof t.columns;

const STORAGE_KEY = 'palique:visitors:columns';
export const DEFAULT_COLUMNS: ColumnId[] = ['location', 'currentPage', 'referrer', 'system', 'visits', 'timeOnSite'];
export const ALL_COLUMNS = Object.keys(t.columns) as ColumnId[];

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function path(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** What a cell shows (text only: never HTML from visitors). `now` ticks time on site. */
export function cellOf(column: ColumnId, row: OnlineVisitor, now: number): React.ReactNode {
  switch (column) {
    case 'location':
      return [row.city, row.country && countryName(row.country)].filter(Boolean).join(', ') || v.unknown;
    case 'currentPage':
      return row.currentUrl ? (
        <span title={row.currentUrl}>
          <span className="visitor-page-title">{row.currentTitle || v.untitled}</span> <span className="visitor-page-path">{path(row.currentUrl)}</span>
        </span>
      ) : (
        v.unknown
      );
    case 'pages':
      return String(row.pageCount);
    case 'referrer':
      return row.referrer ? <span title={row.referrer}>{host(row.referrer)}</span> : t.direct;
    case 'system':
      return [row.os, row.browser].filter(Boolean).join(' · ') || v.unknown;
    case 'device':
      return row.device ?? v.unknown;
    case 'visits':
      return String(row.visits);
    case 'timeOnSite':
      return row.visitStartedAt ? v.duration(Math.max(0, Math.floor((now - new Date(row.visitStartedAt).getTime()) / 1000))) : '—';
    case 'language':
      return row.language ?? v.unknown;
  }
}

function readChoice(): ColumnId[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return ALL_COLUMNS.filter((c) => saved.includes(c));
  } catch {
    // unreadable or blocked storage: the defaults
  }
  return DEFAULT_COLUMNS;
}

/** The chosen columns, in the table's order, saved on every change. */
export function useColumnChoice(): [ColumnId[], (column: ColumnId, shown: boolean) => void] {
  const [chosen, setChosen] = useState(readChoice);
  const toggle = (column: ColumnId, shown: boolean) => {
    setChosen((before) => {
      const next = ALL_COLUMNS.filter((c) => (c === column ? shown : before.includes(c)));
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // the choice lasts this page only
      }
      return next;
    });
  };
  return [chosen, toggle];
}

export function ColumnPicker({ chosen, toggle }: { chosen: ColumnId[]; toggle: (c: ColumnId, shown: boolean) => void }) {
  return (
    <details className="visitor-columns">
      <summary className="button button-small">{t.columnsButton}</summary>
      <fieldset>
        <legend>{t.columnsLegend}</legend>
        {ALL_COLUMNS.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={chosen.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} /> {t.columns[c]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
