// The panel's header: who you are talking to, whether they are online (W2), and "Minimize".
import type { WidgetMode } from '@palique/protocol';
import type { Texts } from './texts';

/** Honest states: without a connection the widget cannot know who is online, so it says "Connecting…". */
export function ChatHeader({ t, mode, connected, onMinimize }: { t: Texts; mode: WidgetMode; connected: boolean; onMinimize?: () => void }) {
  const live = connected && mode === 'live';
  return (
    <header class="header">
      <div class="header__avatar" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="22" height="22">
          <path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z" />
        </svg>
        <span class={`header__dot ${live ? 'header__dot--live' : ''}`} />
      </div>
      <div class="header__text">
        <h1 class="header__title">{t.title}</h1>
        <p class="header__status" role="status">
          {!connected ? t.statusConnecting : live ? t.statusLive : t.statusMessenger}
        </p>
      </div>
      {onMinimize && (
        <button type="button" class="icon-button" aria-label={t.minimize} title={t.minimize} onClick={onMinimize}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="M6 9l6 6 6-6" />
          </svg>
        </button>
      )}
    </header>
  );
}
