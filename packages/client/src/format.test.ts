// W6: the one message formatter. Over the shared hostile corpus: no link other than http(s) or
// mailto, nothing lost (the nodes give back exactly what was typed), and the formatting rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseMessage, plainTextOf, sourceOf, type FormatNode } from './format';

const corpus = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/corpus/hostile-messages.json'), 'utf8')) as Record<string, unknown>;
const samples = Object.values(corpus).filter(Array.isArray).flat() as string[];
const withFormatting = samples.flatMap((s) => [s, `**${s}**`, `_${s}_`, `**_${s}_**`, `see ${s} and https://example.com/x`]);

const linksOf = (nodes: FormatNode[]): Extract<FormatNode, { type: 'link' }>[] =>
  nodes.flatMap((n) => (n.type === 'link' ? [n] : n.type === 'text' ? [] : linksOf(n.children)));

test('W6: the hostile corpus, plain and formatted, keeps its text and links only to http(s) or mailto', () => {
  assert.ok(samples.length > 20);
  for (const text of withFormatting) {
    const nodes = parseMessage(text);
    assert.equal(sourceOf(nodes), text, `text lost: ${JSON.stringify(text)}`);
    for (const link of linksOf(nodes)) {
      assert.match(link.href, /^(https?:\/\/|mailto:)/, `bad href from ${JSON.stringify(text)}`);
      assert.doesNotMatch(link.href, /javascript:|data:|vbscript:/i);
    }
  }
});

test('W6: no javascript:, data: or vbscript: link in any spelling', () => {
  for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:x', '[x](javascript:alert(1))', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'https://exa\u200bmple.com', 'http://']) {
    assert.deepEqual(linksOf(parseMessage(text)), [], text);
  }
});

test('W6: bare URLs, www. and mailto become links; trailing punctuation stays outside', () => {
  const nodes = parseMessage('see https://example.com/a_b_c_d and www.example.com. or mailto:someone@example.com, (https://x.example/p)');
  assert.deepEqual(
    linksOf(nodes).map((l) => [l.text, l.href]),
    [
      ['https://example.com/a_b_c_d', 'https://example.com/a_b_c_d'],
      ['www.example.com', 'https://www.example.com/'],
      ['mailto:someone@example.com', 'mailto:someone@example.com'],
      ['https://x.example/p', 'https://x.example/p'],
    ],
  );
});

test('W6: **bold**, _italic_, nesting; snake_case, __init__ and lone stars stay text', () => {
  assert.deepEqual(parseMessage('a **b** _c_'), [
    { type: 'text', text: 'a ' },
    { type: 'bold', children: [{ type: 'text', text: 'b' }] },
    { type: 'text', text: ' ' },
    { type: 'italic', children: [{ type: 'text', text: 'c' }] },
  ]);
  assert.deepEqual(parseMessage('**_x_**'), [{ type: 'bold', children: [{ type: 'italic', children: [{ type: 'text', text: 'x' }] }] }]);
  for (const plain of ['__init__.py and snake_case_names_everywhere', 'a * b * c = 2*3*4', '**********', '**bold without end', '_italic without end']) {
    assert.deepEqual(parseMessage(plain), [{ type: 'text', text: plain }], plain);
  }
  assert.equal(plainTextOf(parseMessage('_**crossed** nesting_ **')), 'crossed nesting **');
  assert.deepEqual(linksOf(parseMessage('**https://example.com**')).map((l) => l.href), ['https://example.com/']);
});

test('W6: parsing stays fast on pathological input', () => {
  const started = performance.now();
  parseMessage('_a **b '.repeat(2000));
  parseMessage('*'.repeat(10_000) + '_'.repeat(10_000));
  assert.ok(performance.now() - started < 500);
});
