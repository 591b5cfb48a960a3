// Styles of the launcher and the panel, inside the shadow root, so the host page's CSS (even
// `button { … }` or `iframe { … }` rules) cannot reach them. The panel goes full screen on
// narrow viewports; while closed it is invisible but keeps the iframe (and its socket) running.
export const WIDGET_CSS =
  ':host{all:initial}' +
  '.b{all:initial;position:fixed;bottom:20px;width:60px;height:60px;border-radius:50%;background:#4338ca;color:#fff;display:grid;place-items:center;cursor:pointer;box-shadow:0 6px 20px rgba(15,23,42,.3);transition:transform .15s}' +
  '.b,.p{position:fixed;right:20px}' +
  '.L .b,.L .p{right:auto;left:20px}' +
  '.b:hover{transform:scale(1.06)}' +
  '.b:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #4338ca}' +
  '.b svg{width:28px;height:28px;grid-area:1/1}' +
  '.b .x,.o .b .c{display:none}' +
  '.o .b .x{display:block}' +
  '.n{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;border-radius:11px;background:#dc2626;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}' +
  '.d{position:absolute;bottom:2px;right:2px;width:14px;height:14px;box-sizing:border-box;border-radius:50%;background:#22c55e;border:2px solid #fff}' +
  '[hidden]{display:none!important}' +
  '.p{bottom:92px;width:370px;height:560px;max-height:calc(100vh - 112px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 48px rgba(15,23,42,.3);visibility:hidden;pointer-events:none;opacity:0;transform:translateY(16px);transition:opacity .2s,transform .2s,visibility 0s .2s}' +
  '.o .p{visibility:visible;pointer-events:auto;opacity:1;transform:none;transition:opacity .2s,transform .2s}' +
  'iframe{display:block;width:100%;height:100%;border:0}' +
  '@media (max-width:480px){.p,.L .p{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.o .b{display:none}}' +
  '@media (prefers-reduced-motion:reduce){.p,.b{transition:none}}';
