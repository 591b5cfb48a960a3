// C8: the status column's icons: has chat history, received a proactive message, opened the chat
// window (and chatting now). Each is an image with its own accessible name and a tooltip.
import type { OnlineVisitor } from '@palique/protocol';
import { messages } from '../i18n/messages';

const t = messages.onlineVisitors.icons;

const paths = {
  // a speech bubble
  history: 'M3 4h14v9H8l-4 3v-3H3z',
  // a megaphone
  proactive: 'M3 8h3l8-4v12l-8-4H3zM6 12l1 4h2l-1-4',
  // a window
  opened: 'M3 4h14v12H3zM3 7h14',
  // two bubbles
  chatting: 'M2 3h11v7H6l-3 2v-2H2zM8 12h5l3 2v-2h2V6h-3',
};

function Icon({ kind }: { kind: keyof typeof paths }) {
  return (
    <span role="img" aria-label={t[kind]} title={t[kind]} className={`visitor-icon visitor-icon-${kind}`} data-icon={kind}>
      <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
        <path d={paths[kind]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      </svg>
    </span>
  );
}

export function StatusIcons({ row }: { row: OnlineVisitor }) {
  return (
    <span className="visitor-icons">
      {row.chatting && <Icon kind="chatting" />}
      {(row.chattedBefore || row.chatting) && <Icon kind="history" />}
      {row.proactive && <Icon kind="proactive" />}
      {row.chatOpened && <Icon kind="opened" />}
    </span>
  );
}
