// C6: the form of one saved reply, new or being edited: keyword and text. It checks them with the
// protocol's own schema, so each field's problem shows under it in words before anything is sent;
// a keyword another reply has (the server's 409) shows the same way.
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorCode, MAX_MESSAGE_LENGTH, MAX_SAVED_REPLY_KEYWORD_LENGTH, SavedReplyBody } from '@palique/protocol';
import { ApiError, errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.savedReplies;

type Field = 'keyword' | 'text';
type Problems = Partial<Record<Field, string>>;

/** What is wrong with each field, in words (the schema's issue codes name the kind of problem). */
function check(keyword: string, text: string): { body: SavedReplyBody; problems?: undefined } | { body?: undefined; problems: Problems } {
  const parsed = SavedReplyBody.safeParse({ keyword, text });
  if (parsed.success) return { body: parsed.data };
  const problems: Problems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'text' ? 'text' : 'keyword';
    problems[field] ??=
      field === 'keyword'
        ? issue.code === 'too_big'
          ? m.errors.keywordTooLong(MAX_SAVED_REPLY_KEYWORD_LENGTH)
          : issue.code === 'invalid_format'
            ? m.errors.keywordFormat
            : m.errors.keywordMissing
        : issue.code === 'too_big'
          ? m.errors.textTooLong(MAX_MESSAGE_LENGTH)
          : m.errors.textMissing;
  }
  return { problems };
}

export interface SavedReplyFormProps {
  /** The reply being edited; a new one when absent. */
  initial?: { keyword: string; text: string };
  submitLabel: string;
  busyLabel: string;
  /** Saves; throws the API's error when the server refuses. */
  onSubmit: (body: SavedReplyBody) => Promise<void>;
  onCancel?: () => void;
  /** Accessible name of the form. */
  label: string;
}

export function SavedReplyForm({ initial, submitLabel, busyLabel, onSubmit, onCancel, label }: SavedReplyFormProps) {
  const id = useId();
  const [keyword, setKeyword] = useState(initial?.keyword ?? '');
  const [text, setText] = useState(initial?.text ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keywordField = useRef<HTMLInputElement>(null);
  const textField = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const checked = check(keyword, text);
    if (checked.problems) {
      setProblems(checked.problems);
      (checked.problems.keyword ? keywordField : textField).current?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      await onSubmit(checked.body);
      if (!initial) {
        setKeyword('');
        setText('');
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.SavedReplyKeywordTaken) {
        setProblems({ keyword: m.errors.keywordTaken(checked.body.keyword) });
        keywordField.current?.focus();
      } else {
        setFormError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field, hint: string) => [hint, problems[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ');

  return (
    <form className="saved-reply-form" onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-keyword`}>{m.keyword}</label>
        <div className="saved-reply-keyword-input">
          <span aria-hidden="true">/</span>
          <input
            id={`${id}-keyword`}
            ref={keywordField}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus={Boolean(initial)}
            aria-invalid={problems.keyword ? true : undefined}
            aria-describedby={describedBy('keyword', `${id}-keyword-hint`)}
          />
        </div>
        <small id={`${id}-keyword-hint`}>{m.keywordHint}</small>
        {problems.keyword && (
          <p id={`${id}-keyword-error`} className="field-error" role="alert">
            {problems.keyword}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{m.text}</label>
        <textarea
          id={`${id}-text`}
          ref={textField}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          aria-invalid={problems.text ? true : undefined}
          aria-describedby={describedBy('text', `${id}-text-hint`)}
        />
        <small id={`${id}-text-hint`}>{m.textHint}</small>
        {problems.text && (
          <p id={`${id}-text-error`} className="field-error" role="alert">
            {problems.text}
          </p>
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {m.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
