// Every HTTP endpoint the dashboard calls, each parsed with its protocol schema.
import {
  VisitorDetailsAnswer,
  type AgentStatus,
  ConversationDetail,
  ConversationList,
  ConversationCounts,
  ConversationParticipants,
  AgentReads,
  TeamList,
  Me,
  SetStatus,
  SetupState,
  WidgetInstall,
  WidgetIdentitySecret,
  DemoPageSetting,
  WorkingHoursState,
  AccountOptions,
  type AgentEmailSettings,
  MyEmailSettings,
  EmailSettingsAnswer,
  type EmailSettings,
  type WorkingHours,
  WidgetTextsEditor,
  type WidgetLanguage,
  type WidgetTextOverrides,
  type ConversationView,
  type LoginBody,
  type SetupBody,
  NotificationSettings,
  PushKey,
  type PushSubscriptionBody,
  SavedReply,
  SavedReplyList,
  type SavedReplyBody,
} from '@palique/protocol';
import { Agent, InvitationPreview, InvitationSent, TeamPage, type InvitedRole } from '@palique/protocol';
import { ConversationSearchResults } from '@palique/protocol';
import { RetentionStatus, Visitor, VisitorConversationList, type VisitorCrmUpdate } from '@palique/protocol';
import { OnlineVisitorsPageSchema, SeatsSetting, StartChatResult, type StartChat } from '@palique/protocol';
import { TriggerAnswer, TriggerFiringList, TriggerList, TriggerSettings, type TriggerDefinitionInput } from '@palique/protocol';
import { apiRequest, uploadFile } from './http';

export const getSetupState = () => apiRequest('GET', '/api/setup', SetupState);
export const setUp = (body: SetupBody) => apiRequest('POST', '/api/setup', Me, body);
export const signIn = (body: LoginBody) => apiRequest('POST', '/api/auth/login', Me, body);
export const signOut = () => apiRequest('POST', '/api/auth/logout', null);
export const getMe = () => apiRequest('GET', '/api/me', Me);
export const putStatus = (status: AgentStatus) => apiRequest('PUT', '/api/me/status', SetStatus, { status });

export const listConversations = (view: ConversationView, cursor?: string | null) =>
  apiRequest('GET', `/api/conversations?view=${view}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ConversationList);
/** C1: how many conversations each tab holds, counted by the server (not just the loaded pages). */
export const getConversationCounts = () => apiRequest('GET', '/api/conversations/counts', ConversationCounts);
/** C1: "Close conversation" and × (dismiss from the queue); the live update refreshes the lists. */
export const closeConversation = (id: string) => apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/close`, null, {});
/** C2: "Transfer" and "Add agent", and the agents to choose from. */
export const transferConversation = (id: string, agentId: string) =>
  apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/transfer`, null, { agentId });
export const addAgentToConversation = (id: string, agentId: string) =>
  apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/participants`, ConversationParticipants, { agentId });
