// The widget's DOM on the host page: a host <div> with an open shadow root holding the
// launcher button and the panel with the chat iframe. No logic beyond showing state. Floating
// in a corner, or (embedded mode) filling the element the site gave, always open.
import { WIDGET_CSS } from './widget-styles';
import type { PaliqueSetup } from './script-config';

export interface WidgetView {
  frame: HTMLIFrameElement;
  /** Sets the iframe's address once: at once, or (deferred loading) on the first interaction. */
  load(): void;
  setOpen(open: boolean): void;
  setVisible(visible: boolean): void;
  setUnread(count: number): void;
  setLive(live: boolean): void;
  focusLauncher(): void;
  /** Palique('kill'): the host element leaves the page. */
  remove(): void;
}

const ICONS =
  '<svg class="c" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>' +
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.4" d="M6 9l6 6 6-6"/></svg>';

/** `into`: embedded mode's container; `flags`: extra classes (E embedded, H no round button). */
export function createView(frameSrc: string, setup: PaliqueSetup, into: Element | null, flags: string, onLauncher: () => void): WidgetView {
  const host = document.createElement('div');
  // Inline !important beats any host rule; `all: initial` stops inherited fonts and colours.
  host.setAttribute('style', `all:initial!important;position:${into ? 'static;height:100%' : 'fixed'}!important;z-index:${+setup.zIndex! || 2147483000}!important`);
  host.dataset.palique = '';
  // W7 sizes and colours, as custom properties the shadow styles read (invalid values are dropped).
  const vars = [['--s', setup.buttonSize], ['--w', setup.chatWidth], ['--h', setup.chatHeight], ['--c', setup.colors?.button], ['--t', setup.colors?.buttonText]];
  for (const [name, value] of vars) if (value) host.style.setProperty(name as string, value + (typeof value === 'number' ? 'px' : ''));
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    `<style>${WIDGET_CSS}</style><div class="w${setup.buttonPosition === 'left' ? ' L' : ''}${flags}">` +
    '<div class="p"></div>' +
    `<button class="b" type="button" aria-expanded="false" aria-label="Open chat" aria-describedby="u">${ICONS}` +
    '<span class="n" aria-hidden="true" hidden></span><span class="d" hidden></span><span id="u" hidden></span></button></div>';
  const wrap = root.lastElementChild as HTMLElement;
  const [panel, launcher] = wrap.children as unknown as [HTMLElement, HTMLButtonElement];
  const [, , badge, dot, unreadText] = launcher.children as unknown as HTMLElement[];

  const frame = document.createElement('iframe');
  frame.title = 'Palique chat';
  const load = () => frame.src || (frame.src = frameSrc);
  panel.appendChild(frame);
  launcher.addEventListener('click', onLauncher);
  // Deferred loading: the first sign of interest loads the chat, before the click lands.
  for (const name of ['mouseenter', 'focus']) launcher.addEventListener(name, load);
  (into || document.body).appendChild(host);

  return {
    frame,
    load,
    setOpen(open) {
      wrap.classList.toggle('o', open);
      launcher.setAttribute('aria-expanded', open + '');
      launcher.setAttribute('aria-label', (open ? 'Close' : 'Open') + ' chat');
    },
    setVisible(visible) {
      host.style.setProperty('display', visible ? 'block' : 'none', 'important');
    },
    setUnread(count) {
      badge.hidden = count < 1;
      badge.textContent = count > 99 ? '99+' : count + '';
      // The name stays "Open chat"; the count is its description for screen readers (none at 0).
      unreadText.textContent = count ? count + ' unread' : '';
    },
    setLive(live) {
      dot.hidden = !live;
    },
    focusLauncher() {
      launcher.focus();
    },
    remove() {
      host.remove();
    },
  };
}
