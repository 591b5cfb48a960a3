// W2: how the widget says when an agent was last active, in the widget's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, widgetTextDefaults } from '@palique/protocol';
import { activeAgo, describeError } from './texts';

const now = Date.parse('2026-11-27T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

test('W2: "Active 5 min ago", in hours and days later on, and "just now" under a minute', () => {
  assert.equal(activeAgo(en, ago(20_000), now), 'Active just now');
  assert.equal(activeAgo(en, ago(5 * 60_000), now), 'Active 5 min ago');
  assert.equal(activeAgo(en, ago(3 * 3_600_000), now), 'Active 3 h ago');
  assert.equal(activeAgo(en, ago(4 * 86_400_000), now), 'Active 4 d ago');
  assert.equal(activeAgo(widgetTextDefaults.es, ago(5 * 60_000), now), 'Activo hace 5 min');
  // A clock slightly behind the server's is "just now", not "Active -1 min ago".
  assert.equal(activeAgo(en, ago(-90_000), now), 'Active just now');
});

test('W3: a refused message is explained in the widget\'s language', () => {
  const es = widgetTextDefaults.es;
  assert.equal(describeError(es, { code: 'rate_limited', message: 'Too many' }), es.errorRateLimited);
  assert.equal(describeError(es, undefined), 'No enviado');
});
