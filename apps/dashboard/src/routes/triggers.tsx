// T1–T4: the "Triggers" section (owner and admins, as on the server): the four templates of the
// guide (enter the page, edit the text), a blank trigger, the list with on/off, edit, duplicate
// and delete, and the account's "not invasive" settings.
import { useCallback, useEffect, useRef, useState } from 'react';
import { TRIGGER_TEMPLATES, triggerFromTemplate, type TeamMember, type Trigger, type TriggerDefinitionInput, type TriggerTemplate } from '@palique/protocol';
import { createTrigger, deleteTrigger, duplicateTrigger, getAgentChoices, listTriggers, setTriggerEnabled, updateTrigger } from '../features/api/endpoints';
import { errorMessage } from '../features/api/http';
import { TriggerForm } from '../features/triggers/trigger-form';
import { TriggerSettingsForm } from '../features/triggers/trigger-settings-form';
import { FormattedText } from '../features/conversations/formatted-text';
import { messages } from '../features/i18n/messages';
import '../features/triggers/triggers.css';

const m = messages.triggers;
const TEMPLATES = Object.keys(TRIGGER_TEMPLATES) as TriggerTemplate[];

const BLANK: TriggerDefinitionInput = {
  name: '',
  conditions: [{ type: 'page_url', op: 'contains', value: '' }, { type: 'time_on_page', seconds: 30 }],
  action: { type: 'send_message', text: '', from: { type: 'team' } },
  frequency: 'once_per_visit',
  mode: 'both',
};

type Editing = { kind: 'new'; initial: TriggerDefinitionInput } | { kind: 'edit'; trigger: Trigger } | null;

export function TriggersScreen() {
  const [triggers, setTriggers] = useState<Trigger[] | null>(null);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(() => listTriggers().then((a) => setTriggers(a.triggers), (err) => setError(errorMessage(err))), []);
  useEffect(() => {
    void reload();
    getAgentChoices().then((a) => setTeam(a.team), () => undefined);
  }, [reload]);

  const act = async (work: () => Promise<string>) => {
    setError(null);
    try {
      setNotice(await work());
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  async function save(body: TriggerDefinitionInput) {
    const { trigger } = editing?.kind === 'edit' ? await updateTrigger(editing.trigger.id, body) : await createTrigger(body);
    setEditing(null);
    setNotice(m.saved(trigger.name));
    listHeading.current?.focus();
    await reload();
  }

  const definitionOf = ({ id: _i, createdAt: _c, updatedAt: _u, ...d }: Trigger): TriggerDefinitionInput => d;

  return (
    <div className="page">
      <header className="page-header">
        <h1>{m.title}</h1>
        <p className="page-intro">{m.intro}</p>
      </header>

      {editing ? (
        <section className="card" aria-labelledby="trigger-form-title">
          <h2 id="trigger-form-title">{editing.kind === 'edit' ? m.editTitle(editing.trigger.name) : m.newTitle}</h2>
          <TriggerForm
            label={editing.kind === 'edit' ? m.editTitle(editing.trigger.name) : m.newTitle}
            initial={editing.kind === 'edit' ? definitionOf(editing.trigger) : editing.initial}
            team={team}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : (
        <section className="card" aria-labelledby="trigger-templates-title">
          <h2 id="trigger-templates-title">{m.templatesTitle}</h2>
          <p className="muted">{m.templatesIntro}</p>
          <ul className="trigger-templates">
            {TEMPLATES.map((template) => (
              <li key={template}>
                <strong>{m.templates[template]!.name}</strong>
                <p>{m.templates[template]!.description}</p>
                <button
                  type="button"
                  className="button"
                  aria-label={`${m.useTemplate}: ${m.templates[template]!.name}`}
                  onClick={() => setEditing({ kind: 'new', initial: triggerFromTemplate(template, '', m.templates[template]!.name, navigator.language) })}
                >
                  {m.useTemplate}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new', initial: BLANK })}>
            {m.blank}
          </button>
        </section>
      )}

      <p role="status" className="saved-replies-notice">
        {notice}
      </p>

      <section className="card" aria-labelledby="triggers-list-title">
        <h2 id="triggers-list-title" ref={listHeading} tabIndex={-1}>
          {m.listTitle}
        </h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {triggers === null ? (
          <p className="muted">{m.loading}</p>
        ) : triggers.length === 0 ? (
          <p className="muted">{m.none}</p>
        ) : (
          <ul className="trigger-list">
            {triggers.map((t) => (
              <li key={t.id} className={t.enabled ? '' : 'trigger-off'}>
                <div className="trigger-list-head">
                  <strong>{t.name}</strong>
                  <label className="trigger-inline">
                    <input
                      type="checkbox"
                      checked={t.enabled}
                      onChange={(e) => void act(async () => ((await setTriggerEnabled(t.id, e.target.checked)).trigger.enabled ? m.on : m.off))}
                    />{' '}
                    {m.enabled}
                    <span className="visually-hidden">: {t.name}</span>
                  </label>
                </div>
                <p className="trigger-summary">
                  {t.conditions.map((c) => m.types[c.type]).join(' · ')} — {m.frequencies[t.frequency]} — {m.modes[t.mode]}
                </p>
                {t.action.type === 'send_message' && (
                  <blockquote className="trigger-text">
                    <FormattedText text={t.action.text} />
                  </blockquote>
                )}
                <div className="card-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing({ kind: 'edit', trigger: t })}>
                    {m.edit}
                    <span className="visually-hidden"> {t.name}</span>
                  </button>
                  <button type="button" className="button button-small" onClick={() => void act(async () => m.duplicated((await duplicateTrigger(t.id, m.copyName(t.name))).trigger.name))}>
                    {m.duplicate}
                    <span className="visually-hidden"> {t.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => window.confirm(m.confirmDelete(t.name)) && void act(async () => (await deleteTrigger(t.id), m.deleted(t.name)))}
                  >
                    {m.delete}
                    <span className="visually-hidden"> {t.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TriggerSettingsForm />
    </div>
  );
}
