// Sign in with email and password (POST /api/auth/login).
import { useState, type FormEvent } from 'react';
import type { Me } from '@palique/protocol';
import { signIn } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { AuthCard } from '../features/auth/auth-card';
import { FormError } from '../features/auth/form-error';
import { messages } from '../features/i18n/messages';

const m = messages.signIn;

export function SignInScreen({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <AuthCard title={m.title}>
      <form onSubmit={submit} aria-label={m.submit} noValidate>
        <label className="field">
          <span>{m.email}</span>
          <input name="email" type="email" autoComplete="username" required maxLength={254} />
        </label>
        <label className="field">
          <span>{m.password}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <FormError message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? m.busy : m.submit}
        </button>
      </form>
    </AuthCard>
  );
}
