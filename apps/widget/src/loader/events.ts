// Palique('on' | 'off', event, fn): the site owner's listeners. A listener that throws is
// reported in the console and never stops the others (or the widget). Closures rather than a
// class: class fields would pull transpiler helpers into the loader.

export type WidgetEvent = 'ready' | 'open' | 'close' | 'message' | 'modeChange';
type Listener = (detail?: unknown) => void;

export function createEvents() {
  const listeners: Record<string, Listener[]> = {};
  return {
    on(name: string, fn: unknown): void {
      if (typeof fn === 'function') (listeners[name] ||= []).push(fn as Listener);
    },
    off(name: string, fn: unknown): void {
      listeners[name] = (listeners[name] || []).filter((l) => l !== fn);
    },
    emit(name: WidgetEvent, detail?: unknown): void {
      for (const fn of (listeners[name] || []).slice()) {
        try {
          fn(detail);
        } catch (err) {
          console.error(err);
        }
      }
    },
  };
}
