// A2: the page an invitation link opens (/join/<token>): the colleague sets their name and
// password ("Join") and lands in the dashboard signed in. A used, revoked or expired link shows
// why, with a way to sign in instead.
import { useEffect, useState, type FormEvent } from 'react';
import type { InvitationPreview, Me } from '@palique/protocol';
import { getInvitation, joinTeam } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { AuthCard } from '../features/auth/auth-card';
import { FormError } from '../features/auth/form-error';
import { messages } from '../features/i18n/messages';

const m = messages.join;

/** The token of a /join/<token> address, or null. */
export function joinTokenOf(pathname: string): string | null {
  const match = /^\/join\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

export function JoinScreen({ token, onSignedIn, onSignIn }: { token: string; onSignedIn: (me: Me) => void; onSignIn: () => void }) {
  const [invitation, setInvitation] = useState<InvitationPreview | null>(null);
  const [unusable, setUnusable] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getInvitation(token).then(setInvitation, (err) => setUnusable(errorMessage(err)));
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const me = await joinTeam(token, String(form.get('name') ?? ''), String(form.get('password') ?? ''));
      history.replaceState(null, '', '/conversations');
      onSignedIn(me);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  if (unusable) {
    return (
      <AuthCard title={m.unusable}>
        <p role="alert">{unusable}</p>
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            history.replaceState(null, '', '/');
            onSignIn();
          }}
        >
          {m.signIn}
        </button>
      </AuthCard>
    );
  }
  if (!invitation) return <p className="app-loading" role="status">{m.loading}</p>;
  return (
    <AuthCard title={m.title} intro={m.intro(invitation.accountName, invitation.email)}>
      <form onSubmit={submit} aria-label={m.join} noValidate>
        <label className="field">
          <span>{m.name}</span>
          <input name="name" autoComplete="name" required maxLength={100} />
        </label>
        <label className="field">
          <span>{m.password}</span>
          <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} aria-describedby="join-password-hint" />
          <small id="join-password-hint">{m.passwordHint}</small>
        </label>
        <FormError message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? m.joining : m.join}
        </button>
      </form>
    </AuthCard>
  );
}
