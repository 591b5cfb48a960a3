// T1–T4: a trigger's form: its name, conditions (all must hold), the targeted message and who it
// comes from, how often and in which widget mode. The server checks it in full; its message
// (e.g. "conditions.0.value: must not be empty") is shown as is and nothing is saved.
import { useId, useState, type FormEvent } from 'react';
import type { TeamMember, TriggerDefinitionInput } from '@palique/protocol';
import { errorMessage } from '../api/http';
import { messages } from '../i18n/messages';
import { ConditionEditor, newCondition } from './condition-editor';

const m = messages.triggers;
const FREQUENCIES = ['once_per_visitor', 'once_per_visit', 'every_page_load'] as const;
const MODES = ['both', 'live', 'messenger'] as const;

interface TriggerFormProps {
  initial: TriggerDefinitionInput;
  team: TeamMember[];
  label: string;
  onSubmit: (body: TriggerDefinitionInput) => Promise<void>;
  onCancel: () => void;
}

export function TriggerForm({ initial, team, label, onSubmit, onCancel }: TriggerFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  // Conditions get stable keys so editing one never resets another's inputs.
  const [keys, setKeys] = useState(() => initial.conditions.map((_, i) => i));
  const [nextKey, setNextKey] = useState(initial.conditions.length);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const action = draft.action;

  const set = (change: Partial<TriggerDefinitionInput>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onSubmit(draft);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="trigger-form" onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{m.name}</label>
        <input id={`${id}-name`} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </div>
      <fieldset>
        <legend>{m.conditionsTitle}</legend>
        <ul className="trigger-conditions">
          {draft.conditions.map((c, i) => (
            <ConditionEditor
              key={keys[i]}
              id={`${id}-c${keys[i]}`}
              condition={c}
              onChange={(next) => set({ conditions: draft.conditions.map((old, j) => (j === i ? next : old)) })}
              onRemove={() => {
                set({ conditions: draft.conditions.filter((_, j) => j !== i) });
                setKeys(keys.filter((_, j) => j !== i));
              }}
            />
          ))}
        </ul>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            set({ conditions: [...draft.conditions, newCondition('page_url')] });
            setKeys([...keys, nextKey]);
            setNextKey(nextKey + 1);
          }}
        >
          {m.addCondition}
        </button>
      </fieldset>
      <fieldset>
        <legend>
          {m.actionTitle}: {m.actionSend}
        </legend>
        <div className="field">
          <label htmlFor={`${id}-text`}>{m.text}</label>
          <textarea id={`${id}-text`} rows={3} aria-describedby={`${id}-text-hint`} value={action.text} onChange={(e) => set({ action: { ...action, text: e.target.value } })} />
          <small id={`${id}-text-hint`} className="trigger-hint">
            {m.textHint}
          </small>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{m.from}</label>
          <select
            id={`${id}-from`}
            value={action.from.type === 'agent' ? action.from.agentId : ''}
            onChange={(e) => set({ action: { ...action, from: e.target.value ? { type: 'agent', agentId: e.target.value } : { type: 'team' } } })}
          >
            <option value="">{m.fromTeam}</option>
            {team.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="trigger-row">
        <div className="field">
          <label htmlFor={`${id}-frequency`}>{m.frequency}</label>
          <select id={`${id}-frequency`} value={draft.frequency} onChange={(e) => set({ frequency: e.target.value as TriggerDefinitionInput['frequency'] })}>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {m.frequencies[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-mode`}>{m.mode}</label>
          <select id={`${id}-mode`} value={draft.mode} onChange={(e) => set({ mode: e.target.value as TriggerDefinitionInput['mode'] })}>
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {m.modes[mode]}
              </option>
            ))}
          </select>
        </div>
        <label className="trigger-inline">
          <input type="checkbox" checked={draft.enabled ?? true} onChange={(e) => set({ enabled: e.target.checked })} /> {m.enabled}
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
