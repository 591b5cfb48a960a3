// Search above the conversation lists: what the agent types (debounced) finds conversations by
// visitor name, email or message text; each result opens its conversation. The matching words
// come as offsets and are rendered as <mark> elements, never as HTML.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { ConversationSearchHit, HighlightedText } from '@palique/protocol';
import { searchConversations } from '../api/endpoints';
import { messages } from '../i18n/messages';
import { formatFullTime, formatListTime } from './format-time';
import { visitorLabel } from './visitor-name';
import { VisitorAvatar } from './visitor-avatar';
import './conversation-search.css';

const t = messages.search;
/** Wait this long after the last keystroke before searching. */
const DEBOUNCE_MS = 250;

interface Results {
  q: string;
  hits: ConversationSearchHit[];
  nextCursor: string | null;
}

/** The text with its highlighted parts as <mark> elements. */
function Highlighted({ value }: { value: HighlightedText }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of value.highlights) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={start}>{value.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}

export function ConversationSearch() {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Only the answer to the latest query is shown (an older, slower one is ignored).
  const latest = useRef('');
  const query = q.trim();

  useEffect(() => {
    latest.current = query;
    if (!query) {
      setResults(null);
      setError(null);
      setBusy(false);
      return;
    }
    setBusy(true);
    const timer = setTimeout(() => {
      searchConversations(query).then(
        (r) => {
          if (latest.current !== query) return;
          setResults({ q: query, ...r });
          setError(null);
          setBusy(false);
        },
        (err: Error) => {
          if (latest.current !== query) return;
          setError(err.message);
          setBusy(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const loadMore = () => {
    if (!results?.nextCursor) return;
    const shown = results;
    searchConversations(shown.q, shown.nextCursor).then(
      (r) => latest.current === shown.q && setResults({ q: shown.q, hits: [...shown.hits, ...r.hits], nextCursor: r.nextCursor }),
      (err: Error) => setError(err.message),
    );
  };

  const status = !query ? '' : busy ? t.searching : error ? error : results && results.hits.length === 0 ? t.nothingFound(results.q) : results ? t.found(results.hits.length, !!results.nextCursor) : '';

  return (
    <div className="conversation-search" role="search">
      <div className="conversation-search-box">
        <label htmlFor="conversation-search-input" className="visually-hidden">
          {t.label}
        </label>
        <input
          id="conversation-search-input"
          type="search"
          value={q}
          placeholder={t.placeholder}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setQ('')}
        />
      </div>
      <p className="conversation-search-status" role="status">
        {status}
      </p>
      {query && results && results.hits.length > 0 && (
        <div className="conversation-search-results" role="region" aria-label={t.results}>
          <ul className="conversation-list">
            {results.hits.map((hit) => (
              <SearchResult key={hit.conversation.id} hit={hit} />
            ))}
          </ul>
          {results.nextCursor && (
            <button type="button" className="button-link load-older" onClick={loadMore}>
              {t.more}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function SearchResult({ hit }: { hit: ConversationSearchHit }) {
  const c = hit.conversation;
  const name = visitorLabel(c.visitorName, c.visitorId);
  const at = hit.message?.createdAt ?? c.lastMessageAt;
  return (
    <li className="conversation-row">
      <NavLink to={`/conversations/${c.id}`} className="conversation-item">
        <VisitorAvatar visitorId={c.visitorId} name={c.visitorName} />
        <span className="conversation-item-body">
          <span className="conversation-item-top">
            <span className="conversation-item-name">{name}</span>
            {at && (
              <time dateTime={at} title={formatFullTime(at)}>
                {formatListTime(at)}
              </time>
            )}
          </span>
          <span className="conversation-search-snippet">
            {hit.message?.authorType === 'agent' && t.agentPrefix}
            <Highlighted value={hit.snippet} />
          </span>
        </span>
      </NavLink>
    </li>
  );
}
