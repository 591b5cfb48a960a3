// A1: the agent's own profile: full name, title and photo (re-encoded by the server; initials
// when there is none).
import { FormFooter } from '../layout/form-footer';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { deleteAvatar, putAvatar, putProfile } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useSession } from '../auth/session';
import { messages } from '../i18n/messages';
import { AgentAvatar } from './agent-avatar';
import './team.css';

const m = messages.profile;

export function ProfileForm() {
  const { me, updateMe } = useSession();
  const [name, setName] = useState(me.agent.name);
  const [title, setTitle] = useState(me.agent.title ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const run = async (work: () => Promise<typeof me.agent>) => {
    setError(null);
    setSaved(false);
    try {
      const agent = await work();
      updateMe((current) => ({ ...current, agent: { ...current.agent, ...agent } }));
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (await run(() => putProfile(name, title))) setSaved(true);
  }

  async function choosePhoto(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await run(() => putAvatar(file));
  }

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{m.title}</h2>
      <div className="profile-photo">
        <AgentAvatar agent={me.agent} />
        <label className="field">
          <span>{m.photo}</span>
          <input type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => void choosePhoto(e)} aria-describedby="photo-hint" />
          <small id="photo-hint">{m.photoHint}</small>
        </label>
        {me.agent.avatarUrl && (
          <button type="button" className="button button-small" onClick={() => void run(deleteAvatar)}>
            {m.removePhoto}
          </button>
        )}
      </div>
      <form onSubmit={save}>
        <label className="field">
          <span>{m.name}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoComplete="name" />
        </label>
        <label className="field">
          <span>{m.jobTitle}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} autoComplete="organization-title" />
        </label>
        <FormFooter error={error} submitLabel={m.save} saved={saved} savedLabel={m.saved} />
      </form>
    </section>
  );
}
