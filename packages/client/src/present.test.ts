// A3: an Invisible agent who wrote in the chat shows online to that visitor, and the widget is live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TeamMember } from '@palique/protocol';
import { withPresent } from './present';

const member = (id: string, online: boolean): TeamMember => ({ id, name: id, initials: id[0]!.toUpperCase(), online, lastActiveAt: null, avatarUrl: null });

test('A3: a present Invisible agent shows online (first) and the widget is live; nobody present changes nothing', () => {
  const team = [member('ana', false), member('iva', false)];
  assert.deepEqual(withPresent('messenger', team, []), { mode: 'messenger', team });
  const shown = withPresent('messenger', team, ['iva']);
  assert.equal(shown.mode, 'live');
  assert.deepEqual(shown.team.map((m) => [m.id, m.online]), [['iva', true], ['ana', false]]);
});