export const getAgentChoices = () => apiRequest('GET', '/api/queue/team', TeamList);
/** Unread state kept on the server per agent. */
export const getReads = () => apiRequest('GET', '/api/me/reads', AgentReads);
export const dismissConversation = (id: string) => apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/dismiss`, null, {});
export const getConversation = (id: string) =>
  apiRequest('GET', `/api/conversations/${encodeURIComponent(id)}`, ConversationDetail);

export const getWidgetInstall = () => apiRequest('GET', '/api/widget', WidgetInstall);
/** W7: the secret that signs PaliqueSetup.clientId; POST makes a new one. */
export const getIdentitySecret = () => apiRequest('GET', '/api/widget/identity-secret', WidgetIdentitySecret);
export const regenerateIdentitySecret = () => apiRequest('POST', '/api/widget/identity-secret', WidgetIdentitySecret, {});
/** W1: "Demo page for other addresses". */
export const putDemoPageSetting = (setting: DemoPageSetting) => apiRequest('PUT', '/api/widget/demo-page', DemoPageSetting, setting);

export const getSchedule = () => apiRequest('GET', '/api/me/schedule', WorkingHoursState);
export const putSchedule = (schedule: WorkingHours) => apiRequest('PUT', '/api/me/schedule', WorkingHoursState, schedule);
export const getAccountOptions = () => apiRequest('GET', '/api/account/options', AccountOptions);
export const putAccountOptions = (options: AccountOptions) => apiRequest('PUT', '/api/account/options', AccountOptions, options);
/** W4, C7, I1: the team's email settings and one's own. */
export const getEmailSettings = () => apiRequest('GET', '/api/email/settings', EmailSettingsAnswer);
export const putEmailSettings = (settings: EmailSettings) => apiRequest('PUT', '/api/email/settings', EmailSettingsAnswer, settings);
export const getMyEmail = () => apiRequest('GET', '/api/me/email', MyEmailSettings);
export const putMyEmail = (settings: AgentEmailSettings) => apiRequest('PUT', '/api/me/email', MyEmailSettings, settings);
/** W3: one language's widget texts (defaults and the account's own), and saving the latter. */
export const getWidgetTexts = (language: WidgetLanguage) => apiRequest('GET', `/api/widget/texts/${language}`, WidgetTextsEditor);
export const putWidgetTexts = (language: WidgetLanguage, overrides: WidgetTextOverrides) =>
  apiRequest('PUT', `/api/widget/texts/${language}`, WidgetTextsEditor, { overrides });

/** A2: the "Agents" section. */
export const getTeam = () => apiRequest('GET', '/api/team', TeamPage);
export const inviteAgent = (email: string, role: InvitedRole) => apiRequest('POST', '/api/team/invitations', InvitationSent, { email, role });
export const revokeInvitation = (id: string) => apiRequest('DELETE', `/api/team/invitations/${encodeURIComponent(id)}`, null);
export const setAgentRole = (id: string, role: InvitedRole) => apiRequest('PUT', `/api/team/agents/${encodeURIComponent(id)}/role`, Agent, { role });
export const removeAgent = (id: string) => apiRequest('DELETE', `/api/team/agents/${encodeURIComponent(id)}`, null);
export const handOwnership = (id: string) => apiRequest('POST', `/api/team/agents/${encodeURIComponent(id)}/ownership`, TeamPage);
/** A2: the join page. */
export const getInvitation = (token: string) => apiRequest('GET', `/api/invitations/${encodeURIComponent(token)}`, InvitationPreview);
export const joinTeam = (token: string, name: string, password: string) =>
  apiRequest('POST', `/api/invitations/${encodeURIComponent(token)}/join`, Me, { name, password });
/** A1: the agent's own profile and photo. */
export const putProfile = (name: string, title: string) => apiRequest('PUT', '/api/me/profile', Agent, { name, title });
export const putAvatar = (file: Blob) => uploadFile('/api/me/avatar', Agent, file);
export const deleteAvatar = () => apiRequest('DELETE', '/api/me/avatar', Agent);

/** A6: Web Push (the server's VAPID key, this browser's subscription) and the agent's notification settings. */
export const getPushKey = () => apiRequest('GET', '/api/push/key', PushKey);
export const postPushSubscription = (body: PushSubscriptionBody) => apiRequest('POST', '/api/push/subscriptions', null, body);
export const deletePushSubscription = (endpoint: string) => apiRequest('DELETE', '/api/push/subscriptions', null, { endpoint });
export const postPushSeen = (conversationId: string) => apiRequest('POST', '/api/push/seen', null, { conversationId });
export const getNotificationSettings = () => apiRequest('GET', '/api/me/notification-settings', NotificationSettings);
export const putNotificationSettings = (settings: NotificationSettings) =>
  apiRequest('PUT', '/api/me/notification-settings', NotificationSettings, settings);

/** C6: the account's saved replies, shared by the team. */
export const listSavedReplies = () => apiRequest('GET', '/api/saved-replies', SavedReplyList);
export const createSavedReply = (body: SavedReplyBody) => apiRequest('POST', '/api/saved-replies', SavedReply, body);
export const updateSavedReply = (id: string, body: SavedReplyBody) => apiRequest('PUT', `/api/saved-replies/${encodeURIComponent(id)}`, SavedReply, body);
export const deleteSavedReply = (id: string) => apiRequest('DELETE', `/api/saved-replies/${encodeURIComponent(id)}`, null);
/** Search: conversations by visitor name, email or message text, newest first, a page at a time. */
export const searchConversations = (q: string, cursor?: string | null) =>
  apiRequest('GET', `/api/conversations/search?q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ConversationSearchResults);

