// C4: the client's side of typing previews: throttled sends (≤ 4/s, latest wins), an agent's
// start/refresh/stop, and indicators that expire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypingBoard, TypingState, TypingThrottle } from './typing';

function fakeTime() {
  let now = 0;
  const due: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    schedule: (fn: () => void, ms: number) => due.push({ at: now + ms, fn }),
    advance(ms: number) {
      now += ms;
      for (const d of due.filter((d) => d.at <= now)) {
        due.splice(due.indexOf(d), 1);
        d.fn();
      }
    },
  };
}

test('C4: the visitor\'s box is sent at most 4 times a second, the latest value last', () => {
  const time = fakeTime();
  const sent: string[] = [];
  const throttle = new TypingThrottle<string>((v) => sent.push(v), time.now, time.schedule, 250);
  const typed = 'Hello there, I need help';
  for (let i = 1; i <= typed.length; i++) {
    throttle.update(typed.slice(0, i));
    time.advance(40); // a fast typist: 25 keys a second
  }
  time.advance(300);
  assert.ok(sent.length <= Math.ceil((typed.length * 40) / 250) + 1, `sent ${sent.length}`);
  assert.equal(sent[0], 'H');
  assert.equal(sent.at(-1), typed);
  throttle.update(typed); // no change: nothing sent
  time.advance(300);
  assert.equal(sent.at(-1), typed);
  const count = sent.length;
  throttle.update('');
  time.advance(300);
  assert.equal(sent.length, count + 1);
  assert.equal(sent.at(-1), '');
});

test('C4: an agent\'s typing is started once, refreshed every few seconds, stopped once', () => {
  const time = fakeTime();
  const sent: [string, boolean][] = [];
  const state = new TypingState((c, t) => sent.push([c, t]), time.now, 2000);
  for (let i = 0; i < 30; i++) {
    state.update('c1', true);
    time.advance(100);
  }
  state.update('c1', false);
  state.update('c1', false);
  assert.deepEqual(sent, [['c1', true], ['c1', true], ['c1', false]]);
});

test('C4: "is typing" disappears when stopped or when it is not refreshed', () => {
  const time = fakeTime();
  const board = new TypingBoard<string>(time.now, 6000);
  board.set('a1', 'Ana');
  board.set('a2', 'Bo');
  assert.deepEqual(board.current(), ['Ana', 'Bo']);
  board.set('a1', null);
  assert.deepEqual(board.current(), ['Bo']);
  time.advance(6001);
  assert.deepEqual(board.current(), []);
  assert.equal(board.get('a2'), undefined);
});
