// Desktop notifications (C9, A6): permission, and showing a visitor's message. Through the
// service worker when there is one (required on Android, and clicks then reach a closed tab).
// Which notices show at all is decided by the caller with `wantsNotification`; the sound is
// notification-sound.ts's (it plays even without permission for notices).
export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

export interface VisitorMessageNotice {
  title: string;
  text: string;
  conversationId: string;
}

/** Shows the notice as plain text (the Notification API never renders markup). */
export async function showVisitorMessage(notice: VisitorMessageNotice, onClick: (conversationId: string) => void): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  const body = notice.text.length > 200 ? notice.text.slice(0, 199) + '…' : notice.text;
  const options: NotificationOptions = {
    body,
    // Our own sound plays instead of the system's (notification-sound.ts; none when turned off).
    silent: true,
    tag: `conversation:${notice.conversationId}`,
    icon: '/icon-192.png',
    data: { conversationId: notice.conversationId },
  };
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (registration) {
    await registration.showNotification(notice.title, options);
    return;
  }
  const notification = new Notification(notice.title, options);
  notification.onclick = () => {
    window.focus();
    onClick(notice.conversationId);
    notification.close();
  };
}

/** A notice about the agent themselves (A5: the working day started or ended). */
export async function showAgentNotice(title: string, text: string): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  const options: NotificationOptions = { body: text, tag: 'palique:agent', icon: '/icon-192.png' };
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (registration) await registration.showNotification(title, options);
  else new Notification(title, options);
}
