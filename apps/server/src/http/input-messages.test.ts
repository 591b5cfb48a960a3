// Form errors in words: what the server answers to refused input reads as a sentence a person
// understands, naming the field as the form does, never a field key ("siteName: …").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, startInProcessServer, serverWithOwner } from '@palique/server/testing';

const ctx = serverWithOwner();

test('Form errors: the first-run setup with an empty site name says "Site name must not be empty"', async () => {
  const server = await startInProcessServer();
  try {
    const res = await api(server, 'POST', '/api/setup', {
      body: { name: 'Helena Prado', email: 'helena@example.com', password: 'correct horse battery', siteName: '   ' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.message, 'Site name must not be empty');
  } finally {
    await server.close();
  }
});

test('Form errors: several problems are each said in words, without field keys or schema jargon', async () => {
  const res = await api(ctx.server, 'PUT', '/api/account/options', {
    cookie: ctx.owner.cookie,
    body: { notifyInvisibleWhenSlow: 'yes', notifyInvisibleDelaySeconds: -5, queueReturnSeconds: 100_000 },
  });
  assert.equal(res.status, 400);
  const message: string = res.body.error.message;
  assert.doesNotMatch(message, /[a-z][A-Z]|:\s|Too small|Invalid input|expected/, message);
  assert.match(message, /^Notify invisible when slow /);
  assert.match(message, /Notify invisible delay seconds must be at least/);
  assert.match(message, /Queue return seconds must be at most 86400/);
});

test('Form errors: an invitation to a malformed email says "Email must be an email address"', async () => {
  const res = await api(ctx.server, 'POST', '/api/team/invitations', { cookie: ctx.owner.cookie, body: { email: 'not-an-email', role: 'agent' } });
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.message, 'Email must be an email address');
});

test('Form errors: an item of a list is named with its position ("Start (item 2) must be a time HH:MM")', async () => {
  const res = await api(ctx.server, 'PUT', '/api/me/schedule', {
    cookie: ctx.owner.cookie,
    body: { timeZone: 'Europe/Madrid', days: [{ day: 1, start: '09:00', end: '17:00' }, { day: 2, start: '9am', end: '17:00' }] },
  });
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.message, 'Start (item 2) must be a time HH:MM');
});
