// The centred card that frames the first-run and sign-in forms.
import type { ReactNode } from 'react';
import './auth.css';

export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="auth-brand" aria-hidden="true">
          <img src="/icon.svg" alt="" width="36" height="36" />
          <span>Palique</span>
        </div>
        <h1>{title}</h1>
        {intro && <p className="auth-intro">{intro}</p>}
        {children}
      </div>
    </main>
  );
}
