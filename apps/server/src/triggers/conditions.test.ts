// T1: every condition type against visitor details, table-driven; URL patterns without regular
// expressions (a hostile glob stays fast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TriggerCondition, type TriggerConditionInput, type VisitorDetails } from '@palique/protocol';
import { allHoldNow, globMatches, timeConditionsFrom, urlMatches } from './conditions';

const details: VisitorDetails = {
  visitorId: 'v1',
  currentUrl: 'https://shop.example/checkout/cart?step=2#top',
  currentTitle: 'Cart',
  pages: [],
  referrer: 'https://search.example/?q=boards',
  visits: 3,
  visitStartedAt: '2026-03-02T08:00:00.000Z',
  pageStartedAt: '2026-03-02T08:05:00.000Z',
  lastSeenAt: '2026-03-02T08:05:00.000Z',
  language: 'es-MX',
  timeZone: null,
  utcOffsetMinutes: null,
  screen: null,
  device: null,
  os: null,
  browser: null,
  country: 'MX',
  city: null,
};

const cases: Array<[string, TriggerConditionInput, boolean]> = [
  ['url contains', { type: 'page_url', op: 'contains', value: 'cart' }, true],
  ['url contains, other case', { type: 'page_url', op: 'contains', value: 'CART' }, true],
  ['url contains, absent', { type: 'page_url', op: 'contains', value: 'contact' }, false],
  ['url equals (fragment ignored)', { type: 'page_url', op: 'equals', value: 'https://shop.example/checkout/cart?step=2' }, true],
  ['url equals, another page', { type: 'page_url', op: 'equals', value: 'https://shop.example/checkout' }, false],
  ['url equals a path', { type: 'page_url', op: 'equals', value: '/checkout/cart?step=2' }, true],
  ['url starts with', { type: 'page_url', op: 'starts_with', value: 'https://shop.example/checkout' }, true],
  ['url starts with a path', { type: 'page_url', op: 'starts_with', value: '/checkout/' }, true],
  ['url starts with, no', { type: 'page_url', op: 'starts_with', value: '/cart' }, false],
  ['url matches a glob', { type: 'page_url', op: 'matches', value: 'https://*.example/*/cart*' }, true],
  ['url matches a path glob', { type: 'page_url', op: 'matches', value: '/checkout/*' }, true],
  ['url matches, no', { type: 'page_url', op: 'matches', value: '/shop/*' }, false],
  ['referrer contains', { type: 'referrer', op: 'contains', value: 'search.example' }, true],
  ['referrer is empty', { type: 'referrer', op: 'is_empty' }, false],
  ['visits at least 3', { type: 'visits', op: 'at_least', value: 3 }, true],
  ['visits at most 2', { type: 'visits', op: 'at_most', value: 2 }, false],
  ['visits equals 3', { type: 'visits', op: 'equals', value: 3 }, true],
  ['language es matches es-MX', { type: 'language', op: 'is', values: ['es'] }, true],
  ['language is not es', { type: 'language', op: 'is_not', values: ['es'] }, false],
  ['language en', { type: 'language', op: 'is', values: ['en', 'pt-BR'] }, false],
  ['country MX (any case)', { type: 'country', op: 'is', values: ['mx'] }, true],
  ['country is not MX', { type: 'country', op: 'is_not', values: ['MX', 'ES'] }, false],
  ['chat window not opened', { type: 'chat_window', value: 'not_opened' }, true],
  ['chat window opened', { type: 'chat_window', value: 'opened' }, false],
  ['time conditions hold now (the engine waits for them)', { type: 'time_on_page', seconds: 30 }, true],
];

for (const [name, input, expected] of cases) {
  test(`T1: condition ${name} → ${expected}`, () => {
    const condition = TriggerCondition.parse(input);
    assert.equal(allHoldNow([condition], { details, chatOpened: false }), expected);
  });
}

test('T1: time on page and time on site hold from the later of their moments', () => {
  const at = timeConditionsFrom(
    [TriggerCondition.parse({ type: 'time_on_page', seconds: 30 }), TriggerCondition.parse({ type: 'time_on_site', seconds: 60 })],
    details,
  );
  // On the page since 08:05 (+30 s); on the site since 08:00 (+60 s): 08:05:30.
  assert.equal(new Date(at).toISOString(), '2026-03-02T08:05:30.000Z');
});

test('T1: globs are linear enough for hostile patterns (no regex, no ReDoS)', () => {
  const url = `https://a.example/${'a'.repeat(2000)}`;
  const started = performance.now();
  assert.equal(globMatches(url, `${'*a'.repeat(200)}b`), false);
  assert.ok(performance.now() - started < 500, 'a hostile pattern is answered quickly');
  assert.equal(urlMatches('https://a.example/x.y', 'matches', 'https://a.example/x?y'), false, '? and . are literal');
});
