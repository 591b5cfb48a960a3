// T5: "Start chat" from the Visitors list: a short composer; the message goes to the visitor's
// widget at once (the server creates their conversation if needed), then the conversation opens.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCode, MAX_MESSAGE_LENGTH } from '@palique/protocol';
import { newClientId } from '@palique/client';
import { startChat } from '../api/endpoints';
import { ApiError, errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const t = messages.onlineVisitors;

export function StartChatComposer({ visitorId, name, onClose }: { visitorId: string; name: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // The same id on a retry after a lost answer: the server stores the message once.
  const [clientId] = useState(newClientId);

  useEffect(() => box.current?.focus(), []);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { conversation } = await startChat(visitorId, { clientId, text });
      navigate(`/conversations/${encodeURIComponent(conversation.id)}`);
    } catch (err) {
      setError(err instanceof ApiError && err.code === ErrorCode.VisitorOffline ? t.left : errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="card start-chat" aria-labelledby="start-chat-title" onSubmit={(e) => void send(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 id="start-chat-title">{t.startChatWith(name)}</h2>
      <label className="field">
        <span>{t.message}</span>
        <textarea
          ref={box}
          rows={3}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder={t.placeholder}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) void send(e);
          }}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="start-chat-actions">
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
          {busy ? t.sending : t.send}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
