// Where the visitor writes: Enter sends, Shift+Enter adds a line; the box grows with the text.
import { useImperativeHandle, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, Ref } from 'preact';
import { MAX_MESSAGE_LENGTH } from '@palique/protocol/constants';
import type { Texts } from './texts';
import { filesOf } from './attachments';

export interface ComposerHandle {
  focus(): void;
}

export function Composer(props: { t: Texts; onSend: (text: string) => void; onTyping?: (text: string) => void; handle: Ref<ComposerHandle>; tools?: ComponentChildren; onFiles?: (files: File[]) => void }) {
  const { t, onSend, onTyping, handle, tools, onFiles } = props;
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(handle, () => ({ focus: () => area.current?.focus() }), []);

  const resize = () => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  };
  const submit = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    requestAnimationFrame(resize);
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      // Files: images pasted and files dropped go out as messages of their own.
      onDragOver={(e) => onFiles && e.preventDefault()}
      onDrop={(e) => {
        const files = filesOf(e.dataTransfer);
        if (!onFiles || files.length === 0) return;
        e.preventDefault();
        onFiles(files);
      }}
      onPaste={(e) => {
        const files = filesOf(e.clipboardData);
        if (!onFiles || files.length === 0) return;
        e.preventDefault();
        onFiles(files);
      }}
    >
      {tools}
      <textarea
        ref={area}
        class="composer__input"
        aria-label={t.messageLabel}
        aria-describedby="composer-hint"
        placeholder={t.messagePlaceholder}
        rows={1}
        maxLength={MAX_MESSAGE_LENGTH}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onTyping?.(e.currentTarget.value); // C4: the agents' preview (throttled by the client)
          resize();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <span id="composer-hint" class="visually-hidden">
        {t.composerHint}
      </span>
      <button type="submit" class="send-button" aria-label={t.send} title={t.send}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M3.4 20.4l17.45-7.48a1 1 0 000-1.84L3.4 3.6a.993.993 0 00-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z" />
        </svg>
      </button>
    </form>
  );
}
