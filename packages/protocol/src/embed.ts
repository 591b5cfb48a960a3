// Host page ↔ widget iframe messages (window.postMessage), W1/W7. Types only: the loader is
// plain TypeScript without zod, so it imports these with `import type` and carries no schema.
// Both sides check the sender (event.source and event.origin) before trusting a message, and
// every message carries `palique: 1` so that other scripts' postMessage traffic is ignored.
import type { WidgetMode } from './entities';
import type { VisitorUpdate } from './http';
import type { PageView } from './http-visitors';

/** The marker every embed message carries. */
export type EmbedTag = { palique: 1 };

/** An agent's message as the host page's `message` event sees it (no internal ids). */
export interface EmbedAgentMessage {
  text: string;
  authorName: string | null;
  createdAt: string;
}

/** Loader (host page) → chat app (iframe). */
export type HostToFrame = EmbedTag &
  (
    | { type: 'open' } // the panel became visible: focus the composer, mark messages read
    | { type: 'close' } // the panel was hidden
    | { type: 'storage'; entries: Record<string, string> } // answer to storageRequest
    // The site's commands, named after the Palique() method, the argument as given (the frame checks it):
    | { type: 'setVisitor'; arg: VisitorUpdate } // Palique('setVisitor', …)
    | { type: 'setData'; arg: VisitorUpdate['data'] } // C3: Palique('setData', …): setVisitor's `data` alone
    | { type: 'restart' } // Palique('restart'): revoke the visitor token, start a new anonymous visitor
    | { type: 'setLanguage'; arg: string } // Palique('setLanguage', 'es'), W3
    | { type: 'sendAutoMessage'; arg: string } // Palique('sendAutoMessage', text), W7: shown as the team's, not stored
    | { type: 'pageView'; arg: PageView } // C3: the first page, a history change, Palique('pageView'); the chat app adds language, time zone, screen
  );

/** Chat app (iframe) → loader (host page). */
export type FrameToHost = EmbedTag &
  (
    | { type: 'ready'; mode: WidgetMode } // connected and synced for the first time
    | { type: 'mode'; mode: WidgetMode }
    | { type: 'message'; message: EmbedAgentMessage } // a new agent message arrived live
    | { type: 'unread'; count: number } // agent messages the visitor has not seen yet
    | { type: 'requestOpen' }
    | { type: 'requestClose' } // the visitor pressed "Minimize chat" or Escape
    // When the browser blocks the iframe's own storage (third-party storage blocked), the chat
    // app keeps its visitor token and outbox in the host page's localStorage through the loader.
    | { type: 'storageRequest' }
    | { type: 'store'; key: string; value: string }
  );
