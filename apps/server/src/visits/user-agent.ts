// C3: device, OS and browser from the User-Agent header, with ua-parser-js 1.x (MIT).
import { UAParser } from 'ua-parser-js';

export interface DeviceInfo {
  /** "Desktop", "Mobile", "Tablet", … (ua-parser leaves desktops without a type). */
  device: string | null;
  os: string | null;
  browser: string | null;
}

const DEVICE_NAMES: Record<string, string> = {
  mobile: 'Mobile',
  tablet: 'Tablet',
  smarttv: 'Smart TV',
  console: 'Console',
  wearable: 'Wearable',
  embedded: 'Embedded',
};

const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(' ') || null;

export function parseUserAgent(ua: string | undefined): DeviceInfo {
  if (!ua) return { device: null, os: null, browser: null };
  const r = new UAParser(ua.slice(0, 512)).getResult();
  const major = r.browser.version?.split('.')[0];
  const os = join(r.os.name, r.os.version);
  const browser = join(r.browser.name, major);
  const model = r.device.vendor || r.device.model ? join(r.device.vendor, r.device.model) : null;
  const kind = r.device.type ? DEVICE_NAMES[r.device.type] ?? r.device.type : os || browser ? 'Desktop' : null;
  return { device: kind && model ? `${kind} (${model})` : kind, os, browser };
}
