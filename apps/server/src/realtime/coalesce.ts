// One write to the network for the frames a socket has queued, instead of one per frame.
//
// engine.io sends a WebSocket connection's packets one at a time while the previous write is in
// flight; what queues meanwhile goes out together on the next flush, but still as one `ws` frame
// and one system call (writev) each. An agent's socket under load gets several a flush (every
// visitor's message, its notification, the typing of others…): the writes were a tenth of the
// server's time at saturation (bench/ profile). Corking the connection's TCP socket for the flush
// hands the kernel all its frames in one writev, in the same order; nothing waits longer than the
// flush itself (uncorked on the next tick).
import type { Server } from 'socket.io';

/** What this needs of the TCP socket under a `ws` WebSocket (a net.Socket). */
interface Corkable {
  cork(): void;
  uncork(): void;
  destroyed: boolean;
}

/** engine.io's transport of a connection: for WebSocket, the `ws` socket over the TCP one. */
interface EngineTransport {
  name: string;
  socket?: { _socket?: Corkable };
}

function tcpOf(transport: EngineTransport | undefined): Corkable | undefined {
  if (transport?.name !== 'websocket') return undefined;
  const tcp = transport.socket?._socket;
  return tcp && typeof tcp.cork === 'function' && !tcp.destroyed ? tcp : undefined;
}

/** Every connection of `io` writes each flush of two frames or more with one system call. */
export function coalesceFlushes(io: Server): void {
  io.engine.on('flush', (conn: { transport?: EngineTransport }, packets: unknown[]) => {
    if (packets.length < 2) return;
    const tcp = tcpOf(conn.transport);
    if (!tcp) return;
    tcp.cork();
    process.nextTick(() => tcp.uncork());
  });
}
