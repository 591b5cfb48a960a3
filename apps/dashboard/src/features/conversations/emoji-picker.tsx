// The composer's emoji button: a small popover of common emoji, each a button with its name for
// screen readers. Arrow keys move between them, Enter or a click inserts one (the composer puts
// it at the caret), Escape or a click elsewhere closes it and focus goes back to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { messages } from '../i18n/messages';

const t = messages.conversations.emoji;
const COLUMNS = 8;

export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const choices = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    choices.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close() {
    setOpen(false);
    trigger.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = t.choices.length - 1;
    const next =
      event.key === 'ArrowRight' ? Math.min(active + 1, last)
      : event.key === 'ArrowLeft' ? Math.max(active - 1, 0)
      : event.key === 'ArrowDown' ? Math.min(active + COLUMNS, last)
      : event.key === 'ArrowUp' ? Math.max(active - COLUMNS, 0)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    } else if (next >= 0) {
      event.preventDefault();
      setActive(next);
    }
  }

  return (
    <div className="emoji-picker" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="composer-tool"
        aria-label={t.button}
        title={t.button}
        aria-expanded={open}
        aria-controls={open ? `${id}-dialog` : undefined}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => (open ? setOpen(false) : (setActive(0), setOpen(true)))}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
          <circle cx="12" cy="12" r="9" />
          <path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8" />
          <path d="M9 9.5h.01M15 9.5h.01" strokeWidth="2.6" />
        </svg>
      </button>
      {open && (
        <div id={`${id}-dialog`} className="emoji-popover" role="dialog" aria-label={t.dialog} onKeyDown={onKeyDown}>
          <div className="emoji-grid" role="group" aria-label={t.dialog}>
            {t.choices.map(([emoji, name], i) => (
              <button
                key={emoji}
                ref={(el) => {
                  choices.current[i] = el;
                }}
                type="button"
                className="emoji-choice"
                aria-label={name}
                title={name}
                tabIndex={i === active ? 0 : -1}
                onClick={() => {
                  setOpen(false);
                  onPick(emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
