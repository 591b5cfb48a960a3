// @palique/client: the client side of the protocol, DOM-free, for the widget, the dashboard
// and the benchmark: the visitor and agent clients, the ordered outbox, thread merging, one
// client-id format and one retry policy. The apps only render what these hold.
export { VisitorChatClient } from './visitor-client';
export type { ChatClientOptions } from './visitor-connection';
export type { ChatState } from './visitor-chat-state';
export { AgentClient, AgentClientError, type AgentClientEventMap, type ConnectOptions } from './agent-client';
export { ConversationThread, type ConversationThreadOptions, type ConversationThreadState, type OutgoingMessage } from './conversation-thread';
export { ConversationStore, filterView, isUnread, type ConversationsSnapshot } from './conversation-store';
export { applyEdits, countUnread, type ChatMessage, type MessageStatus } from './thread';
export { ClientErrorCode } from './retry';
export { chooseWidgetLanguage, supportedWidgetLanguage, englishWidgetTexts, fetchWidgetTexts, type WidgetLanguage, type WidgetTexts } from './widget-texts';
export { memoryStorage, type KeyValueStorage } from './storage';
export type { OutboxEntry } from './outbox';
export { parseMessage, plainTextOf, safeHref, LINK_REL, LINK_TARGET, type FormatNode } from './format';
export { TypingBoard, TypingState, TypingThrottle } from './typing';
export { FileError, FileUrlCache, formatFileSize } from './files';
export { insertSavedReply, matchSavedReplies, slashQueryAt, type SlashQuery } from './saved-replies';
export { visitorIdentity, generatedVisitorName, VISITOR_TONES, type VisitorIdentity } from './visitor-identity';
export { newClientId } from './client-id';
