// The one client id format: what every message carries so that a resend is stored once.

const ID_BYTES = 16;
/** Random bytes for 64 ids, drawn at once: a getRandomValues call per message was a twentieth of a client's time (bench/). */
const POOL_BYTES = ID_BYTES * 64;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
let pool = new Uint8Array(0);
let next = 0;

/**
 * 32 hex characters (128 bits) from the CSPRNG. getRandomValues rather than randomUUID: the
 * latter needs a secure context, and self-hosted dashboards may run on plain http. Each byte
 * drawn is used once.
 */
export function newClientId(): string {
  if (next + ID_BYTES > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    next = 0;
  }
  let id = '';
  for (let i = next; i < next + ID_BYTES; i++) id += HEX[pool[i]!];
  next += ID_BYTES;
  return id;
}
