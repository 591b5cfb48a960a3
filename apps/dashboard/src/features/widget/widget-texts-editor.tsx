// W3: "Chat widget texts": every widget text of one language, with small EN / ES buttons to
// switch the language being edited. A field shows the account's own text, or is empty with the
// default as its placeholder; clearing a field restores the default (the server drops blanks).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { WIDGET_LANGUAGES, WIDGET_TEXT_KEYS, type WidgetLanguage, type WidgetTextsEditor as Editor } from '@palique/protocol';
import { getWidgetTexts, putWidgetTexts } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.widgetTexts;
/** Texts long enough to deserve a few lines. */
const LONG = new Set<string>(['greetingLive', 'greetingMessenger', 'offline']);

export function WidgetTextsEditor() {
  const [language, setLanguage] = useState<WidgetLanguage>('en');
  const [editor, setEditor] = useState<Editor | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let current = true;
    setEditor(null);
    setStatus('idle');
    setError(null);
    getWidgetTexts(language).then(
      (loaded) => {
        if (!current) return;
        setEditor(loaded);
        setValues({ ...loaded.overrides } as Record<string, string>);
      },
      (err) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [language]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus('saving');
    setError(null);
    try {
      const saved = await putWidgetTexts(language, values);
      setEditor(saved);
      setValues({ ...saved.overrides } as Record<string, string>);
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="texts-heading">
        <h2 id={`${id}-title`}>{m.title}</h2>
        <div className="language-switch" role="group" aria-label={m.languagePicker}>
          {WIDGET_LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              className="button button-small"
              aria-pressed={l === language}
              title={m.languages[l]}
              onClick={() => setLanguage(l)}
            >
              {m.languageButton(l)}
              <span className="visually-hidden"> ({m.languages[l]})</span>
            </button>
          ))}
        </div>
      </div>
      <p className="muted">{m.intro}</p>
      <p className="muted">{m.placeholders}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {editor ? (
        <form className="texts-form" onSubmit={(e) => void save(e)} lang={editor.language}>
          {WIDGET_TEXT_KEYS.map((key) => {
            const props = {
              id: `${id}-${key}`,
              value: values[key] ?? '',
              placeholder: editor.defaults[key],
              maxLength: 500,
              onChange: (e: { currentTarget: { value: string } }) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [key]: value }));
                setStatus('idle');
              },
            };
            return (
              <div className="field" key={`${editor.language}-${key}`}>
                <label htmlFor={props.id} lang="en">
                  {m.labels[key]}
                </label>
                {LONG.has(key) ? <textarea rows={2} {...props} /> : <input {...props} />}
              </div>
            );
          })}
          <div className="card-actions">
            <button type="submit" className="button-primary" disabled={status === 'saving'}>
              {status === 'saving' ? m.saving : m.save}
            </button>
            <span role="status">{status === 'saved' ? m.saved : ''}</span>
          </div>
        </form>
      ) : (
        !error && <p className="muted">{m.loading}</p>
      )}
    </section>
  );
}
