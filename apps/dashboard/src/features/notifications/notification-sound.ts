// A6 / honest states: the optional sound on new chats and new messages, a short two-note chime
// made with Web Audio (no file to ship). Browsers refuse to start audio before the person has
// interacted with the page, so the audio context is created on the first click or key press;
// until then a notice is silent rather than a console error.
import { currentNotificationSettings } from './notification-settings';

let audio: AudioContext | undefined;

function unlock(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  } catch {
    /* no Web Audio: notices stay silent */
  }
}

/** Call once at start-up: the first gesture on the page allows the sound. */
export function allowSoundAfterFirstGesture(): () => void {
  const events = ['pointerdown', 'keydown'] as const;
  const onGesture = () => {
    unlock();
    events.forEach((e) => window.removeEventListener(e, onGesture, true));
  };
  events.forEach((e) => window.addEventListener(e, onGesture, true));
  return () => events.forEach((e) => window.removeEventListener(e, onGesture, true));
}

/** Plays the chime if the agent wants sound (Settings → Notifications) and the browser allows it. */
export function playNotificationSound(): void {
  if (!currentNotificationSettings().sound || !audio || audio.state !== 'running') return;
  try {
    const at = audio.currentTime;
    for (const [i, frequency] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, at + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + i * 0.12 + 0.2);
      tone.connect(gain).connect(audio.destination);
      tone.start(at + i * 0.12);
      tone.stop(at + i * 0.12 + 0.22);
    }
  } catch {
    /* audio refused: the notice still shows */
  }
}
