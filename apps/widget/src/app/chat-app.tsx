// The chat panel inside the iframe: header, thread, composer, and the link to the loader
// (ready/mode/unread notices out; open/close in).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { KeyValueStorage, VisitorChatClient } from '@palique/client';
import type { HostLink } from './host-link';
import { ChatHeader } from './chat-header';
import { TeamStrip } from './team';
import { MessageList } from './message-list';
import { Composer, type ComposerHandle } from './composer';
import { useClientState } from './use-client-state';
import { useUnread } from './unread';
import { agentsTyping, type Texts } from './texts';
import { AttachButton, FileUrlsContext, useFileSender } from './attachments';
import { useAutoMessages, withAutoMessages } from './auto-messages';
import { EmailAsk } from './email-ask';

interface Props {
  client: VisitorChatClient;
  host: HostLink;
  storage: KeyValueStorage;
  widgetId: string;
  embedded: boolean;
  /** W7 embedded mode: the chat is part of the host page, always open (no "Minimize"). */
  inline?: boolean;
  t: Texts;
}

export function ChatApp({ client, host, storage, widgetId, embedded, inline = false, t }: Props) {
  const state = useClientState(client);
  const [open, setOpen] = useState(host.open);
  const composer = useRef<ComposerHandle>(null);
  const fileUrls = useMemo(() => (id: string) => client.fileUrls(id), [client]);
  const files = useFileSender(t, (file) => client.uploadFile(file, file.name).then((u) => client.send('', u.attachment)));
  const auto = useAutoMessages(host, open);
  const unread = useUnread(state.messages, open, storage, `palique:${widgetId}:read`, state.synced) + auto.unread;
  const messages = useMemo(() => withAutoMessages(state.messages, auto.messages), [state.messages, auto.messages]);

  useEffect(
    () =>
      host.onPanel((isOpen) => {
        setOpen(isOpen);
        if (isOpen) composer.current?.focus();
      }),
    [host],
  );
  useEffect(() => host.post({ type: 'unread', count: unread }), [host, unread]);
  // C8: the agents' online list shows who opened the chat window.
  useEffect(() => {
    if (open) client.chatOpened();
  }, [client, open]);
  // W5: what is on screen with the panel open is read (the team sees "Seen").
  const lastSeq = state.messages.reduce((max, m) => (m.seq !== null && m.seq > max ? m.seq : max), 0);
  useEffect(() => {
    if (open && lastSeq > 0) void client.markRead(lastSeq);
  }, [client, open, lastSeq]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && embedded && !inline) host.post({ type: 'requestClose' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [host, embedded, inline]);

  return (
    <FileUrlsContext.Provider value={fileUrls}>
    <div class="chat">
      <ChatHeader t={t} mode={state.mode} connected={state.connected} onMinimize={embedded && !inline ? () => host.post({ type: 'requestClose' }) : undefined} />
      <TeamStrip t={t} team={state.team} />
      {!state.connected && state.synced && (
        <p class="banner" role="status">
          {t.offline}
        </p>
      )}
      <MessageList t={t} messages={messages} mode={state.mode} agentReadSeq={state.agentReadSeq} onRetry={(id) => void client.retry(id)} />
      {/* C4: who of the team is writing a reply now; a live region so screen readers hear it too. */}
      <p class="typing" role="status">
        {agentsTyping(t, state.agentsTyping)}
      </p>
      <EmailAsk t={t} client={client} state={state} storage={storage} widgetId={widgetId} />
      {files.status && (
        <p class="upload-status" role="status">
          {files.status}
        </p>
      )}
      <Composer
        t={t}
        handle={composer}
        onTyping={(text) => client.typing(text)}
        onSend={(text) => void client.send(text).catch(() => {})}
        tools={<AttachButton t={t} onFiles={(f) => void files.send(f)} />}
        onFiles={(f) => void files.send(f)}
      />
    </div>
    </FileUrlsContext.Provider>
  );
}
