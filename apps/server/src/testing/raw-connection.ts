// A raw TCP connection to a server, for what no HTTP client does on purpose: trickle a request,
// hold a connection open without a request, count refused connections.
import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** Resolves with the time (Date.now()) the connection was closed, by either side. */
  closed: Promise<number>;
  /** Everything received so far. */
  received(): string;
  /** Resolves once something was received (rejects after `timeoutMs`). */
  answered(timeoutMs?: number): Promise<string>;
}

export async function openRawConnection(port: number, host = '127.0.0.1'): Promise<RawConnection> {
  const socket = net.connect(port, host);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  // A refused (reset) connection ends with 'close'; the error itself is expected.
  socket.on('error', () => {});
  return {
    socket,
    closed,
    received: () => received,
    answered: (timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (received) return resolve(received);
        const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        socket.once('data', () => {
          clearTimeout(timer);
          resolve(received);
        });
      }),
  };
}

/** Rejects with "<what> not within <ms> ms" unless `p` settles first. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms);
    }),
  ]);
}
