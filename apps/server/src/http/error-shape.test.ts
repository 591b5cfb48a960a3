// F17: every error the server writes, whoever notices it (our handlers, Fastify's router, Node's
// HTTP parser), is `{ "error": { "code", "message" } }` with a code that says what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '@palique/protocol';
import { rawRequest, serverWithOwner, type RawResponse } from '@palique/server/testing';

const ctx = serverWithOwner();

function assertErrorShape(res: RawResponse, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.deepEqual(Object.keys(res.body.error ?? {}).sort(), ['code', 'message'], JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

test('F17: a badly encoded URL answers 400 bad_url in the error shape', async () => {
  assertErrorShape(await rawRequest(ctx.server, get('/api/conversations/%E0%A4%A')), 400, ErrorCode.BadUrl);
});

test('F17: oversized headers answer 431 headers_too_large in the error shape', async () => {
  assertErrorShape(await rawRequest(ctx.server, get('/api/me', `X-Big: ${'a'.repeat(20_000)}\r\n`)), 431, ErrorCode.HeadersTooLarge);
});

test('F17: a malformed request answers 400 malformed_request in the error shape', async () => {
  assertErrorShape(await rawRequest(ctx.server, 'GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n'), 400, ErrorCode.MalformedRequest);
  assertErrorShape(await rawRequest(ctx.server, 'NOT-HTTP\r\n\r\n'), 400, ErrorCode.MalformedRequest);
});

test('F17: a path traversal attempt answers 403 forbidden, not bad_request', async () => {
  const res = await rawRequest(ctx.server, get('/widget/..%2f..%2fpackage.json'));
  assert.ok([403, 404].includes(res.status), JSON.stringify(res));
  assertErrorShape(res, res.status, res.status === 403 ? ErrorCode.Forbidden : ErrorCode.NotFound);
  assert.doesNotMatch(JSON.stringify(res.body), /"name":/);
});

test('F17: unknown routes answer 404 not_found and malformed JSON 400 invalid_json', async () => {
  assertErrorShape(await rawRequest(ctx.server, get('/api/nope')), 404, ErrorCode.NotFound);
  const body = '{"email":';
  const post = `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  assertErrorShape(await rawRequest(ctx.server, post), 400, ErrorCode.InvalidJson);
});

test('F17: Socket.IO requests the engine refuses answer in the error shape too', async () => {
  assertErrorShape(await rawRequest(ctx.server, get('/socket.io/?EIO=4&transport=bogus')), 400, ErrorCode.BadSocketRequest);
  assertErrorShape(await rawRequest(ctx.server, get('/socket.io/?EIO=4&transport=polling&sid=unknown-session')), 400, ErrorCode.SocketSessionUnknown);
});
