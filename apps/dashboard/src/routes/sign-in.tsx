// Sign in with email and password (POST /api/auth/login).
import { useState, type FormEvent } from 'react';
import type { Me } from '@palique/protocol';
import { signIn } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { AuthCard } from '../features/auth/auth-card';
import { FormError } from '../features/auth/form-error';

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
    <AuthCard title="Sign in to Palique">
      <form onSubmit={submit} aria-label="Sign in" noValidate>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" autoComplete="username" required maxLength={254} />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <FormError message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
