// T1–T4: the account's triggers as the owner and admins write them (list, create, edit, enable,
// duplicate, delete), the T3 settings, and the firings shown in a visitor's details. A trigger is
// checked in full before anything is stored (zod in the protocol, then what only the server
// knows: the chosen agent is in the team); a bad one changes nothing. Another account's trigger
// does not exist here (404), whatever its id.
import { ErrorCode, MAX_TRIGGERS, type Trigger, type TriggerDefinition, type TriggerFiring, type TriggerSettings } from '@palique/protocol';
import type { Storage } from '../db/index';
import { now } from '../clock';
import { newId } from '../ids';
import { AppError } from '../http/errors';
import { toFiring } from './engine';
import * as repo from './repo';

/** T3 defaults: a first targeted message not before 15 s on the site, then none for 5 minutes. */
export const DEFAULT_TRIGGER_SETTINGS: TriggerSettings = { minDelaySeconds: 15, quietSeconds: 300 };

const notFound = () => new AppError(ErrorCode.TriggerNotFound, 404, 'This trigger does not exist (it may have been deleted).');

export class TriggerService {
  constructor(
    private readonly storage: Storage,
    /** The name of an agent of the account, null when there is none with this id. */
    private readonly agentName: (accountId: string, agentId: string) => Promise<string | null>,
  ) {}

  private get db() {
    return this.storage.db;
  }

  async list(accountId: string, onlyEnabled = false): Promise<Trigger[]> {
    return (await repo.listByAccount(this.db, accountId, onlyEnabled)).map(toTrigger);
  }

  async get(accountId: string, id: string): Promise<Trigger> {
    const row = await repo.findById(this.db, accountId, id);
    if (!row) throw notFound();
    return toTrigger(row);
  }

  async create(accountId: string, definition: TriggerDefinition): Promise<Trigger> {
    await this.checkAgent(accountId, definition);
    const at = now();
    const row: repo.TriggerRow = { id: newId(), account_id: accountId, ...columnsOf(definition), created_at: at, updated_at: at };
    await this.storage.write(async (trx) => {
      if ((await repo.countByAccount(trx, accountId)) >= MAX_TRIGGERS) {
        throw new AppError(ErrorCode.TriggerLimit, 409, `An account keeps at most ${MAX_TRIGGERS} triggers. Delete some first.`);
      }
      await repo.insert(trx, row);
    });
    return toTrigger(row);
  }

  async update(accountId: string, id: string, definition: TriggerDefinition): Promise<Trigger> {
    await this.checkAgent(accountId, definition);
    if (!(await this.storage.write((trx) => repo.update(trx, accountId, id, { ...columnsOf(definition), updated_at: now() })))) throw notFound();
    return this.get(accountId, id);
  }

  async setEnabled(accountId: string, id: string, enabled: boolean): Promise<Trigger> {
    if (!(await this.storage.write((trx) => repo.update(trx, accountId, id, { enabled: enabled ? 1 : 0, updated_at: now() })))) throw notFound();
    return this.get(accountId, id);
  }

  /** T2: a copy for another page, disabled until the owner has changed its URL. */
  async duplicate(accountId: string, id: string, name: string): Promise<Trigger> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...definition } = await this.get(accountId, id);
    return this.create(accountId, { ...definition, name, enabled: false });
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.storage.write((trx) => repo.remove(trx, accountId, id)))) throw notFound();
  }

  async settings(accountId: string): Promise<TriggerSettings> {
    const row = await repo.findSettings(this.db, accountId);
    return row ? { minDelaySeconds: row.min_delay_seconds, quietSeconds: row.quiet_seconds } : DEFAULT_TRIGGER_SETTINGS;
  }

  async saveSettings(accountId: string, settings: TriggerSettings): Promise<TriggerSettings> {
    await this.storage.write((trx) => repo.saveSettings(trx, accountId, settings.minDelaySeconds, settings.quietSeconds, now()));
    return settings;
  }

  /** What the triggers did for a visitor, newest first. */
  async firings(accountId: string, visitorId: string): Promise<TriggerFiring[]> {
    return (await repo.firingsOfVisitor(this.db, accountId, visitorId, 50)).map(toFiring);
  }

  /** A message "from" an agent who is not in the team is refused, not sent by nobody. */
  private async checkAgent(accountId: string, definition: TriggerDefinition): Promise<void> {
    const from = definition.action.type === 'send_message' ? definition.action.from : undefined;
    if (from?.type === 'agent' && (await this.agentName(accountId, from.agentId)) === null) {
      throw new AppError(ErrorCode.InvalidInput, 400, 'action.from.agentId: no agent of your team has this id');
    }
  }
}

function columnsOf(d: TriggerDefinition) {
  return {
    name: d.name,
    enabled: d.enabled ? 1 : 0,
    conditions: JSON.stringify(d.conditions),
    action: JSON.stringify(d.action),
    frequency: d.frequency,
    mode: d.mode,
    template: d.template,
  };
}

function toTrigger(row: repo.TriggerRow): Trigger {
  return {
    id: row.id,
    name: row.name,
    enabled: Number(row.enabled) === 1,
    conditions: JSON.parse(row.conditions) as Trigger['conditions'],
    action: JSON.parse(row.action) as Trigger['action'],
    frequency: row.frequency as Trigger['frequency'],
    mode: row.mode as Trigger['mode'],
    template: row.template as Trigger['template'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
