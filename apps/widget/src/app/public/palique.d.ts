// Types of the Palique widget's JavaScript API for site owners (W7), served at
// <your Palique>/widget/palique.d.ts. Copy it into your project (or reference it with
// `/// <reference path="palique.d.ts" />`) to get `window.PaliqueSetup` and `Palique(...)` typed.
// Documentation: docs/widget-api.md in the Palique repository.

export {};

declare global {
  /** Settings read once, when the widget's script loads. Set it before the snippet. */
  interface PaliqueSetup {
    /** Load everything but show nothing until Palique('show'). */
    startHidden?: boolean;
    /** Stacking order of the widget (default 2147483000). */
    zIndex?: number;
    /** Corner of the round button and the chat window (default 'right'). */
    buttonPosition?: 'left' | 'right';
    /** Diameter of the round button, in CSS pixels (default 60). */
    buttonSize?: number;
    /** Size of the chat window, in CSS pixels (default 370 × 560). Phones always get the full screen. */
    chatWidth?: number;
    chatHeight?: number;
    /** CSS colours of the round button and of the chat window's header. */
    colors?: { button?: string; buttonText?: string; header?: string; headerText?: string };
    /** A CSS selector: clicking any element it matches opens the chat; the round button is not shown. */
    customLauncher?: string;
    /** Embedded mode: the chat is drawn inside this element (or the first match of this selector), always open. */
    embedTo?: string | Element;
    /** Show the widget only on phones and tablets. */
    mobileOnly?: boolean;
    /** Never show the widget on phones and tablets. */
    disableOnMobile?: boolean;
    /** Create the chat's iframe only on the first hover, focus or click of the launcher, or on Palique('open'). */
    deferredLoading?: boolean;
    /** Called with each new message of the team (the same as Palique('on', 'message', fn)). */
    onNewMessage?: (message: PaliqueMessage) => void;
    /** The widget's language ('en', 'es'); by default the visitor's browser language. */
    language?: string;
    /** Identified users: your site's id of the signed-in user… */
    clientId?: string;
    /** …and HMAC-SHA256 of clientId (hex) computed on your server with the secret of Chat widget → Identified users. */
    clientIdSignature?: string;
  }

  /** A team message as the page sees it. */
  interface PaliqueMessage {
    text: string;
    authorName: string | null;
    /** ISO 8601. */
    createdAt: string;
  }

  interface PaliqueVisitor {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    /** Custom key/values shown to the agents (at most 50 keys). */
    data?: Record<string, string | number | boolean | null>;
  }

  interface PaliqueEvents {
    /** The chat is connected and shows the thread. */
    ready: () => void;
    open: () => void;
    close: () => void;
    /** A new message of the team arrived. */
    message: (message: PaliqueMessage) => void;
    /** 'live' when someone of the team is online, 'messenger' otherwise. */
    modeChange: (mode: 'live' | 'messenger') => void;
    /** The number of team messages the visitor has not seen yet. */
    unread: (count: number) => void;
  }

  interface PaliqueApi {
    (method: 'open' | 'close' | 'show' | 'hide' | 'restart' | 'kill'): void;
    (method: 'setVisitor', visitor: PaliqueVisitor): void;
    /** The same as setVisitor with `data` alone (merged with earlier key/values). */
    (method: 'setData', data: NonNullable<PaliqueVisitor['data']>): void;
    /** Reports the current address and title as a page the visitor saw (history changes are reported without it). */
    (method: 'pageView'): void;
    (method: 'setLanguage', language: string): void;
    /** Shows `text` in the chat as a message of the team, for this page view only (it is not stored). */
    (method: 'sendAutoMessage', text: string): void;
    <E extends keyof PaliqueEvents>(method: 'on' | 'off', event: E, listener: PaliqueEvents[E]): void;
  }

  interface Window {
    PaliqueSetup?: PaliqueSetup;
    Palique: PaliqueApi;
  }
  // eslint-disable-next-line no-var
  var Palique: PaliqueApi;
  // eslint-disable-next-line no-var
  var PaliqueSetup: PaliqueSetup | undefined;
}
