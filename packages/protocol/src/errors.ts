// Error codes on the wire (`{ error: { code, message } }` in HTTP answers and socket acks), and
// which of them a client may retry. Zod-free (entry `@palique/protocol/errors`) so the widget
// compares codes without bundling the schemas. The values are the wire strings: never change one.

export const ErrorCode = {
  // 400-415: the request itself is wrong; sending it again cannot help.
  InvalidInput: 'invalid_input',
  BadRequest: 'bad_request',
  BodyTooLarge: 'body_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  /** A5: a working day must last at least 1 and at most 23 hours. */
  WorkingDayLength: 'working_day_length',
  /** The URL is not valid percent-encoding or UTF-8. */
  BadUrl: 'bad_url',
  /** The body is not valid JSON. */
  InvalidJson: 'invalid_json',
  /** Not HTTP the server can parse (a broken request line or header). */
  MalformedRequest: 'malformed_request',
  /** 431: the request's headers are larger than the server reads. */
  HeadersTooLarge: 'headers_too_large',
  /** 408: the request did not arrive in time. */
  RequestTimeout: 'request_timeout',
  MethodNotAllowed: 'method_not_allowed',
  /** A Socket.IO request the engine refused (unknown transport, bad handshake, protocol version). */
  BadSocketRequest: 'bad_socket_request',
  /** A Socket.IO polling request for a session the server does not know (e.g. after a restart). */
  SocketSessionUnknown: 'socket_session_unknown',
  // 401/403: who is asking.
  Unauthenticated: 'unauthenticated',
  InvalidCredentials: 'invalid_credentials',
  VisitorUnknown: 'visitor_unknown',
  Forbidden: 'forbidden',
  /** A state-changing request a browser sent from another origin (CSRF). */
  ForbiddenOrigin: 'forbidden_origin',
  /** C5: only a message's author may edit it. */
  NotMessageAuthor: 'not_message_author',
  // 404
  NotFound: 'not_found',
  AccountNotFound: 'account_not_found',
  ConversationNotFound: 'conversation_not_found',
  VisitorNotFound: 'visitor_not_found',
  WidgetNotFound: 'widget_not_found',
  /** C5: no such message in this conversation (or it is an edit, not a message). */
  MessageNotFound: 'message_not_found',
  SavedReplyNotFound: 'saved_reply_not_found',
  /** T1: no such trigger in this account. */
  TriggerNotFound: 'trigger_not_found',
  // 409
  AlreadySetUp: 'already_set_up',
  EmailTaken: 'email_taken',
  /** A2: the owner cannot be removed or demoted (hand ownership over first). */
  OwnerProtected: 'owner_protected',
  /** C6: another saved reply of the account has this keyword (compared without case). */
  SavedReplyKeywordTaken: 'saved_reply_keyword_taken',
  /** C6: the account keeps as many saved replies as allowed (MAX_SAVED_REPLIES). */
  SavedReplyLimit: 'saved_reply_limit',
  /** T5: "Start chat" with a visitor who has left the site (no widget connected). */
  VisitorOffline: 'visitor_offline',
  /** T1: the account keeps as many triggers as allowed (MAX_TRIGGERS). */
  TriggerLimit: 'trigger_limit',
  // 410: A2, an invitation link that no longer works.
  InvitationExpired: 'invitation_expired',
  InvitationRevoked: 'invitation_revoked',
  InvitationUsed: 'invitation_used',
  /** A1: an avatar that is not a PNG, JPEG or WebP image of at most 5 MB. */
  InvalidImage: 'invalid_image',
  // 429, 5xx
  RateLimited: 'rate_limited',
  /** 429 at a socket handshake: this visitor (or address) has as many connections open as allowed. */
  TooManyConnections: 'too_many_connections',
  Internal: 'internal',
  NotBuilt: 'not_built',
  /** 503: the process is too busy to take a new visitor connection now; the client retries with backoff. */
  ServerBusy: 'server_busy',
  /** 503 from /readyz: the database is not writable or Redis is unreachable (or the process is stopping). */
  NotReady: 'not_ready',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What the server says went wrong. `code` stays a string: an older client may meet a newer code. */
export interface ErrorInfo {
  code: string;
  message: string;
}

const RETRYABLE: ReadonlySet<string> = new Set<ErrorCode>([ErrorCode.RateLimited, ErrorCode.Internal, ErrorCode.ServerBusy]);

/**
 * True when the same request (same clientId) may succeed later: the server was busy or failed
 * on its side. Every other code is final for that request.
 */
export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code);
}
