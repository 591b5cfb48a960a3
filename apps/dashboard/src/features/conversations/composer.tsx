// The reply box: Enter sends, Shift+Enter adds a line (and Enter while composing with an
// IME, e.g. Japanese, only confirms the composition).
import { useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { filesOf } from '../files/attachments';

export function Composer(props: { onSend: (text: string) => string | null; onTyping?: (text: string) => void; disabled?: boolean; tools?: ReactNode; onFiles?: (files: File[]) => void }) {
  const { onSend, onTyping, disabled, tools, onFiles } = props;
  // Files: images pasted and files dropped into the box go out as messages of their own.
  const takeFiles = (data: DataTransfer | null, event: { preventDefault(): void }) => {
    const files = filesOf(data);
    if (!onFiles || files.length === 0) return;
    event.preventDefault();
    onFiles(files);
  };
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
    <form
      className="composer"
      onSubmit={submit}
      onDragOver={(e) => onFiles && e.preventDefault()}
      onDrop={(e) => takeFiles(e.dataTransfer, e)}
      onPaste={(e) => takeFiles(e.clipboardData, e)}
    >
      <label htmlFor="composer-message" className="visually-hidden">
        Message
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
        placeholder="Type your reply… (Enter to send, Shift+Enter for a new line)"
        aria-describedby={error ? 'composer-error' : undefined}
        aria-invalid={error ? true : undefined}
        disabled={disabled}
      />
      <div className="composer-actions">
        {tools}
        <p id="composer-error" className="composer-error" role="alert">
          {error}
        </p>
        <button type="submit" className="button-primary" disabled={disabled}>
          Send
        </button>
      </div>
    </form>
  );
}
