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
