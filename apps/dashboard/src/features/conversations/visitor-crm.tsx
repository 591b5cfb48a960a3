// C3: the small CRM in the visitor column (name, email, phone, notes; any agent edits, the others
// see it live through `visitor:updated`), the visitor's other conversations, and data protection:
// export as JSON (any agent) and delete (owner and admins, after a confirmation).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Conversation, Visitor } from '@palique/protocol';
import { canManageSettings, useSession } from '../auth/session';
import { useRealtime } from '../realtime/realtime-context';
import { deleteVisitor, getVisitorConversations, patchVisitor, visitorExportUrl } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { formatFullTime } from './format-time';
import { messages } from '../i18n/messages';
import './visitor-crm.css';

const t = messages.visitorCrm;
const notGiven = messages.conversations.notGiven;

interface Draft {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

const draftOf = (v: Visitor): Draft => ({ name: v.name ?? '', email: v.email ?? '', phone: v.phone ?? '', notes: v.notes ?? '' });
const same = (a: Draft, b: Draft) => a.name === b.name && a.email === b.email && a.phone === b.phone && a.notes === b.notes;

export function VisitorCrm({ visitor, conversationId }: { visitor: Visitor; conversationId?: string }) {
  const { me } = useSession();
  const navigate = useNavigate();
  const { client } = useRealtime();
  const [draft, setDraft] = useState<Draft>(() => draftOf(visitor));
  const synced = useRef<Draft>(draftOf(visitor));
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  // A change by another agent (or the site) shows at once, unless this agent is editing.
  useEffect(() => {
    const incoming = draftOf(visitor);
    setDraft((current) => (same(current, synced.current) ? incoming : current));
    synced.current = incoming;
  }, [visitor]);

  // Deleted (here, by another agent, or by retention): this conversation no longer exists.
  useEffect(() => client.on('visitor:deleted', ({ visitorId }) => visitorId === visitor.id && navigate('/conversations')), [client, visitor.id, navigate]);

  useEffect(() => {
    let live = true;
    getVisitorConversations(visitor.id).then(
      (list) => live && setConversations(list.conversations),
      () => live && setConversations([]),
    );
    return () => {
      live = false;
    };
  }, [visitor.id]);

  const change = (field: keyof Draft) => (e: { target: { value: string } }) => {
    setStatus('idle');
    setDraft({ ...draft, [field]: e.target.value });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus('saving');
    try {
      const saved = await patchVisitor(visitor.id, draft);
      synced.current = draftOf(saved);
      setDraft(draftOf(saved));
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      setError(errorMessage(err));
    }
  }

  async function remove() {
    setDeleting(true);
    setError(null);
    try {
      await deleteVisitor(visitor.id);
      navigate('/conversations');
    } catch (err) {
      setDeleting(false);
      setError(errorMessage(err));
    }
  }

  const others = (conversations ?? []).filter((c) => c.id !== conversationId);
  return (
    <div className="visitor-crm">
      <h3>{t.title}</h3>
      <form className="visitor-crm-form" onSubmit={save}>
        <label className="field">
          <span>{t.name}</span>
          <input value={draft.name} maxLength={100} placeholder={notGiven} onChange={change('name')} />
        </label>
        <label className="field">
          <span>{t.email}</span>
          <input type="email" value={draft.email} maxLength={254} placeholder={notGiven} onChange={change('email')} />
        </label>
        <label className="field">
          <span>{t.phone}</span>
          <input type="tel" value={draft.phone} maxLength={40} placeholder={notGiven} onChange={change('phone')} />
        </label>
        <label className="field">
          <span>{t.notes}</span>
          <textarea value={draft.notes} rows={4} maxLength={5000} onChange={change('notes')} aria-describedby="visitor-notes-hint" />
        </label>
        <p id="visitor-notes-hint" className="muted">
          {t.notesHint}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="visitor-crm-actions">
          <button type="submit" className="button-primary button-small" disabled={status === 'saving' || same(draft, synced.current)}>
            {status === 'saving' ? t.saving : t.save}
          </button>
          <span role="status">{status === 'saved' ? t.saved : ''}</span>
        </div>
      </form>

      <h3>{t.conversations}</h3>
      {conversations && others.length === 0 ? (
        <p className="muted">{t.noOtherConversations}</p>
      ) : (
        <ul className="visitor-crm-conversations">
          {others.map((c) => (
            <li key={c.id}>
              <Link to={`/conversations/${encodeURIComponent(c.id)}`}>
                {t.started(formatFullTime(c.createdAt))}
                {c.lastMessageText ? ` — ${c.lastMessageText}` : ''}
              </Link>
            </li>
          ))}
        </ul>
      )}

      <h3>{t.dataProtection}</h3>
      <p>
        <a className="button button-small" href={visitorExportUrl(visitor.id)} download={`visitor-${visitor.id}.json`}>
          {t.export}
        </a>
      </p>
      {canManageSettings(me) &&
        (confirming ? (
          <div className="visitor-crm-confirm" role="alertdialog" aria-labelledby="visitor-delete-title" aria-describedby="visitor-delete-text">
            <p id="visitor-delete-title">
              <strong>{t.confirmTitle}</strong>
            </p>
            <p id="visitor-delete-text">{t.confirmText}</p>
            <button type="button" className="button button-small visitor-crm-danger" disabled={deleting} onClick={() => void remove()}>
              {deleting ? t.deleting : t.confirmDelete}
            </button>{' '}
            <button type="button" className="button button-small" disabled={deleting} onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        ) : (
          <p>
            <button type="button" className="button button-small visitor-crm-danger" onClick={() => setConfirming(true)}>
              {t.delete}
            </button>
          </p>
        ))}
    </div>
  );
}
