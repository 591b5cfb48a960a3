// A6: the signed-in agent's notification settings (sound, which events notify), kept here so
// the in-page notices read them as they arrive; the server applies the same ones to pushes.
import { useSyncExternalStore } from 'react';
import type { NotificationSettings } from '@palique/protocol';
import { getNotificationSettings, putNotificationSettings } from '../api/endpoints';

let current: NotificationSettings = { sound: true, newChat: true, newMessage: true };
const listeners = new Set<() => void>();

function set(settings: NotificationSettings): NotificationSettings {
  current = settings;
  listeners.forEach((l) => l());
  return settings;
}

export const currentNotificationSettings = (): NotificationSettings => current;

export async function loadNotificationSettings(): Promise<NotificationSettings> {
  return set(await getNotificationSettings());
}

/** Shows the change at once (a switch must not lag the click) and puts it back if saving fails. */
export async function saveNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  const before = current;
  set(settings);
  try {
    return set(await putNotificationSettings(settings));
  } catch (err) {
    set(before);
    throw err;
  }
}

export function useNotificationSettings(): NotificationSettings {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
