// W3: the widget's language: setLanguage when spoken, else the browser's, else English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, widgetTextDefaults } from '@palique/protocol';
import { chooseWidgetLanguage, fetchWidgetTexts, supportedWidgetLanguage } from './widget-texts';

test('W3: the widget picks the first browser language it speaks, else English', () => {
  assert.equal(chooseWidgetLanguage(null, ['es-ES', 'es', 'en']), 'es');
  assert.equal(chooseWidgetLanguage(null, ['fr-FR', 'es-MX', 'en']), 'es');
  assert.equal(chooseWidgetLanguage(null, ['fr-FR', 'de']), 'en');
  assert.equal(chooseWidgetLanguage(null, ['en-GB', 'es']), 'en');
  assert.equal(chooseWidgetLanguage(undefined, []), 'en');
});

test('W3: Palique(\'setLanguage\', …) overrides the browser when the widget speaks it', () => {
  assert.equal(chooseWidgetLanguage('es', ['en-US']), 'es');
  assert.equal(chooseWidgetLanguage('ES-mx', ['en-US']), 'es');
  assert.equal(chooseWidgetLanguage('en', ['es-ES']), 'en');
  // Unknown or odd values fall back to the browser's choice.
  for (const odd of ['fr', '', 'es<script>', '../en', 'english']) {
    assert.equal(chooseWidgetLanguage(odd, ['es-ES']), 'es', odd);
    assert.equal(supportedWidgetLanguage(odd), null, odd);
  }
});

test('W3: texts come from the server; English when it cannot be reached', async () => {
  const seen: string[] = [];
  const ok = (async (url: string) => {
    seen.push(url);
    return new Response(JSON.stringify({ language: 'es', texts: { ...widgetTextDefaults.es, title: 'Hola' } }));
  }) as typeof fetch;
  const es = await fetchWidgetTexts('http://palique.test/', 'w1', 'es', ok);
  assert.deepEqual(seen, ['http://palique.test/api/widget/w1/texts/es']);
  assert.deepEqual([es.language, es.texts.title, es.texts.send], ['es', 'Hola', 'Enviar']);
  const down = (async () => new Response('', { status: 503 })) as typeof fetch;
  assert.deepEqual(await fetchWidgetTexts('http://palique.test', 'w1', 'es', down), { language: 'en', texts: en });
});
