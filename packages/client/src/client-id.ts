// The one client id format: what every message carries so that a resend is stored once.

/**
 * 32 hex characters (128 bits) from the CSPRNG. getRandomValues rather than randomUUID: the
 * latter needs a secure context, and self-hosted dashboards may run on plain http.
 */
export function newClientId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const b of bytes) id += b.toString(16).padStart(2, '0');
  return id;
}
