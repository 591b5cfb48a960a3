// The client package runs in the widget's iframe, the dashboard and Node: it must stay DOM-free,
// and it must not bring zod into the widget (R3 size budget). Only types come from the
// protocol's main entry; values come from its zod-free entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const dir = new URL('.', import.meta.url);
const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

test('R3: the client imports only types from @palique/protocol, and nothing from zod', () => {
  for (const file of sources) {
    const text = fs.readFileSync(new URL(file, dir), 'utf8');
    assert.doesNotMatch(text, /^import (?!type )[^;]*from '@palique\/protocol';/m, file);
    assert.doesNotMatch(text, /from 'zod'/, file);
  }
});

test('the client never touches the DOM: storage, fetch and the page are handed in', () => {
  for (const file of sources) {
    const code = fs.readFileSync(new URL(file, dir), 'utf8').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\b(window|document|localStorage|navigator)\b/, file);
  }
});
