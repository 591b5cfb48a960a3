// Honest states: the workspace says when it is not connected, so an agent never trusts a list or
// a status that stopped updating. The first connection gets a moment before "Connecting…" shows
// (no flash on every load); a drop or a lost network shows at once.
import { useEffect, useState } from 'react';
import { useRealtime } from '../realtime/realtime-context';
import { messages } from '../i18n/messages';

const m = messages.layout;
const FIRST_CONNECT_GRACE_MS = 1500;

export function ConnectionBanner() {
  const { connection } = useRealtime();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (connection !== 'connecting') return;
    const timer = setTimeout(() => setSlow(true), FIRST_CONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [connection]);

  const text =
    connection === 'offline' ? m.offline
    : connection === 'reconnecting' ? m.connectionLost
    : connection === 'connecting' && slow ? m.connecting
    : '';
  return (
    <p className={`connection-banner${text ? ' is-visible' : ''}${connection === 'offline' ? ' is-offline' : ''}`} role="status" data-connection={connection}>
      {text && <span className="connection-banner-dot" aria-hidden="true" />}
      {text}
    </p>
  );
}
