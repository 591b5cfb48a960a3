// T1: one condition of a trigger, edited as the owner thinks of it: what (page, time, visits,
// language, country…), how (contains, at least…) and the value. Language and country take
// several values separated by commas.
import type { TriggerConditionInput } from '@palique/protocol';
import { messages } from '../i18n/messages';

const m = messages.triggers;

type ConditionType = TriggerConditionInput['type'];
const TYPES: ConditionType[] = ['page_url', 'time_on_page', 'time_on_site', 'referrer', 'visits', 'language', 'country', 'chat_window'];
const TEXT_OPS = ['contains', 'equals', 'starts_with', 'matches'] as const;

/** A fresh condition of a type, with sensible first values. */
export function newCondition(type: ConditionType): TriggerConditionInput {
  switch (type) {
    case 'page_url':
      return { type, op: 'contains', value: '' };
    case 'referrer':
      return { type, op: 'contains', value: '' };
    case 'time_on_page':
    case 'time_on_site':
      return { type, seconds: 30 };
    case 'visits':
      return { type, op: 'at_least', value: 2 };
    case 'language':
      return { type, op: 'is', values: ['en'] };
    case 'country':
      return { type, op: 'is', values: ['US'] };
    case 'chat_window':
      return { type, value: 'opened' };
  }
}

const listOf = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function OpSelect<O extends string>({ id, ops, value, onChange }: { id: string; ops: readonly O[]; value: O; onChange: (op: O) => void }) {
  return (
    <select id={id} aria-label={m.operator} value={value} onChange={(e) => onChange(e.target.value as O)}>
      {ops.map((op) => (
        <option key={op} value={op}>
          {m.ops[op]}
        </option>
      ))}
    </select>
  );
}

export function ConditionEditor({ id, condition: c, onChange, onRemove }: { id: string; condition: TriggerConditionInput; onChange: (c: TriggerConditionInput) => void; onRemove: () => void }) {
  let detail: React.ReactNode;
  switch (c.type) {
    case 'page_url':
      detail = (
        <>
          <OpSelect id={`${id}-op`} ops={TEXT_OPS} value={c.op} onChange={(op) => onChange({ ...c, op })} />
          <input aria-label={m.types.page_url} aria-describedby={`${id}-hint`} value={c.value} placeholder="/cart" onChange={(e) => onChange({ ...c, value: e.target.value })} />
          <small id={`${id}-hint`} className="trigger-hint">
            {m.urlHint}
          </small>
        </>
      );
      break;
    case 'referrer':
      detail = (
        <>
          <OpSelect id={`${id}-op`} ops={[...TEXT_OPS, 'is_empty'] as const} value={c.op} onChange={(op) => onChange({ ...c, op })} />
          {c.op !== 'is_empty' && <input aria-label={m.value} value={c.value ?? ''} onChange={(e) => onChange({ ...c, value: e.target.value })} />}
        </>
      );
      break;
    case 'time_on_page':
    case 'time_on_site':
      detail = (
        <label className="trigger-inline">
          <span>{m.ops.at_least}</span>
          <input type="number" min="1" aria-label={m.seconds} value={c.seconds} onChange={(e) => onChange({ ...c, seconds: Number(e.target.value) })} />
          <span>{m.seconds}</span>
        </label>
      );
      break;
    case 'visits':
      detail = (
        <>
          <OpSelect id={`${id}-op`} ops={['at_least', 'at_most', 'equals'] as const} value={c.op} onChange={(op) => onChange({ ...c, op })} />
          <input type="number" min="1" aria-label={m.value} value={c.value} onChange={(e) => onChange({ ...c, value: Number(e.target.value) })} />
        </>
      );
      break;
    case 'language':
    case 'country':
      detail = (
        <>
          <OpSelect id={`${id}-op`} ops={['is', 'is_not'] as const} value={c.op} onChange={(op) => onChange({ ...c, op })} />
          <input aria-label={m.value} aria-describedby={`${id}-hint`} defaultValue={c.values.join(', ')} onChange={(e) => onChange({ ...c, values: listOf(e.target.value) })} />
          <small id={`${id}-hint`} className="trigger-hint">
            {m.valuesHint}
          </small>
        </>
      );
      break;
    case 'chat_window':
      detail = <OpSelect id={`${id}-op`} ops={['opened', 'not_opened'] as const} value={c.value} onChange={(value) => onChange({ ...c, value })} />;
      break;
  }
  return (
    <li className="trigger-condition">
      <select aria-label={m.conditionType} value={c.type} onChange={(e) => onChange(newCondition(e.target.value as ConditionType))}>
        {TYPES.map((type) => (
          <option key={type} value={type}>
            {m.types[type]}
          </option>
        ))}
      </select>
      {detail}
      <button type="button" className="button button-small" onClick={onRemove} aria-label={m.removeCondition}>
        ×
      </button>
    </li>
  );
}
