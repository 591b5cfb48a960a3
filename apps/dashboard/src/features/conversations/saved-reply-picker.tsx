// C6: saved replies in the message box. Typing `/` and a keyword opens a list of the team's saved
// replies matching it (keyword, then text); ↑ ↓ move, Enter or a click puts the reply's text in
// place of `/keyword`, Escape closes. The box keeps the focus throughout: it points at the active
// option with aria-activedescendant, and a live region tells how many replies match. The
// composer only wires this hook in: its key handler, props for the box, the list and a button.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { SavedReply } from '@palique/protocol';
import { insertSavedReply, matchSavedReplies, parseMessage, plainTextOf, slashQueryAt } from '@palique/client';
import { listSavedReplies } from '../api/endpoints';
import { messages } from '../i18n/messages';
import './saved-reply-picker.css';

const m = messages.savedReplies.picker;

export interface SavedReplyPickerOptions {
  /** The message box. */
  field: RefObject<HTMLTextAreaElement | null>;
  /** Its text, and how to change it (as typing would). */
  text: string;
  setText: (text: string) => void;
}

export interface SavedReplyPicker {
  /** Call first in the box's key handler; true when the picker used the key. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Spread on the message box. */
  fieldProps: {
    onSelect: () => void;
    onFocus: () => void;
    onBlur: () => void;
    'aria-autocomplete': 'list';
    'aria-controls'?: string;
    'aria-activedescendant'?: string;
  };
  /** The list, shown above the box while open. */
  picker: ReactNode;
  /** The composer's "Saved replies" button: types the `/` that opens the list. */
  button: ReactNode;
}

export function useSavedReplyPicker({ field, text, setText }: SavedReplyPickerOptions): SavedReplyPicker {
  const id = useId();
  const listId = `${id}-saved-replies`;
  const optionId = (replyId: string) => `${id}-saved-reply-${replyId}`;
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  // The `/` whose list the agent closed with Escape: it stays closed until another `/` is typed.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [failed, setFailed] = useState(false);
  const caretAfterInsert = useRef<number | null>(null);

  const query = slashQueryAt(text, Math.min(caret, text.length));
  const open = focused && query !== null && query.start !== dismissedAt;
  const matches = open && replies ? matchSavedReplies(replies, query.query) : [];
  const current = matches[Math.min(active, matches.length - 1)];

  // The caret after each change of the text: where a typed `/keyword` ends, or after an inserted reply.
  useLayoutEffect(() => {
    const el = field.current;
    if (!el) return;
    if (caretAfterInsert.current !== null) {
      el.focus();
      el.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
      caretAfterInsert.current = null;
    }
    setCaret(el.selectionStart ?? text.length);
  }, [text, field]);

  useEffect(() => {
    if (!query) setDismissedAt(null);
  }, [query === null]);

  useEffect(() => setActive(0), [query?.query, query?.start]);

  // Asked afresh each time the list opens: a colleague may have added one meanwhile.
  useEffect(() => {
    if (!open) return;
    let live = true;
    listSavedReplies().then(
      (list) => {
        if (!live) return;
        setReplies(list.savedReplies);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [open]);

  useEffect(() => {
    if (current) document.getElementById(optionId(current.id))?.scrollIntoView({ block: 'nearest' });
  }, [current?.id]);

  function choose(reply: SavedReply) {
    if (!query) return;
    const next = insertSavedReply(text, query, reply.text);
    caretAfterInsert.current = next.caret;
    setText(next.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || !query || event.nativeEvent.isComposing) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      setDismissedAt(query.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (Math.min(a, matches.length - 1) + step + matches.length) % matches.length);
      return true;
    }
    if (event.key === 'Enter' && !event.shiftKey && current) {
      event.preventDefault();
      choose(current);
      return true;
    }
    return false;
  }

  function openFromButton() {
    const el = field.current;
    if (!el) return;
    setDismissedAt(null);
    if (query) {
      // A `/keyword` is already at the caret: back to it, with its list.
      el.focus();
      el.setSelectionRange(caret, caret);
      return;
    }
    const at = el.selectionStart ?? text.length;
    const slash = at > 0 && !/\s/.test(text[at - 1] ?? '') ? ' /' : '/';
    caretAfterInsert.current = at + slash.length;
    setText(text.slice(0, at) + slash + text.slice(at));
  }

  const picker = open ? (
    <div className="saved-reply-picker">
      {matches.length > 0 ? (
        // The box keeps the focus: a press on the list must not take it away.
        <ul role="listbox" id={listId} aria-label={m.list} className="saved-reply-options" onMouseDown={(e) => e.preventDefault()}>
          {matches.map((reply) => (
            <li
              key={reply.id}
              id={optionId(reply.id)}
              role="option"
              aria-selected={reply.id === current?.id}
              className="saved-reply-option"
              onClick={() => choose(reply)}
              onMouseMove={() => setActive(matches.indexOf(reply))}
            >
              <span className="saved-reply-option-keyword">/{reply.keyword}</span>
              {/* As the visitor reads it, without markup (and no links inside an option). */}
              <span className="saved-reply-option-text">{plainTextOf(parseMessage(reply.text))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="saved-reply-picker-note">
          {failed ? m.failed : !replies ? m.loading : replies.length === 0 ? m.noneYet : m.noMatch(query?.query ?? '')}
        </p>
      )}
      {matches.length > 0 && (
        <p className="saved-reply-picker-hint" aria-hidden="true">
          {m.hint}
        </p>
      )}
    </div>
  ) : null;

  return {
    onKeyDown,
    fieldProps: {
      onSelect: () => setCaret(field.current?.selectionStart ?? 0),
      onFocus: () => setFocused(true),
      onBlur: () => setFocused(false),
      'aria-autocomplete': 'list',
      ...(matches.length > 0 ? { 'aria-controls': listId } : {}),
      ...(current ? { 'aria-activedescendant': optionId(current.id) } : {}),
    },
    picker: (
      <>
        {picker}
        <p className="visually-hidden" role="status">
          {open && matches.length > 0 ? m.count(matches.length) : open && replies ? (replies.length === 0 ? m.noneYet : m.noMatch(query?.query ?? '')) : ''}
        </p>
      </>
    ),
    button: (
      <button type="button" className="button button-small composer-saved-replies" onClick={openFromButton}>
        <span aria-hidden="true" className="composer-saved-replies-slash">
          /
        </span>
        {m.button}
      </button>
    ),
  };
}
