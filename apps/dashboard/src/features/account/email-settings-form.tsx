// W4, C7, I1: the "Email" card of Settings. Everyone: "Email me new visitor messages while I am
// offline". Owner and admins: the team's mailbox (transcripts and missed chats) and where replies
// are read. Without SMTP_URL it says what email would add, and offers nothing to set.
import { useEffect, useState, type FormEvent } from 'react';
import type { EmailSettingsAnswer, MyEmailSettings } from '@palique/protocol';
import { FormFooter } from '../layout/form-footer';
import { getEmailSettings, getMyEmail, putEmailSettings, putMyEmail } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';

const m = messages.email;

export function EmailSettingsForm({ manager }: { manager: boolean }) {
  const [mine, setMine] = useState<MyEmailSettings | null>(null);
  const [team, setTeam] = useState<EmailSettingsAnswer | null>(null);
  const [mailbox, setMailbox] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getMyEmail().then(setMine, (err) => setError(errorMessage(err)));
    if (manager)
      getEmailSettings().then(
        (s) => {
          setTeam(s);
          setMailbox(s.teamMailbox ?? '');
        },
        (err) => setError(errorMessage(err)),
      );
  }, [manager]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!mine) return;
    setError(null);
    try {
      setMine(await putMyEmail({ offlineEmail: mine.offlineEmail }));
      if (manager) setTeam(await putEmailSettings({ teamMailbox: mailbox.trim() || null }));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="email-settings-title">
      <h2 id="email-settings-title">{m.title}</h2>
      {!mine ? (
        <p className="muted">{error ?? m.loading}</p>
      ) : !mine.available ? (
        <p className="muted">{m.unavailable}</p>
      ) : (
        <form onSubmit={save}>
          <label>
            <input type="checkbox" checked={mine.offlineEmail} onChange={(e) => (setSaved(false), setMine({ ...mine, offlineEmail: e.target.checked }))} />{' '}
            {m.offlineEmail}
          </label>
          {manager && team && (
            <>
              <label className="field">
                <span>{m.teamMailbox}</span>
                <input type="email" value={mailbox} onChange={(e) => (setSaved(false), setMailbox(e.target.value))} aria-describedby="team-mailbox-hint" />
              </label>
              <p id="team-mailbox-hint" className="muted">
                {m.teamMailboxHint} {m.replies(team.replyDomain, team.inbound.imap, team.inbound.smtp)}
              </p>
            </>
          )}
          <FormFooter error={error} submitLabel={m.save} saved={saved} />
        </form>
      )}
    </section>
  );
}
