// The Queue / Mine / All / Closed tabs with their counts; arrow keys move between tabs (ARIA tabs pattern).
import { useRef, type KeyboardEvent } from 'react';
import type { ConversationView } from '@palique/protocol';
import { messages } from '../i18n/messages';

const m = messages.conversations;
const TABS: { view: ConversationView; label: string }[] = (['queue', 'mine', 'all', 'closed'] as const).map((view) => ({ view, label: m.tabs[view] }));

export const tabId = (view: ConversationView) => `conversations-tab-${view}`;
export const PANEL_ID = 'conversations-panel';

export function ConversationTabs({
  view,
  counts,
  onChange,
}: {
  view: ConversationView;
  counts: Record<ConversationView, number>;
  onChange: (view: ConversationView) => void;
}) {
  const refs = useRef<Partial<Record<ConversationView, HTMLButtonElement | null>>>({});

  function onKeyDown(event: KeyboardEvent) {
    const index = TABS.findIndex((t) => t.view === view);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (index + TABS.length - 1) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(TABS[next].view);
    refs.current[TABS[next].view]?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={m.tabsLabel} onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.view}
          ref={(el) => {
            refs.current[t.view] = el;
          }}
          id={tabId(t.view)}
          type="button"
          role="tab"
          aria-selected={view === t.view}
          aria-controls={PANEL_ID}
          tabIndex={view === t.view ? 0 : -1}
          className="tab"
          onClick={() => onChange(t.view)}
        >
          {t.label} <span className={`tab-count${counts[t.view] > 0 ? ' has-items' : ''}`}>{counts[t.view]}</span>
        </button>
      ))}
    </div>
  );
}
