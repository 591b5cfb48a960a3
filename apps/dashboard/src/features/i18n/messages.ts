// The dashboard's own texts, in one place. English only for now (W3 makes the widget
// multilingual, not the dashboard), but no screen hard-wires its words: a translation later is
// this one module. Grouped by screen; functions where a text takes values.
import type { Role, WidgetLanguage, WidgetTextKey } from '@palique/protocol';

export const messages = {
  layout: {
    connectionLost: 'Connection lost. Reconnecting…',
  },
  sidebar: {
    sections: 'Sections',
    conversations: 'Conversations',
    unread: ' unread',
    chatWidget: 'Chat widget',
    signOut: 'Sign out',
    roles: { owner: 'Owner', admin: 'Administrator', agent: 'Agent' } satisfies Record<Role, string>,
  },
  chatWidget: {
    title: 'Chat widget',
    intro: [
      'Paste this code into every page of your site, just before ',
      '. It loads asynchronously, so it never slows your pages down. Visitors can then chat with you from a button in the corner.',
    ] as const,
    embedCode: 'Embed code',
    copy: 'Copy',
    copied: 'Copied',
    widgetId: 'Widget ID:',
    loading: 'Loading…',
    tryIt: 'Try it',
    tryItIntro:
      'The demo page is a sample website with your widget installed. Open it, write as a visitor, and answer from Conversations.',
    openDemo: 'Open the demo page',
    opensInNewTab: ' (opens in a new tab)',
  },
  widgetTexts: {
    title: 'Chat widget texts',
    intro:
      'Every text the widget shows, in each language it speaks. Visitors see the language of their browser when the widget speaks it, English otherwise. Clear a field to go back to the default text.',
    languagePicker: 'Language being edited',
    languages: { en: 'English', es: 'Spanish' } satisfies Record<WidgetLanguage, string>,
    languageButton: (language: WidgetLanguage) => language.toUpperCase(),
    save: 'Save texts',
    saving: 'Saving…',
    saved: 'Saved. Visitors see the new texts the next time the widget loads.',
    loading: 'Loading…',
    placeholders: 'In some texts, {time} and {n} stand for a time and a number the widget fills in.',
    labels: {
      title: 'Title',
      statusLive: 'Status line when online (live chat)',
      statusMessenger: 'Status line when offline (messenger)',
      greetingLive: 'Online invitation',
      greetingMessenger: 'Offline invitation',
      teamName: 'Name of agents without a name',
      you: 'The visitor, on their own messages',
      minimize: 'Minimize button',
      conversation: 'Conversation (for screen readers)',
      messageLabel: 'Message field label',
      messagePlaceholder: 'Message field placeholder',
      composerHint: 'Hint under the message field',
      send: 'Send button',
      sending: 'Message being sent',
      sent: 'Message sent',
      notSent: 'Message not sent',
      retry: 'Retry button',
      offline: 'Connection lost',
      missingWidget: 'Widget set up wrongly',
      errorRateLimited: 'Error: too many messages',
      errorInvalidInput: 'Error: message refused',
      teamLabel: 'Team (for screen readers)',
      teamOnline: 'Agent online',
      teamActiveAgo: 'Agent last active ({time} ago)',
      teamActiveNow: 'Agent active under a minute ago',
      timeMinutes: 'Minutes ({n} min)',
      timeHours: 'Hours ({n} h)',
      timeDays: 'Days ({n} d)',
    } satisfies Record<WidgetTextKey, string>,
  },
};