// C3 and data protection: the visitor column's CRM, their conversations, export, delete, retention.
export const patchVisitor = (id: string, changes: VisitorCrmUpdate) => apiRequest('PATCH', `/api/visitors/${encodeURIComponent(id)}`, Visitor, changes);
export const getVisitorConversations = (id: string) =>
  apiRequest('GET', `/api/visitors/${encodeURIComponent(id)}/conversations`, VisitorConversationList);
export const visitorExportUrl = (id: string) => `/api/visitors/${encodeURIComponent(id)}/export`;
export const deleteVisitor = (id: string) => apiRequest('DELETE', `/api/visitors/${encodeURIComponent(id)}`, null);
export const getRetention = () => apiRequest('GET', '/api/account/retention', RetentionStatus);
export const putRetention = (days: number) => apiRequest('PUT', '/api/account/retention', RetentionStatus, { days });
/** C3: a visitor's browsing details (null before the widget reported a page). */
export const getVisitorDetails = (visitorId: string) => apiRequest('GET', `/api/visitors/${encodeURIComponent(visitorId)}/details`, VisitorDetailsAnswer);

// C8 / T5: the online visitors list, "Start chat", and the seats that cap the list.
export const listOnlineVisitors = () => apiRequest('GET', '/api/online-visitors', OnlineVisitorsPageSchema);
export const startChat = (visitorId: string, body: StartChat) => apiRequest('POST', `/api/online-visitors/${encodeURIComponent(visitorId)}/chat`, StartChatResult, body);
export const getSeats = () => apiRequest('GET', '/api/account/seats', SeatsSetting);
export const putSeats = (seats: number | null) => apiRequest('PUT', '/api/account/seats', SeatsSetting, { seats });
// T1–T4: triggers (owner and admins) and the firings shown in a visitor's details.
export const listTriggers = () => apiRequest('GET', '/api/triggers', TriggerList);
export const createTrigger = (body: TriggerDefinitionInput) => apiRequest('POST', '/api/triggers', TriggerAnswer, body);
export const updateTrigger = (id: string, body: TriggerDefinitionInput) => apiRequest('PUT', `/api/triggers/${encodeURIComponent(id)}`, TriggerAnswer, body);
export const setTriggerEnabled = (id: string, enabled: boolean) => apiRequest('PUT', `/api/triggers/${encodeURIComponent(id)}/enabled`, TriggerAnswer, { enabled });
export const duplicateTrigger = (id: string, name: string) => apiRequest('POST', `/api/triggers/${encodeURIComponent(id)}/duplicate`, TriggerAnswer, { name });
export const deleteTrigger = (id: string) => apiRequest('DELETE', `/api/triggers/${encodeURIComponent(id)}`, null);
export const getTriggerSettings = () => apiRequest('GET', '/api/triggers/settings', TriggerSettings);
export const putTriggerSettings = (body: TriggerSettings) => apiRequest('PUT', '/api/triggers/settings', TriggerSettings, body);
export const getTriggerFirings = (visitorId: string) => apiRequest('GET', `/api/visitors/${encodeURIComponent(visitorId)}/trigger-firings`, TriggerFiringList);
