// The end of a settings form: its error in words, the submit button and a "Saved" that is announced.
import { messages } from '../i18n/messages';
export function FormFooter({ error, submitLabel, saved, savedLabel = messages.form.saved }: { error: string | null | undefined; submitLabel: string; saved: boolean; savedLabel?: string }) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="button-primary">
          {submitLabel}
        </button>
        <span role="status">{saved ? savedLabel : ''}</span>
      </div>
    </>
  );
}
