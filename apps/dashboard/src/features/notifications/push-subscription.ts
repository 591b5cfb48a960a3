// A6 Web Push in the browser: subscribes through the service worker's PushManager with the
// server's VAPID key and hands the subscription to the server (with the device when the browser
// says; otherwise the server reads the User-Agent). Browsers only allow it on https or localhost.
import { useEffect } from 'react';
import type { PushDevice } from '@palique/protocol';
import { deletePushSubscription, getPushKey, postPushSeen, postPushSubscription } from '../api/endpoints';

export function pushSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window;
}

/** Subscribes this browser (again: the server keeps one row per endpoint). False when it cannot. */
export async function subscribeToPush(): Promise<boolean> {
  if (!pushSupported() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  // No service worker in development builds (main.tsx registers it in production only, on load).
  const registration = (await navigator.serviceWorker.getRegistration()) ?? (import.meta.env.PROD ? await navigator.serviceWorker.ready : undefined);
  if (!registration) return false;
  const { publicKey } = await getPushKey();
  const key = base64UrlToBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    // Signed with another server's keys (a reinstall): the push service would refuse ours.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return false;
  await postPushSubscription({
    endpoint: json.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    device: deviceOfThisBrowser(),
  });
  return true;
}

/** Before signing out: this browser stops receiving the agent's pushes. */
export async function unsubscribeFromPush(): Promise<void> {
  if (!pushSupported()) return;
  const subscription = await (await navigator.serviceWorker.getRegistration())?.pushManager.getSubscription();
  if (!subscription) return;
  await deletePushSubscription(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe().catch(() => false);
}

/** A6: the agent opened a conversation here; a phone notice still waiting for it is dropped. */
export function usePushSeen(conversationId: string): void {
  useEffect(() => {
    if (conversationId && document.visibilityState === 'visible') void postPushSeen(conversationId).catch(() => undefined);
  }, [conversationId]);
}

function deviceOfThisBrowser(): PushDevice | undefined {
  const mobile = (navigator as Navigator & { userAgentData?: { mobile?: boolean } }).userAgentData?.mobile;
  return mobile === undefined ? undefined : mobile ? 'phone' : 'desktop';
}

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}
