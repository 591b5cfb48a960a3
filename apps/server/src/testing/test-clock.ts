// A clock tests move by hand (R8): timers read it instead of the system's, so a test fires a
// timer due in hours by moving the clock, not by waiting.
import type { Clock } from '../clock';

export class TestClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2026-03-02T08:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
}
