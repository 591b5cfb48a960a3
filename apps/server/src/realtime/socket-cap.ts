// Caps the sockets open at once per key (a visitor) in this process (F13): a reservation is taken
// at the handshake, before the socket connects, so a burst of handshakes cannot slip past the cap
// while each waits for its token check, and it is given back when the connection closes.
import type { Socket } from 'socket.io';

export class SocketCap {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Reserves a place for `socket` under `key`; false when `key` already has `max` sockets. */
  reserve(key: string, socket: Socket<any, any, any, any>): boolean {
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return false;
    this.open.set(key, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    // A socket refused later in its handshake never gets 'disconnect'; its connection still closes.
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    return true;
  }
}
