// A demo host page with the widget installed, served on a different origin than the dashboard
// (e.g. http://127.0.0.1:3000/demo/ while the dashboard is http://localhost:3000), so a newcomer
// can chat with themselves at once. Its buttons call the widget's JavaScript API (W7).

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderDemoPage(snippet: string | undefined, publicUrl: string, nonce: string): string {
  // The demo's CSP runs inline scripts by nonce only: the snippet's tags get it too.
  const withNonce = (html: string) => html.replace(/<script\b/g, `<script nonce="${escapeHtml(nonce)}"`);
  const body = snippet
    ? `<p>This page stands for your website. The chat button at the bottom right is the Palique widget,
  installed with the snippet below. Write to yourself, then answer from the
  <a href="${escapeHtml(publicUrl)}/">dashboard</a>.</p>
  <h2>Try the JavaScript API</h2>
  <div class="api">
    <button type="button" data-call="open">Palique('open')</button>
    <button type="button" data-call="close">Palique('close')</button>
    <button type="button" data-call="show">Palique('show')</button>
    <button type="button" data-call="hide">Palique('hide')</button>
    <button type="button" data-call="setVisitor">Palique('setVisitor', …)</button>
    <button type="button" data-call="restart">Palique('restart')</button>
    <button type="button" data-call="sendAutoMessage">Palique('sendAutoMessage', …)</button>
    <a href="#palique-open">a link to #palique-open</a>
  </div>
  <h2>Events</h2>
  <ol id="events" aria-label="Widget events"></ol>
  <h2>The snippet</h2>
  <pre>${escapeHtml(snippet)}</pre>
  ${withNonce(snippet)}
  <script nonce="${escapeHtml(nonce)}">
    var log = document.getElementById('events');
    ['ready', 'open', 'close', 'message', 'modeChange', 'unread'].forEach(function (name) {
      Palique('on', name, function (detail) {
        var li = document.createElement('li');
        li.textContent = name + (detail === undefined ? '' : ' ' + JSON.stringify(detail));
        log.appendChild(li);
      });
    });
    document.querySelectorAll('[data-call]').forEach(function (b) {
      b.addEventListener('click', function () {
        var call = b.getAttribute('data-call');
        if (call === 'setVisitor') {
          Palique('setVisitor', { name: 'Ada Demo', email: 'ada@example.com', phone: '+34 600 000 000', data: { plan: 'Pro', cartTotal: 42.5 } });
        } else if (call === 'sendAutoMessage') {
          Palique('sendAutoMessage', 'Need a hand? Free shipping today on orders over 50 €.');
        } else {
          Palique(call);
        }
      });
    });
  </script>`
    : `<p>No account yet. Open the <a href="${escapeHtml(publicUrl)}/">dashboard</a> to create yours, then reload this page.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Palique demo shop</title>
  <style>
    /* Deliberately rude host styles: the widget must look the same anyway. */
    * { font-family: Georgia, serif; }
    button { background: #ffd400; border: 3px dashed #333; font-size: 18px; margin: 4px; }
    iframe { border: 10px solid red; }
    /* Left-aligned, so the open chat panel (bottom right) never covers the API buttons. */
    body { max-width: 48rem; margin: 2rem; padding: 0 1rem; line-height: 1.5; }
    pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem; }
  </style>
</head>
<body>
  <h1>Demo shop</h1>
  ${body}
</body>
</html>`;
}

/** W1: what another address gets instead of the demo page (404): why, and how to open it. */
export function renderDemoPageNotHere(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Demo page not available</title>
  <style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }</style>
</head>
<body>
  <h1>The demo page is not available here</h1>
  <p>Palique's demo page is for trying the chat on the computer Palique runs on: open
  <code>http://127.0.0.1:&lt;port&gt;/demo/</code> there.</p>
  <p>To show it to other computers too, the owner or an administrator turns on
  <strong>Demo page for other addresses</strong> in the dashboard's <strong>Chat widget</strong> section.</p>
</body>
</html>`;
}
