// The dashboard's own texts, in one place: this module and the three it gathers (conversations,
// widget settings, visitors). English only for now (W3 makes the widget multilingual, not the
// dashboard), but no screen hard-wires its words: a translation later is this folder. Grouped by
// screen; functions where a text takes values.
import type { AgentStatus, Role } from '@palique/protocol';
import { conversationTexts } from './conversation-texts';
import { visitorTexts } from './visitor-texts';
import { widgetSettingsTexts } from './widget-settings-texts';

export const messages = {
  app: {
    loading: 'Loading Palique…',
    tryAgain: 'Try again',
  },
  layout: {
    connectionLost: 'Connection lost. Reconnecting…',
    connecting: 'Connecting…',
    offline: 'You are offline. Palique reconnects when the network is back.',
    /** The browser tab's title, with the number of unread chats. */
    tabTitle: (unread: number) => (unread > 0 ? `(${unread}) Palique` : 'Palique'),
  },
  sidebar: {
    sections: 'Sections',
    conversations: 'Conversations',
    unread: ' unread',
    chatWidget: 'Chat widget',
    settings: 'Settings',
    signOut: 'Sign out',
    roles: { owner: 'Owner', admin: 'Administrator', agent: 'Agent' } satisfies Record<Role, string>,
  },
  /** A3: the agent's status switch, and A5's notices. */
  status: {
    label: 'Status',
    dayStarted: 'Your working day started',
    setOnline: 'Palique set you Online.',
    dayEnded: 'Your working day ended',
    setInvisible: 'Palique set you Invisible.',
  },
  /** A6: the agent's notification settings. */
  notificationSettings: {
    title: 'Notifications',
    newChat: 'Notify me of new chats',
    newMessage: 'Notify me of new messages in chats',
    sound: 'Play a sound',
    pushHint:
      'With the dashboard closed, notices come as push notifications to every browser where you enabled them. On your phone they wait 30 seconds when you also use a desktop, and are dropped if you answer there first.',
    saved: 'Saved',
    loading: 'Loading…',
  },
  enableNotifications: {
    on: 'Desktop notifications are on.',
    blocked: "Notifications are blocked. Allow them in your browser's site settings.",
    enable: 'Enable notifications',
  },
  /** A5: the agent's working hours. */
  workingHours: {
    title: 'Working hours',
    intro:
      'At the start of your working day Palique sets you Online and notifies you; at the end it sets you Invisible. A working day lasts 1 to 23 hours; an end before the start means the next day.',
    timeZone: 'Time zone',
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    start: (day: string) => `${day} start`,
    end: (day: string) => `${day} end`,
    save: 'Save working hours',
    next: (status: string, at: string) => `Next: ${status} at ${at}`,
  },
  /** A4 and C1: the account's options (owner and admins). */
  accountOptions: {
    title: 'Account',
    notifyInvisible: 'Notify me of new chats while invisible if the online agents are slow to answer',
    after: 'After (minutes)',
    queueReturn: 'Return a chat to the queue when its owner has not answered the visitor within (minutes, 0 = never)',
    save: 'Save',
    loading: 'Loading…',
  },
  form: {
    saved: 'Saved',
  },
  /** In-page notices of the workspace (the visitor_message notice is titled with the visitor's name). */
  notices: {
    waiting: (who: string) => `${who} is waiting for an answer`,
    returned: (who: string) => `${who} is back in the queue`,
  },
  /** Errors the dashboard itself words (the server's messages are shown as they are). */
  errors: {
    network: 'Cannot reach the Palique server. Check your connection and try again.',
    badResponse: 'The server sent an answer this dashboard does not understand.',
    httpStatus: (status: number, text: string) => `The server answered ${status} ${text}`.trim(),
    unknown: 'Something went wrong',
  },
  /** A2: the "Agents" section. */
  team: {
    title: 'Agents',
    nav: 'Agents',
    intro: 'Invite colleagues by email. Administrators manage the widget, texts, agents and account options; agents answer chats.',
    invite: 'Invite agent',
    email: 'Email',
    role: 'Role',
    sending: 'Inviting…',
    emailed: (email: string) => `Invitation emailed to ${email}.`,
    copyLink: (email: string) => `No email server is set up (SMTP_URL): send this link to ${email} yourself. It works once, for 7 days.`,
    invitationLink: 'Invitation link',
    copy: 'Copy',
    copied: 'Copied',
    team: 'Team',
    name: 'Name',
    status: 'Status',
    actions: 'Actions',
    you: '(you)',
    remove: 'Remove',
    confirmRemove: (name: string) => `Remove ${name}? They are signed out at once.`,
    makeOwner: 'Make owner',
    confirmOwner: (name: string) => `Hand ownership to ${name}? You become an administrator and sign in again.`,
    roleOf: (name: string) => `Role of ${name}`,
    pending: 'Invitations waiting',
    noPending: 'No invitations waiting.',
    expires: 'Expires',
    revoke: 'Revoke',
    statuses: { online: 'Online', invisible: 'Invisible', offline: 'Offline' } satisfies Record<AgentStatus, string>,
  },
  signIn: {
    title: 'Sign in to Palique',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  /** The first run: the owner's account and the site. */
  setup: {
    title: 'Create your Palique account',
    intro: 'You will be the owner. You can invite your team later.',
    name: 'Your name',
    namePlaceholder: 'Helena Prado',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 8 characters.',
    siteName: 'Site name',
    siteNamePlaceholder: 'Acme Store',
    submit: 'Create account',
    busy: 'Creating…',
  },
  settings: {
    title: 'Settings',
  },
  /** A2: the page an invitation link opens. */
  join: {
    title: 'Join your team on Palique',
    intro: (accountName: string, email: string) => `You were invited to answer chats for ${accountName} as ${email}.`,
    name: 'Full name',
    password: 'Password',
    passwordHint: 'At least 8 characters',
    join: 'Join',
    joining: 'Joining…',
    unusable: 'This invitation link does not work',
    signIn: 'Go to sign in',
    loading: 'Loading…',
  },
  /** A1: the agent's own profile. */
  profile: {
    title: 'Profile',
    name: 'Full name',
    jobTitle: 'Title',
    save: 'Save profile',
    saved: 'Saved',
    photo: 'Photo',
    photoHint: 'PNG, JPEG or WebP, at most 5 MB. It is cropped to a square.',
    removePhoto: 'Remove photo',
  },
  /** W4, C7, I1: email (the team's mailbox: owner and admins; each agent's own option). */
  email: {
    title: 'Email',
    unavailable:
      'Email is off on this server (no SMTP_URL). With it, replies reach visitors who left by email, visitors and you can answer by replying to the email, closed and missed chats go to your team mailbox, and you can get new messages by email while offline. See the README, "Email".',
    teamMailbox: 'Team mailbox (transcripts of closed chats and missed chats)',
    teamMailboxHint: 'Leave empty to send none.',
    offlineEmail: 'Email me new visitor messages while I am offline (reply to the email to answer)',
    replies: (domain: string, imap: boolean, smtp: boolean) =>
      `Replies go to addresses at ${domain}; Palique reads them ${imap && smtp ? 'from the IMAP mailbox and its SMTP receiver' : imap ? 'from the IMAP mailbox' : smtp ? 'with its SMTP receiver' : 'nowhere yet: set IMAP_URL or INBOUND_SMTP_PORT'}.`,
    save: 'Save',
    loading: 'Loading…',
  },
  /** Data protection: the retention policy (owner and admins). */
  retention: {
    title: 'Data retention',
    days: 'Delete conversations and visitors older than (days, 0 = never)',
    hint: 'Runs once a day. A visitor goes when they have not been seen and have not written for that long.',
    lastRun: (when: string, deleted: number) => `Last run ${when}: ${deleted} visitor${deleted === 1 ? '' : 's'} deleted.`,
    never: 'Not run yet.',
    save: 'Save',
    loading: 'Loading…',
  },
  /** C6: the "Saved replies" section, and the picker `/` opens in the message box. */
  savedReplies: {
    nav: 'Saved replies',
    title: 'Saved replies',
    intro:
      'Answers to the questions you get most, shared by your whole team. In a conversation, type / and a keyword in the message box (or use the Saved replies button) to insert one.',
    newTitle: 'New saved reply',
    keyword: 'Keyword',
    keywordHint: 'One word you type after / in the message box, for example shipping.',
    text: 'Text',
    textHint: 'What the visitor receives. **bold**, _italic_ and links work as in messages.',
    add: 'Add saved reply',
    adding: 'Adding…',
    save: 'Save changes',
    saving: 'Saving…',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    confirmDelete: (keyword: string) => `Delete the saved reply /${keyword}? Nobody on your team can use it any more.`,
    listTitle: 'Your team’s saved replies',
    none: 'No saved replies yet. Add the answers you give most often above.',
    loading: 'Loading…',
    added: (keyword: string) => `Saved reply /${keyword} added.`,
    changed: (keyword: string) => `Saved reply /${keyword} saved.`,
    deleted: (keyword: string) => `Saved reply /${keyword} deleted.`,
    editTitle: (keyword: string) => `Edit /${keyword}`,
    errors: {
      keywordMissing: 'Give the saved reply a keyword.',
      keywordFormat: 'The keyword must be one word without spaces: letters, digits, "-", "_" or ".".',
      keywordTooLong: (max: number) => `The keyword must be at most ${max} characters.`,
      keywordTaken: (keyword: string) => `Another saved reply already has the keyword "${keyword}". Choose another keyword.`,
      textMissing: 'Write the text of the saved reply.',
      textTooLong: (max: number) => `The text must be at most ${max.toLocaleString('en')} characters.`,
    },
    picker: {
      button: 'Saved replies',
      list: 'Saved replies',
      loading: 'Loading saved replies…',
      failed: 'Saved replies could not be loaded. Check your connection.',
      noMatch: (query: string) => `No saved reply matches /${query}.`,
      noneYet: 'No saved replies yet: add them in the Saved replies section.',
      count: (n: number) => `${n} saved ${n === 1 ? 'reply matches' : 'replies match'}. Up and down arrows to choose, Enter to insert, Escape to close.`,
      hint: '↑ ↓ to choose · Enter to insert · Esc to close',
    },
  },
  ...conversationTexts,
  ...widgetSettingsTexts,
  ...visitorTexts,
};
