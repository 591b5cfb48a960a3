// Palique('on' | 'off', event, fn): the site owner's listeners. A listener that throws is
// reported in the console and never stops the others (or the widget). Closures rather than a
// class: class fields would pull transpiler helpers into the loader.

export type WidgetEvent = 'ready' | 'open' | 'close' | 'message' | 'modeChange' | 'unread';
type Listener = (detail?: unknown) => void;

export function createEvents() {
  /** [event name, listener] pairs in the order they were added. */
  let listeners: [unknown, Listener][] = [];
  return {
    on(name: unknown, fn: unknown): void {
      if (typeof fn === 'function') listeners.push([name, fn as Listener]);
    },
    off(name: unknown, fn: unknown): void {
      listeners = listeners.filter(([n, l]) => n !== name || l !== fn);
    },
    emit(name: WidgetEvent, detail?: unknown): void {
      for (const [n, fn] of listeners) {
        if (n === name) {
          try {
            fn(detail);
          } catch (err) {
            console.error(err);
          }
        }
      }
    },
  };
}
