// Decides what to show: first-run setup, sign-in, or the workspace, from GET /api/setup and
// GET /api/me; the URL is kept meanwhile so a reload or sign-in lands where the agent was.
import { useCallback, useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import type { Me } from '@palique/protocol';
import { getMe, getSetupState, signOut } from './features/api/endpoints';
import { unsubscribeFromPush } from './features/notifications/push-subscription';
import { ApiError, errorMessage } from './features/api/http';
import { SetupScreen } from './routes/setup';
import { SignInScreen } from './routes/sign-in';
import { Workspace } from './routes/workspace';
import { JoinScreen, joinTokenOf } from './routes/join';
import { messages } from './features/i18n/messages';

type Gate =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'sign-in' }
  | { kind: 'join'; token: string }
  | { kind: 'signed-in'; me: Me }
  | { kind: 'error'; message: string };

export function App() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const check = useCallback(async () => {
    const joinToken = joinTokenOf(location.pathname);
    if (joinToken) return setGate({ kind: 'join', token: joinToken });
    try {
      const { needsSetup } = await getSetupState();
      if (needsSetup) return setGate({ kind: 'setup' });
      setGate({ kind: 'signed-in', me: await getMe() });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setGate({ kind: 'sign-in' });
      else setGate({ kind: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  const onSignedIn = useCallback((me: Me) => setGate({ kind: 'signed-in', me }), []);
  const onUnauthenticated = useCallback(() => setGate({ kind: 'sign-in' }), []);
  const updateMe = useCallback(
    (update: (me: Me) => Me) => setGate((g) => (g.kind === 'signed-in' ? { ...g, me: update(g.me) } : g)),
    [],
  );
  const doSignOut = useCallback(async () => {
    // A6: this browser stops receiving the agent's pushes (while the session still lets us say so).
    await unsubscribeFromPush().catch(() => {});
    await signOut().catch(() => {});
    setGate({ kind: 'sign-in' });
  }, []);

  switch (gate.kind) {
    case 'loading':
      return <p className="app-loading" role="status">{messages.app.loading}</p>;
    case 'error':
      return (
        <main className="app-loading">
          <p role="alert">{gate.message}</p>
          <button type="button" className="button" onClick={() => void check()}>
            {messages.app.tryAgain}
          </button>
        </main>
      );
    case 'setup':
      return <SetupScreen onSignedIn={onSignedIn} />;
    case 'sign-in':
      return <SignInScreen onSignedIn={onSignedIn} />;
    case 'join':
      return <JoinScreen token={gate.token} onSignedIn={onSignedIn} onSignIn={() => setGate({ kind: 'sign-in' })} />;
    case 'signed-in':
      return (
        <BrowserRouter>
          <Workspace key={gate.me.agent.id} session={{ me: gate.me, updateMe, signOut: doSignOut }} onUnauthenticated={onUnauthenticated} />
        </BrowserRouter>
      );
  }
}
