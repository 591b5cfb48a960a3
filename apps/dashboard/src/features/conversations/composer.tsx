// The reply box: Enter sends, Shift+Enter adds a line (and Enter while composing with an
// IME, e.g. Japanese, only confirms the composition).
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { messages } from '../i18n/messages';

const t = messages.composer;

export function Composer({ onSend, onTyping, disabled }: { onSend: (text: string) => string | null; onTyping?: (text: string) => void; disabled?: boolean }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const problem = onSend(text);
    setError(problem);
    if (!problem) setText('');
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-message" className="visually-hidden">
        {t.label}
      </label>
      <textarea
        id="composer-message"
        ref={field}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onTyping?.(e.target.value); // C4: "… is typing" for the visitor
        }}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder={t.placeholder}
        aria-describedby={error ? 'composer-error' : undefined}
        aria-invalid={error ? true : undefined}
        disabled={disabled}
      />
      <div className="composer-actions">
        <p id="composer-error" className="composer-error" role="alert">
          {error}
        </p>
        <button type="submit" className="button-primary" disabled={disabled}>
          {t.send}
        </button>
      </div>
    </form>
  );
}
