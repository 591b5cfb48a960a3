// W7 identified users: the account's secret that signs PaliqueSetup.clientId, hidden until
// asked for, with "Regenerate" (owner and admins, like the whole "Chat widget" section).
import { useEffect, useState } from 'react';
import { getIdentitySecret, regenerateIdentitySecret } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.identitySecret;

export function IdentitySecret() {
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getIdentitySecret().then((r) => setSecret(r.secret), (err) => setError(errorMessage(err)));
  }, []);

  async function regenerate() {
    if (!window.confirm(m.confirmRegenerate)) return;
    try {
      setSecret((await regenerateIdentitySecret()).secret);
      setShown(true);
      setNotice(m.regenerated);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">{m.title}</h2>
      <p>{m.intro}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {secret && (
        <>
          <label htmlFor="identity-secret">{m.label}</label>
          <input id="identity-secret" className="embed-code" readOnly type={shown ? 'text' : 'password'} value={secret} spellCheck={false} />
          <div className="card-actions">
            <button type="button" className="button" onClick={() => setShown(!shown)}>
              {shown ? m.hide : m.show}
            </button>
            <button type="button" className="button" onClick={regenerate}>
              {m.regenerate}
            </button>
          </div>
          <p className="muted" aria-live="polite">
            {notice}
          </p>
          <p className="muted">{m.example}</p>
          <pre className="embed-code">
            {"crypto.createHmac('sha256', SECRET).update(String(user.id)).digest('hex')"}
          </pre>
          <p className="muted">{m.docs}</p>
        </>
      )}
    </section>
  );
}
