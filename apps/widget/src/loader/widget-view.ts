// The widget's DOM on the host page: a host <div> with an open shadow root holding the
// launcher button and the panel with the chat iframe. No logic beyond showing state.
import { WIDGET_CSS } from './widget-styles';
import type { PaliqueSetup } from './script-config';

export interface WidgetView {
  frame: HTMLIFrameElement;
  setOpen(open: boolean): void;
  setVisible(visible: boolean): void;
  setUnread(count: number): void;
  setLive(live: boolean): void;
  focusLauncher(): void;
}

const ICONS =
  '<svg class="c" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.5 21l3.9-2c1.1.3 2.3.5 3.6.5 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>' +
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" d="M6 9l6 6 6-6"/></svg>';

export function createView(frameSrc: string, setup: PaliqueSetup, onLauncher: () => void): WidgetView {
  const host = document.createElement('div');
  // Inline !important beats any host rule; `all: initial` stops inherited fonts and colours.
  host.setAttribute('style', `all:initial!important;position:fixed!important;z-index:${Number(setup.zIndex) || 2147483000}!important`);
  host.setAttribute('data-palique', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    `<style>${WIDGET_CSS}</style><div class="w${setup.buttonPosition === 'left' ? ' L' : ''}">` +
    '<div class="p"></div>' +
    `<button class="b" type="button" aria-expanded="false" aria-label="Open chat">${ICONS}` +
    '<span class="n" aria-hidden="true" hidden></span><span class="d" hidden></span><span id="u" hidden></span></button></div>';
  const wrap = root.firstElementChild!.nextElementSibling as HTMLElement;
  const panel = wrap.firstElementChild as HTMLElement;
  const launcher = panel.nextElementSibling as HTMLButtonElement;
  const badge = launcher.querySelector('.n') as HTMLElement;
  const dot = launcher.querySelector('.d') as HTMLElement;
  const unreadText = root.getElementById('u')!;

  const frame = document.createElement('iframe');
  frame.title = 'Palique chat';
  frame.src = frameSrc;
  panel.appendChild(frame);
  launcher.addEventListener('click', onLauncher);
  document.body.appendChild(host);

  return {
    frame,
    setOpen(open) {
      wrap.classList.toggle('o', open);
      launcher.setAttribute('aria-expanded', String(open));
      launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    },
    setVisible(visible) {
      host.style.setProperty('display', visible ? 'block' : 'none', 'important');
    },
    setUnread(count) {
      badge.hidden = count < 1;
      badge.textContent = count > 99 ? '99+' : String(count);
      // The name stays "Open chat"; the count is its description for screen readers.
      unreadText.textContent = `${count} unread`;
      if (count > 0) launcher.setAttribute('aria-describedby', 'u');
      else launcher.removeAttribute('aria-describedby');
    },
    setLive(live) {
      dot.hidden = !live;
    },
    focusLauncher() {
      launcher.focus();
    },
  };
}
