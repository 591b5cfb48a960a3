// How agents see a visitor who gave no name: a friendly generated name and an avatar colour that
// are the same for the same visitor everywhere, differ between visitors, and are never empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { VISITOR_TONES, generatedVisitorName, initialsOf, visitorIdentity } from './visitor-identity';

/** Sortable ids as the server makes them (a shared time prefix, random-looking tails), but repeatable. */
function sortableIds(n: number, seed = 'ids'): string[] {
  const prefix = (1_764_000_000_000).toString(16).padStart(12, '0');
  return Array.from({ length: n }, (_, i) => prefix + createHash('sha256').update(`${seed}${i}`).digest('hex').slice(0, 20));
}

test('a visitor without a name gets a two-word name, the same every time for the same id', () => {
  const id = '0193a5b2c4d5e6f7a8b9c0d1e2f3a4b5';
  const first = visitorIdentity(id, null);
  assert.match(first.name, /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  assert.equal(first.generated, true);
  assert.deepEqual(visitorIdentity(id, undefined), first);
  assert.deepEqual(visitorIdentity(id, '   '), first);
  assert.equal(generatedVisitorName(id), first.name);
  assert.equal(first.initials, first.name.split(' ').map((w) => w[0]).join(''));
});

test('different visitors get different names and colours', () => {
  const ids = sortableIds(1000);
  const names = new Set(ids.map((id) => visitorIdentity(id).name));
  const looks = new Set(ids.map((id) => `${visitorIdentity(id).name}/${visitorIdentity(id).tone}`));
  const avatars = new Set(ids.map((id) => `${visitorIdentity(id).initials}/${visitorIdentity(id).tone}/${visitorIdentity(id).accent}`));
  // 11,000 names × 12 colours: among a thousand visitors a few share a name, hardly any a look.
  assert.ok(names.size >= 940, `${names.size} distinct names for 1000 visitors`);
  assert.ok(looks.size >= 990, `${looks.size} distinct name + colour pairs for 1000 visitors`);
  // Avatars (initials on a two-colour gradient) of a thousand visitors: nearly all differ.
  assert.ok(avatars.size >= 900, `${avatars.size} distinct avatars for 1000 visitors`);
  const tones = new Set(ids.map((id) => visitorIdentity(id).tone));
  assert.equal(tones.size, VISITOR_TONES, 'every colour is used');
  for (const id of ids) assert.notEqual(visitorIdentity(id).accent, visitorIdentity(id).tone);
  assert.equal(new Set(ids.map((id) => visitorIdentity(id).accent)).size, VISITOR_TONES);
  // Ids that differ in one character only (sortable ids share long prefixes) still differ.
  assert.notEqual(visitorIdentity('visitor-0001').name, visitorIdentity('visitor-0002').name);
});

test('the name is never empty, whatever the id', () => {
  for (const id of ['', ' ', 'x', '🙂', 'a'.repeat(5000), ...sortableIds(50)]) {
    const who = visitorIdentity(id);
    assert.ok(who.name.trim().length > 0, JSON.stringify(id));
    assert.ok(who.initials.length > 0);
    assert.ok(Number.isInteger(who.tone) && who.tone >= 0 && who.tone < VISITOR_TONES);
    assert.ok(Number.isInteger(who.accent) && who.accent >= 0 && who.accent < VISITOR_TONES && who.accent !== who.tone);
  }
});

test('once the visitor gives a name, that name is used, and the colour stays', () => {
  const id = sortableIds(1, 'named')[0]!;
  const before = visitorIdentity(id, null);
  const after = visitorIdentity(id, '  Ada Lovelace ');
  assert.equal(after.name, 'Ada Lovelace');
  assert.equal(after.generated, false);
  assert.equal(after.initials, 'AL');
  assert.equal(after.tone, before.tone);
  assert.equal(after.accent, before.accent);
});

test('initials take whole characters (emoji, accents, other scripts)', () => {
  assert.equal(initialsOf('élodie durand'), 'ÉD');
  assert.equal(initialsOf('👩🏽‍💻 Priya'), '👩🏽‍💻P');
  assert.equal(initialsOf('محمد علي'), 'مع');
  assert.equal(initialsOf('ada@example.com'), 'A');
});
