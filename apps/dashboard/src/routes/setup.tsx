// First run: creates the owner's account and the site (POST /api/setup), then signs in.
import { useState, type FormEvent } from 'react';
import type { Me } from '@palique/protocol';
import { setUp } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { AuthCard } from '../features/auth/auth-card';
import { FormError } from '../features/auth/form-error';
import { messages } from '../features/i18n/messages';

const m = messages.setup;

export function SetupScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await setUp({ name: field('name'), email: field('email'), password: field('password'), siteName: field('siteName') }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <AuthCard title={m.title} intro={m.intro}>
      <form onSubmit={submit} aria-label={m.title} noValidate>
        <label className="field">
          <span>{m.name}</span>
          <input name="name" autoComplete="name" required maxLength={100} placeholder={m.namePlaceholder} />
        </label>
        <label className="field">
          <span>{m.email}</span>
          <input name="email" type="email" autoComplete="email" required maxLength={254} />
        </label>
        <div className="field">
          <label htmlFor="setup-password">{m.password}</label>
          <input id="setup-password" name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} aria-describedby="password-hint" />
          <small id="password-hint">{m.passwordHint}</small>
        </div>
        <label className="field">
          <span>{m.siteName}</span>
          <input name="siteName" required maxLength={100} placeholder={m.siteNamePlaceholder} />
        </label>
        <FormError message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? m.busy : m.submit}
        </button>
      </form>
    </AuthCard>
  );
}
