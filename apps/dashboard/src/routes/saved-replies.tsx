// C6: the "Saved replies" section: the team's shared answers, added, changed and deleted here by
// any agent, and inserted in a conversation with `/keyword` in the message box.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedReply, SavedReplyBody } from '@palique/protocol';
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { SavedReplyForm } from '../features/saved-replies/saved-reply-form';
import { FormattedText } from '../features/conversations/formatted-text';
import { messages } from '../features/i18n/messages';
import '../features/widget/chat-widget.css';
import '../features/saved-replies/saved-replies.css';

const m = messages.savedReplies;

export function SavedRepliesScreen() {
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(
    () =>
      listSavedReplies().then(
        (list) => setReplies(list.savedReplies),
        (err) => setError(errorMessage(err)),
      ),
    [],
  );
  useEffect(() => void reload(), [reload]);

  async function add(body: SavedReplyBody) {
    const created = await createSavedReply(body);
    setNotice(m.added(created.keyword));
    await reload();
  }

  async function change(id: string, body: SavedReplyBody) {
    const changed = await updateSavedReply(id, body);
    setEditingId(null);
    setNotice(m.changed(changed.keyword));
    await reload();
  }

  async function remove(reply: SavedReply) {
    if (!window.confirm(m.confirmDelete(reply.keyword))) return;
    setError(null);
    try {
      await deleteSavedReply(reply.id);
      setNotice(m.deleted(reply.keyword));
      listHeading.current?.focus();
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <h1>{m.title}</h1>
        <p className="page-intro">{m.intro}</p>
      </header>

      <section className="card" aria-labelledby="new-saved-reply-title">
        <h2 id="new-saved-reply-title">{m.newTitle}</h2>
        <SavedReplyForm label={m.newTitle} submitLabel={m.add} busyLabel={m.adding} onSubmit={add} />
      </section>

      <p role="status" className="saved-replies-notice">
        {notice}
      </p>

      <section className="card" aria-labelledby="saved-replies-list-title">
        <h2 id="saved-replies-list-title" ref={listHeading} tabIndex={-1}>
          {m.listTitle}
        </h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!replies && !error && <p>{m.loading}</p>}
        {replies && replies.length === 0 && <p>{m.none}</p>}
        {replies && replies.length > 0 && (
          <ul className="saved-replies-list">
            {replies.map((reply) => (
              <li key={reply.id}>
                {editingId === reply.id ? (
                  <SavedReplyForm
                    label={m.editTitle(reply.keyword)}
                    initial={reply}
                    submitLabel={m.save}
                    busyLabel={m.saving}
                    onSubmit={(body) => change(reply.id, body)}
                    onCancel={() => setEditingId(null)}
                  />
                ) : (
                  <div className="saved-reply-item">
                    <div className="saved-reply-body">
                      <p className="saved-reply-keyword">/{reply.keyword}</p>
                      <p className="saved-reply-text">
                        <FormattedText text={reply.text} />
                      </p>
                    </div>
                    <div className="saved-reply-actions">
                      <button type="button" className="button button-small" onClick={() => setEditingId(reply.id)}>
                        {m.edit}
                        <span className="visually-hidden"> /{reply.keyword}</span>
                      </button>
                      <button type="button" className="button button-small" onClick={() => void remove(reply)}>
                        {m.delete}
                        <span className="visually-hidden"> /{reply.keyword}</span>
                      </button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
