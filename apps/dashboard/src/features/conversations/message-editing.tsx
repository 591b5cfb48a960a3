// C5: editing your own messages. ↑ in the empty message box (or "Edit" in a message's menu)
// opens the message's text in an edit box in place of the composer: Enter saves, Escape cancels.
// The thread (packages/client) applies the stored edit; the message then shows "edited".
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorCode, MAX_MESSAGE_LENGTH, type Message } from '@palique/protocol';
import { AgentClientError } from '@palique/client';
import { messages as texts } from '../i18n/messages';
import { formatFullTime } from './format-time';
import './message-edits.css';

const t = texts.messageEdits;

export interface MessageEditing {
  /** The message being edited, if any. */
  editing: Message | null;
  /** Starts editing `message` (the menu's "Edit"). */
  start: (message: Message) => void;
  /** ↑ in the empty message box: edits the agent's last message; false when there is none. */
  editLast: () => boolean;
  cancel: () => void;
  /** Saves the new text; resolves with an error to show, or null once stored. */
  save: (text: string) => Promise<string | null>;
}

export function useMessageEditing(
  thread: { messages: Message[]; edit: (messageId: string, text: string) => Promise<unknown> },
  myId: string,
): MessageEditing {
  const [editingId, setEditingId] = useState<string | null>(null);
  const { messages, edit } = thread;
  // The message as it now reads (another tab may have edited it meanwhile).
  const editing = (editingId && messages.find((m) => m.id === editingId)) || null;

  const start = useCallback((m: Message) => setEditingId(m.id), []);
  const cancel = useCallback(() => setEditingId(null), []);
  const editLast = useCallback(() => {
    const last = [...messages].reverse().find((m) => m.authorType === 'agent' && m.authorId === myId);
    if (last) setEditingId(last.id);
    return !!last;
  }, [messages, myId]);
  const save = useCallback(
    async (text: string): Promise<string | null> => {
      if (!editing) return null;
      if (!text.trim()) return t.empty;
      if (text.length > MAX_MESSAGE_LENGTH) return t.tooLong(MAX_MESSAGE_LENGTH);
      if (text === editing.text) {
        setEditingId(null);
        return null;
      }
      try {
        await edit(editing.id, text);
        setEditingId(null);
        return null;
      } catch (err) {
        if (err instanceof AgentClientError && err.code === ErrorCode.NotMessageAuthor) return t.notAuthor;
        return err instanceof Error ? err.message : String(err);
      }
    },
    [editing, edit],
  );
  return { editing, start, editLast, cancel, save };
}

/**
 * Wraps the composer: ↑ in its empty message box edits the agent's last message. The composer is
 * hidden (and keeps its draft) while the edit box shows.
 */
export function ComposerSlot({ editing, children }: { editing: MessageEditing; children: ReactNode }) {
  const slot = useRef<HTMLDivElement>(null);
  const isEditing = editing.editing !== null;
  const wasEditing = useRef(false);

  // Back in the message box once the edit is saved or cancelled.
  useEffect(() => {
    if (wasEditing.current && !isEditing) slot.current?.querySelector('textarea')?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);

  function onKeyDownCapture(event: KeyboardEvent<HTMLDivElement>) {
    const box = event.target;
    if (event.key !== 'ArrowUp' || !(box instanceof HTMLTextAreaElement) || box.value !== '') return;
    if (editing.editLast()) event.preventDefault();
  }
  return (
    <div className="composer-slot" ref={slot} hidden={isEditing} onKeyDownCapture={onKeyDownCapture}>
      {children}
    </div>
  );
}

/** The edit box, in place of the composer while a message is being edited. */
export function MessageEditor({ message, onSave, onCancel }: { message: Message; onSave: (text: string) => Promise<string | null>; onCancel: () => void }) {
  const [text, setText] = useState(message.text);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    const problem = await onSave(text);
    setSaving(false);
    setError(problem);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form className="composer message-editor" onSubmit={submit}>
      <label htmlFor="message-editor-text" className="message-editor-label">
        {t.label}
      </label>
      <textarea
        id="message-editor-text"
        ref={field}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        aria-describedby="message-editor-hint message-editor-error"
        aria-invalid={error ? true : undefined}
      />
      <div className="composer-actions">
        <p id="message-editor-hint" className="message-editor-hint">
          {t.hint}
        </p>
        <p id="message-editor-error" className="composer-error" role="alert">
          {error}
        </p>
        <div className="message-editor-buttons">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? t.saving : t.save}
          </button>
        </div>
      </div>
    </form>
  );
}

/** "edited" beside a message's time; the time of the edit on hover. */
export function EditedMark({ message }: { message: Message }) {
  if (!message.editedAt) return null;
  return (
    <span className="message-edited" title={t.editedAt(formatFullTime(message.editedAt))}>
      {t.edited}
    </span>
  );
}
