// W1: installation guides for WordPress, Shopify, Joomla, Drupal, Wix and Google Tag Manager:
// where the code goes and the steps to get there, each with the account's own snippet and a Copy
// button. A disclosure per platform (a button in a heading, aria-expanded), all closed at first.
import { useState } from 'react';
import { messages } from '../i18n/messages';
import { SnippetBox } from './snippet-box';

const g = messages.chatWidget.guides;
type Platform = keyof typeof g.platforms;
const PLATFORMS = Object.keys(g.platforms) as Platform[];

export function InstallGuides({ snippet }: { snippet: string }) {
  const [open, setOpen] = useState<ReadonlySet<Platform>>(new Set());

  function toggle(platform: Platform) {
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(platform)) next.add(platform);
      return next;
    });
  }

  return (
    <section className="card" aria-labelledby="guides-title">
      <h2 id="guides-title">{g.title}</h2>
      <p className="muted">{g.intro}</p>
      <ul className="install-guides">
        {PLATFORMS.map((platform) => {
          const guide = g.platforms[platform];
          const expanded = open.has(platform);
          return (
            <li key={platform} className="install-guide">
              <h3>
                <button
                  type="button"
                  id={`guide-${platform}-button`}
                  className="install-guide-toggle"
                  aria-expanded={expanded}
                  aria-controls={`guide-${platform}`}
                  onClick={() => toggle(platform)}
                >
                  {guide.name}
                </button>
              </h3>
              <div id={`guide-${platform}`} role="region" aria-labelledby={`guide-${platform}-button`} className="install-guide-body" hidden={!expanded}>
                <p>{guide.where}</p>
                <ol className="install-guide-steps">
                  {guide.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
                <SnippetBox id={`guide-${platform}-code`} snippet={snippet} label={g.snippetLabel(guide.name)} copyLabel={g.copy} copiedLabel={g.copied} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
