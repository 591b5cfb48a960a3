// The reply box: one rounded box with the text, a row of tools (emoji, saved replies, and what
// the screen adds: the attach button), the keyboard hint and Send. Enter sends, Shift+Enter adds a
// line (and Enter while composing with an IME, e.g. Japanese, only confirms the composition).
import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { EmojiPicker } from './emoji-picker';
import { useSavedReplyPicker } from './saved-reply-picker';
import { filesOf } from '../files/attachments';
import { messages } from '../i18n/messages';

const t = messages.conversations.composer;

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
  /** Where the caret goes once an inserted piece of text is on screen. */
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = field.current;
    if (caret.current === null || !el) return;
    el.focus();
    el.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [text]);

  function change(next: string) {
    setText(next);
    onTyping?.(next); // C4: "… is typing" for the visitor
  }

  /** Puts `piece` where the caret was (replacing a selection), as typing it would. */
  function insertAtCaret(piece: string) {
    const el = field.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    caret.current = start + piece.length;
    change(text.slice(0, start) + piece + text.slice(end));
  }

  // C6: `/keyword` picks a saved reply; inserting one counts as typing.
  const savedReplies = useSavedReplyPicker({ field, text, setText: change });

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const problem = onSend(text);
    setError(problem);
    if (!problem) setText('');
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (savedReplies.onKeyDown(event)) return;
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
        {t.label}
      </label>
      <textarea
        id="composer-message"
        ref={field}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        rows={2}
        placeholder={t.placeholder}
        aria-describedby={error ? 'composer-error composer-hint' : 'composer-hint'}
        aria-invalid={error ? true : undefined}
        disabled={disabled}
        {...savedReplies.fieldProps}
      />
      {savedReplies.picker}
      <div className="composer-actions">
        <div className="composer-tools" role="group" aria-label={t.tools}>
          <EmojiPicker onPick={insertAtCaret} disabled={disabled} />
          {savedReplies.button}
          {tools}
        </div>
        <p id="composer-error" className="composer-error" role="alert">
          {error}
        </p>
        <p id="composer-hint" className="composer-hint">
          {t.hint}
        </p>
        <button type="submit" className="button-primary composer-send" disabled={disabled}>
          {t.send}
          <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M5 12h13M13 6l6 6-6 6" />
          </svg>
        </button>
      </div>
    </form>
  );
}
