// The zod-free entries must stay zod-free: the widget's iframe imports them and its size
// budget (R3) has no room for the schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
};

test('R3: @palique/protocol/constants and /errors import nothing, so no zod reaches the widget', () => {
  for (const entry of ['./constants', './errors']) {
    const file = new URL(`../${pkg.exports[entry]}`, import.meta.url);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /^\s*(import|export)\b[^;]*\bfrom\b/m, entry);
  }
});

test('W3: the widget-texts entries import only their own folder, and /en and /languages import nothing', () => {
  for (const entry of ['./widget-texts', './widget-texts/en', './widget-texts/languages']) {
    const file = new URL(`../${pkg.exports[entry]}`, import.meta.url);
    const source = fs.readFileSync(file, 'utf8');
    const sources = [...source.matchAll(/^\s*(?:import|export)\b[^;]*\bfrom\s+'([^']+)'/gm)].map((m) => m[1]!);
    if (entry === './widget-texts') assert.ok(sources.every((s) => /^\.\/[a-z-]+$/.test(s)), `${entry}: ${sources.join(', ')}`);
    else assert.deepEqual(sources, [], entry);
  }
  // The languages' files themselves: types from ./en at most.
  for (const name of fs.readdirSync(new URL('./widget-texts/', import.meta.url))) {
    const source = fs.readFileSync(new URL(`./widget-texts/${name}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /from\s+'(zod|\.\.\/)/, name);
  }
});
