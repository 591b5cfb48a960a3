// Every HTTP endpoint the dashboard calls, each parsed with its protocol schema.
import {
  type AgentStatus,
  ConversationDetail,
  ConversationList,
  ConversationParticipants,
  ReadPositions,
  TeamList,
  Me,
  SetStatus,
  SetupState,
  WidgetInstall,
  WorkingHoursState,
  AccountOptions,
  type WorkingHours,
  WidgetTextsEditor,
  type WidgetLanguage,
  type WidgetTextOverrides,
  type ConversationView,
  type LoginBody,
  type SetupBody,
} from '@palique/protocol';
import { apiRequest } from './http';

export const getSetupState = () => apiRequest('GET', '/api/setup', SetupState);
export const setUp = (body: SetupBody) => apiRequest('POST', '/api/setup', Me, body);
export const signIn = (body: LoginBody) => apiRequest('POST', '/api/auth/login', Me, body);
export const signOut = () => apiRequest('POST', '/api/auth/logout', null);
export const getMe = () => apiRequest('GET', '/api/me', Me);
export const putStatus = (status: AgentStatus) => apiRequest('PUT', '/api/me/status', SetStatus, { status });

export const listConversations = (view: ConversationView, cursor?: string | null) =>
  apiRequest('GET', `/api/conversations?view=${view}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ConversationList);
/** C1: "Close conversation" and × (dismiss from the queue); the live update refreshes the lists. */
export const closeConversation = (id: string) => apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/close`, null, {});
/** C2: "Transfer" and "Add agent", and the agents to choose from. */
export const transferConversation = (id: string, agentId: string) =>
  apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/transfer`, null, { agentId });
export const addAgentToConversation = (id: string, agentId: string) =>
  apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/participants`, ConversationParticipants, { agentId });
export const getTeam = () => apiRequest('GET', '/api/queue/team', TeamList);
/** Unread state kept on the server per agent. */
export const getReads = () => apiRequest('GET', '/api/me/reads', ReadPositions);
export const dismissConversation = (id: string) => apiRequest('POST', `/api/conversations/${encodeURIComponent(id)}/dismiss`, null, {});
export const getConversation = (id: string) =>
  apiRequest('GET', `/api/conversations/${encodeURIComponent(id)}`, ConversationDetail);

export const getWidgetInstall = () => apiRequest('GET', '/api/widget', WidgetInstall);

export const getSchedule = () => apiRequest('GET', '/api/me/schedule', WorkingHoursState);
export const putSchedule = (schedule: WorkingHours) => apiRequest('PUT', '/api/me/schedule', WorkingHoursState, schedule);
export const getAccountOptions = () => apiRequest('GET', '/api/account/options', AccountOptions);
export const putAccountOptions = (options: AccountOptions) => apiRequest('PUT', '/api/account/options', AccountOptions, options);
/** W3: one language's widget texts (defaults and the account's own), and saving the latter. */
export const getWidgetTexts = (language: WidgetLanguage) => apiRequest('GET', `/api/widget/texts/${language}`, WidgetTextsEditor);
export const putWidgetTexts = (language: WidgetLanguage, overrides: WidgetTextOverrides) =>
  apiRequest('PUT', `/api/widget/texts/${language}`, WidgetTextsEditor, { overrides });
