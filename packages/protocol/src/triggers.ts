// T1–T4: targeted messages and the triggers that send them. A trigger is conditions (all must
// hold) and one action; the server evaluates them on page views (the widget never receives the
// rule set). Conditions and actions are discriminated unions: a new kind is one more member here
// and one more handler on the server, never a change to the engine.
import { z } from 'zod';
import { Id } from './entities';
import { MAX_MESSAGE_LENGTH } from './constants';
import { normaliseName, normaliseText } from './text';

/** Characters of a URL / referrer pattern; a `matches` pattern is a glob (`*` = any characters), never a regex. */
export const MAX_TRIGGER_PATTERN_LENGTH = 500;
/** Conditions of one trigger, triggers of one account. */
export const MAX_TRIGGER_CONDITIONS = 20;
export const MAX_TRIGGERS = 200;

export const TextOp = z.enum(['contains', 'equals', 'starts_with', 'matches']);
export type TextOp = z.infer<typeof TextOp>;
export const NumberOp = z.enum(['at_least', 'at_most', 'equals']);
export type NumberOp = z.infer<typeof NumberOp>;

const Pattern = z.string().trim().min(1, 'must not be empty').max(MAX_TRIGGER_PATTERN_LENGTH);
const Seconds = z.number().int().min(0).max(86_400);

export const TriggerCondition = z.discriminatedUnion('type', [
  /** The current page's URL. */
  z.object({ type: z.literal('page_url'), op: TextOp, value: Pattern }),
  /** Where this visit came from (`is_empty`: typed in or bookmarked). */
  z
    .object({ type: z.literal('referrer'), op: z.union([TextOp, z.literal('is_empty')]), value: z.string().trim().max(MAX_TRIGGER_PATTERN_LENGTH).default('') })
    .refine((c) => c.op === 'is_empty' || c.value.length > 0, { message: 'must not be empty', path: ['value'] }),
  /** Seconds on the current page / since the visit started: the trigger waits until they have passed. */
  z.object({ type: z.literal('time_on_page'), seconds: Seconds.min(1) }),
  z.object({ type: z.literal('time_on_site'), seconds: Seconds.min(1) }),
  /** This visitor's number of visits (1: the first). */
  z.object({ type: z.literal('visits'), op: NumberOp, value: z.number().int().min(1).max(100_000) }),
  /** The browser's language: `es` matches `es`, `es-ES`, `es-MX`. */
  z.object({ type: z.literal('language'), op: z.enum(['is', 'is_not']), values: z.array(z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as es or pt-BR')).min(1).max(50) }),
  /** The country found from the visitor's address (ISO 3166 alpha-2). */
  z.object({ type: z.literal('country'), op: z.enum(['is', 'is_not']), values: z.array(z.string().trim().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code').transform((c) => c.toUpperCase())).min(1).max(250) }),
  /** Whether the visitor has opened the chat window in this visit (B1's "chatbot status: Opened"). */
  z.object({ type: z.literal('chat_window'), value: z.enum(['opened', 'not_opened']) }),
]);
export type TriggerCondition = z.infer<typeof TriggerCondition>;
export type TriggerConditionInput = z.input<typeof TriggerCondition>;

/** Who a targeted message comes from: a chosen agent, or "the team" (no agent: the widget shows the team's name). */
export const MessageSender = z.discriminatedUnion('type', [z.object({ type: z.literal('team') }), z.object({ type: z.literal('agent'), agentId: Id })]);
export type MessageSender = z.infer<typeof MessageSender>;

/** What a trigger does. Later: `assign_group` (G2) and `start_scenario` (B1) join this union. */
export const TriggerAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('send_message'),
    /** W6: links, bold, italic, as in any message. */
    text: z.string().overwrite(normaliseText).trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH),
    from: MessageSender,
  }),
]);
export type TriggerAction = z.infer<typeof TriggerAction>;

/** How often one trigger may act for one visitor ("again and again, with each page load" included). */
export const TriggerFrequency = z.enum(['once_per_visitor', 'once_per_visit', 'every_page_load']);
export type TriggerFrequency = z.infer<typeof TriggerFrequency>;

/** T4: in which widget mode it fires. */
export const TriggerMode = z.enum(['live', 'messenger', 'both']);
export type TriggerMode = z.infer<typeof TriggerMode>;

/** T2: the guide's four templates. */
export const TriggerTemplate = z.enum(['landing_page', 'confusing_page', 'contact_page', 'cart_page']);
export type TriggerTemplate = z.infer<typeof TriggerTemplate>;

/** A trigger as the owner writes it (create and full replace). */
export const TriggerDefinition = z.object({
  name: z.string().overwrite(normaliseName).trim().min(1, 'must not be empty').max(120),
  enabled: z.boolean().default(true),
  conditions: z.array(TriggerCondition).min(1, 'add at least one condition').max(MAX_TRIGGER_CONDITIONS),
  action: TriggerAction,
  frequency: TriggerFrequency,
  mode: TriggerMode,
  template: TriggerTemplate.nullable().default(null),
});
export type TriggerDefinition = z.infer<typeof TriggerDefinition>;
export type TriggerDefinitionInput = z.input<typeof TriggerDefinition>;

export const Trigger = TriggerDefinition.extend({ id: Id, createdAt: z.string(), updatedAt: z.string() });
export type Trigger = z.infer<typeof Trigger>;

/** Enable / disable without sending the whole trigger. */
export const TriggerEnabled = z.object({ enabled: z.boolean() });
export type TriggerEnabled = z.infer<typeof TriggerEnabled>;

/** T3: the account's "not invasive" rules for targeted messages. */
export const TriggerSettings = z.object({
  /** Nothing is sent before the visitor has been on the site this long (never right on arrival). */
  minDelaySeconds: z.number().int().min(1).max(3_600),
  /** After one targeted message, none other for this long. */
  quietSeconds: z.number().int().min(0).max(86_400),
});
export type TriggerSettings = z.infer<typeof TriggerSettings>;

/** One time a trigger acted for a visitor, as the visitor's details show it. */
export const TriggerFiring = z.object({
  id: Id,
  triggerId: Id,
  /** The trigger's name at the time (the trigger may since have been renamed or deleted). */
  triggerName: z.string(),
  actionType: z.string(),
  /** send_message: the proactive message in the visitor's conversation. */
  messageId: z.string().nullable(),
  pageUrl: z.string().nullable(),
  firedAt: z.string(),
});
export type TriggerFiring = z.infer<typeof TriggerFiring>;

/** T2: "Duplicate": the copy's name (the dashboard says "… (copy)" in the owner's language). */
export const TriggerDuplicate = z.object({ name: z.string().overwrite(normaliseName).trim().min(1, 'must not be empty').max(120) });
export type TriggerDuplicate = z.infer<typeof TriggerDuplicate>;

/** Answers of the triggers API. */
export const TriggerList = z.object({ triggers: z.array(Trigger) });
export const TriggerAnswer = z.object({ trigger: Trigger });
export const TriggerFiringList = z.object({ firings: z.array(TriggerFiring) });
