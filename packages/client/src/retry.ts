// The one retry policy of both clients: what is worth another try, and how long to wait.
import { isRetryable } from '@palique/protocol/errors';

/** Failures the clients raise themselves (never sent by the server). */
export const ClientErrorCode = {
  /** No acknowledgement in time: the request may or may not have been handled. */
  Timeout: 'timeout',
  /** Not connected: nothing was sent. */
  Disconnected: 'disconnected',
  /** The app gave up on a queued message (sign-out). */
  Cancelled: 'cancelled',
  /** The connection could not be opened (no detail from the server). */
  ConnectFailed: 'connect_failed',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** The server's retryable codes (the protocol says which) and every transport failure. */
export function shouldRetry(code: string): boolean {
  return isRetryable(code) || code === ClientErrorCode.Timeout || code === ClientErrorCode.Disconnected;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * Wait before attempt `failures + 1`: 1 s, 2 s, 4 s … at most 30 s, plus up to half a second of
 * jitter so that many clients cut off together do not come back in step.
 */
export function retryDelayMs(failures: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1), MAX_DELAY_MS) + Math.random() * 500;
}
