// A demo host page with the widget installed, served on a different origin than the dashboard
// (e.g. http://127.0.0.1:3000/demo/ while the dashboard is http://localhost:3000), so a newcomer
// can chat with themselves at once. Its buttons call the widget's JavaScript API (W7).

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderDemoPage(snippet: string | undefined, publicUrl: string): string {
  const body = snippet
    ? `<p>This page stands for your website. The chat button at the bottom right is the Charla widget,
  installed with the snippet below. Write to yourself, then answer from the
  <a href="${escapeHtml(publicUrl)}/">dashboard</a>.</p>
  <h2>Try the JavaScript API</h2>
  <div class="api">
    <button type="button" data-call="open">Charla('open')</button>
    <button type="button" data-call="close">Charla('close')</button>
    <button type="button" data-call="show">Charla('show')</button>
    <button type="button" data-call="hide">Charla('hide')</button>
    <button type="button" data-call="setVisitor">Charla('setVisitor', …)</button>
    <a href="#charla-open">a link to #charla-open</a>
  </div>
  <h2>Events</h2>
  <ol id="events" aria-label="Widget events"></ol>
  <h2>The snippet</h2>
  <pre>${escapeHtml(snippet)}</pre>
  ${snippet}
  <script>
    var log = document.getElementById('events');
    ['ready', 'open', 'close', 'message', 'modeChange'].forEach(function (name) {
      Charla('on', name, function (detail) {
        var li = document.createElement('li');
        li.textContent = name + (detail === undefined ? '' : ' ' + JSON.stringify(detail));
        log.appendChild(li);
      });
    });
    document.querySelectorAll('[data-call]').forEach(function (b) {
      b.addEventListener('click', function () {
        var call = b.getAttribute('data-call');
        if (call === 'setVisitor') {
          Charla('setVisitor', { name: 'Ada Demo', email: 'ada@example.com', phone: '+34 600 000 000', data: { plan: 'Pro', cartTotal: 42.5 } });
        } else {
          Charla(call);
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
  <title>Charla demo shop</title>
  <style>
    /* Deliberately rude host styles: the widget must look the same anyway. */
    * { font-family: Georgia, serif; }
    button { background: #ffd400; border: 3px dashed #333; font-size: 18px; margin: 4px; }
    iframe { border: 10px solid red; }
    body { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
    pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem; }
  </style>
</head>
<body>
  <h1>Demo shop</h1>
  ${body}
</body>
</html>`;
}
