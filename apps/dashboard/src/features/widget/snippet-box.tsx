// W1: the whole snippet, read-only and monospace, wrapping instead of scrolling sideways, with a
// Copy button. Used by the embed code card and by every installation guide.
import { useEffect, useRef, useState } from 'react';

export interface SnippetBoxProps {
  id: string;
  snippet: string;
  /** The id of the element naming the box (a heading), or a visible label of its own. */
  labelledBy?: string;
  label?: string;
  copyLabel: string;
  copiedLabel: string;
}

/** Rows enough for the whole snippet at ~60 characters a line, where field-sizing is not supported. */
const rowsFor = (snippet: string) => snippet.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / 60)), 1);

export function SnippetBox({ id, snippet, labelledBy, label, copyLabel, copiedLabel }: SnippetBoxProps) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      // No clipboard access (plain http, permissions): select the text for Ctrl+C instead.
      field.current?.focus();
      field.current?.select();
    }
  }

  return (
    <div className="snippet-box">
      {label && (
        <label className="snippet-label" htmlFor={id}>
          {label}
        </label>
      )}
      <textarea
        id={id}
        aria-labelledby={labelledBy}
        ref={field}
        className="embed-code"
        readOnly
        value={snippet}
        rows={rowsFor(snippet)}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="card-actions">
        <button type="button" className="button-primary" onClick={copy}>
          {/* Live, so screen readers hear the confirmation where the focus is. */}
          <span aria-live="polite">{copied ? copiedLabel : copyLabel}</span>
        </button>
      </div>
    </div>
  );
}
