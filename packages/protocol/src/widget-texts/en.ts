// W3: the widget's texts in English, the default language and the fallback of every other.
// Zod-free and import-free (entry `@palique/protocol/widget-texts/en`): the chat app bundles
// this file, the server and the dashboard read it as the defaults an account may override.
// `{time}` in `teamActiveAgo` is replaced by a relative time ("5 min"), `{name}` in `agentTyping` by the agent's name,
// `{email}` in `emailKnown` and `emailUnsubscribed` by the visitor's address.

export const en = {
  title: 'Chat with us',
  statusLive: "We're online",
  statusMessenger: "We'll reply as soon as we can",
  statusConnecting: 'Connecting…',
  greetingLive: 'Hi there! Ask us anything, we usually reply in a few minutes.',
  greetingMessenger: "Leave us a message and we'll get back to you here.",
  teamName: 'Team',
  you: 'You',
  minimize: 'Minimize chat',
  conversation: 'Conversation',
  messageLabel: 'Message',
  messagePlaceholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',
  offline: 'Connecting… Your messages will be sent when the connection is back.',
  missingWidget: 'This chat is not set up correctly (no widget id).',
  errorRateLimited: 'Too many messages at once. Wait a moment, then retry.',
  errorInvalidInput: 'This message cannot be sent as it is.',
  teamLabel: 'Our team',
  teamOnline: 'Online',
  teamActiveAgo: 'Active {time} ago',
  teamActiveNow: 'Active just now',
  timeMinutes: '{n} min',
  timeHours: '{n} h',
  timeDays: '{n} d',
  agentTyping: '{name} is typing…',
  edited: 'edited',
  seen: 'Seen',
  attachFile: 'Attach a file or image',
  uploading: 'Sending the file…',
  fileTooLarge: 'This file is larger than 10 MB.',
  uploadFailed: 'The file could not be sent.',
  openImage: 'Open the image',
  downloadFile: 'Download',
  emailAsk: 'Get the reply by email',
  emailLabel: 'Your email',
  emailSave: 'Save',
  emailSkip: 'No thanks',
  emailKnown: "We'll email the reply to {email} if you're away.",
  emailChange: 'Change',
  emailUnsubscribed: '{email} unsubscribed from our emails. Leave an address to get the reply by email.',
  emailInvalid: 'This does not look like an email address.',
};

/** The name of one widget text. */
export type WidgetTextKey = keyof typeof en;
/** Every widget text of one language. */
export type WidgetTexts = { [K in WidgetTextKey]: string };
