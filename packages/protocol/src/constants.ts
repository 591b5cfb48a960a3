// The protocol's plain values: limits the server enforces and the Socket.IO namespace names.
// Zod-free on purpose (entry `@palique/protocol/constants`): the widget's iframe imports these
// without bundling the schemas, so the widget never keeps a copy that could drift.

/** Characters in one message's text. */
export const MAX_MESSAGE_LENGTH = 10_000;
/** Bytes of one HTTP body or socket packet. */
export const MAX_BODY_BYTES = 64 * 1024;
/** At most this many messages per answer; `hasMore` says to ask again after the last one. */
export const MESSAGE_PAGE_SIZE = 500;
/** Keys in a visitor's custom `data`. */
export const MAX_VISITOR_DATA_KEYS = 50;

/** The widget's namespace. */
export const VISITOR_NAMESPACE = '/visitor';
/** The dashboard's namespace. */
export const AGENT_NAMESPACE = '/agent';

/** A1: the largest avatar upload, and the image types accepted (re-encoded to WebP). */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A2: how long an invitation link works. */
export const INVITATION_DAYS = 7;
/** C4: a client sends its typing state at most this often (≤ 4 per second). */
export const TYPING_INTERVAL_MS = 250;
/** C4: a typing indicator not refreshed within this long is gone (a lost "stopped"). */
export const TYPING_EXPIRES_MS = 6_000;
/** Files: the largest upload (image or file), sent as the raw body of this type. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_UPLOAD_TYPE = 'application/octet-stream';

/** C6: the longest saved-reply keyword (the shortcut typed after `/`). */
export const MAX_SAVED_REPLY_KEYWORD_LENGTH = 40;
/** C6: saved replies one account may keep. */
export const MAX_SAVED_REPLIES = 500;
/**
 * C6: the characters of a keyword (a RegExp character-class body, `u` flag): letters, marks and
 * digits of any script, `_`, `-` and `.`. No spaces, so `/keyword` ends at the first one.
 */
export const SAVED_REPLY_KEYWORD_CHARS = '\\p{L}\\p{M}\\p{N}_.\\-';

/** C3: pages kept per visit (the oldest go first), and the longest page URL / title accepted. */
export const MAX_VISIT_PAGES = 50;
export const MAX_PAGE_URL_LENGTH = 2048;
export const MAX_PAGE_TITLE_LENGTH = 300;
/** C3: a page view after this long without one starts a new visit. */
export const VISIT_IDLE_MS = 30 * 60_000;
