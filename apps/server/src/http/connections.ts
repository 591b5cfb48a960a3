// Connections (F1): how long a client may take to send a request, and how many connections one
// client address (IPv6: one /64) may hold open at once — HTTP and WebSocket alike, counted at the
// socket so that a client trickling bytes cannot use up the process's file descriptors.
import type { Server, ServerOptions } from 'node:http';
import type { Config } from '../config';
import { addressKey } from './address';

/** Node's own timeouts, given to http.createServer (through Fastify's `http` option). */
export function connectionTimeouts(config: Config): Pick<ServerOptions, 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'connectionsCheckingInterval'> {
  return {
    headersTimeout: config.httpHeadersTimeoutMs,
    requestTimeout: config.httpRequestTimeoutMs,
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default): check often enough
    // that a slow client is closed close to its deadline.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(config.httpHeadersTimeoutMs / 4))),
  };
}

/** Closes a new connection at once when its address already holds `max`; 0 caps nothing. */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const key = addressKey(socket.remoteAddress);
    const count = open.get(key) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
