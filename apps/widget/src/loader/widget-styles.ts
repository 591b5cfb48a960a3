// Styles of the launcher and the panel, inside the shadow root, so the host page's CSS (even
// `button { … }` or `iframe { … }` rules) cannot reach them. The panel goes full screen on
// narrow viewports; while closed it is invisible but keeps the iframe (and its socket) running.
// W7: --s (button size), --w/--h (chat size), --c/--t (button colours) come from PaliqueSetup;
// .E is embedded mode (the panel fills the site's element), .H hides the round button.
export const WIDGET_CSS =
  '.b{all:initial;bottom:20px;width:var(--s,60px);height:var(--s,60px);border-radius:50%;background:var(--c,#4338ca);color:var(--t,#fff);display:grid;place-items:center;cursor:pointer;box-shadow:0 6px 20px #0f172a4d;transition:transform .15s}' +
  '.b,.p{position:fixed;right:20px}' +
  '.L .b,.L .p{right:auto;left:20px}' +
  '.b:hover{transform:scale(1.06)}' +
  '.b:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #4338ca}' +
  '.b svg{width:28px;height:28px;grid-area:1/1}' +
  '.b .x,.o .b .c,.E .b,.H .b{display:none}' +
  '.o .b .x{display:block}' +
  '.n{position:absolute;top:-4px;right:-4px;min-width:10px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}' +
  '.d{position:absolute;bottom:2px;right:2px;width:10px;height:10px;border-radius:50%;background:#22c55e;border:2px solid #fff}' +
  '.p{bottom:calc(var(--s,60px) + 32px);width:var(--w,370px);height:var(--h,560px);max-height:calc(100vh - 112px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 48px #0f172a4d;visibility:hidden;pointer-events:none;opacity:0;transform:translateY(16px);transition:opacity .2s,transform .2s,visibility 0s .2s}' +
  '.o .p{visibility:visible;pointer-events:auto;opacity:1;transform:none;transition-delay:0s}' +
  '.E{height:100%}.E .p{position:static;width:auto;height:100%;max-height:none;box-shadow:none}' +
  'iframe{display:block;width:100%;height:100%;border:0}' +
  '@media (max-width:480px){.p,.L .p{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.o .b{display:none}}' +
  '@media (prefers-reduced-motion:reduce){.p,.b{transition:none}}';
