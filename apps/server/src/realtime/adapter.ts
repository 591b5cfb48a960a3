// With REDIS_URL, rooms span processes through Socket.IO's Redis adapter: every broadcast is
// published, and every process hears the broadcasts of the rooms it has sockets in, its own
// included. The adapter decodes each one (msgpack) only to find, for its own, that it sent it and
// drop it: at saturation a third of a process's decodes. The parser here drops those unread.
import { createAdapter } from '@socket.io/redis-adapter';
import * as msgpack from 'notepack.io';
import type { ServerOptions } from 'socket.io';
import type { Redis } from 'ioredis';

/** What a dropped broadcast decodes to: the adapter only reads its first element, the sender's uid. */
type Sender = [uid: string];

/**
 * The adapter's own parser (msgpack), but a broadcast this adapter published is not decoded. A
 * broadcast is `[uid, packet, opts]`: its first bytes (the array's header, then the uid) are the
 * same for every broadcast of one adapter, and learnt from the first it encodes. One parser per
 * adapter (each namespace has its own uid). Requests and responses (maps) decode as before.
 */
export class OwnBroadcastsUnread {
  private own?: { prefix: Buffer; sender: Sender };

  encode(value: unknown): Buffer {
    // notepack's Node build returns a Buffer: published as it is, not copied.
    const bytes = msgpack.encode(value) as Buffer;
    if (!this.own && Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && bytes[0] === 0x93) {
      const uidLength = (msgpack.encode(value[0]) as Buffer).length;
      // Its own copy, once: the bytes sent are not kept.
      this.own = { prefix: Buffer.from(bytes.subarray(0, 1 + uidLength)), sender: [value[0]] };
    }
    return bytes;
  }

  decode(bytes: Buffer): unknown {
    const own = this.own;
    if (own && bytes.length > own.prefix.length && bytes.compare(own.prefix, 0, own.prefix.length, 0, own.prefix.length) === 0) return own.sender;
    return msgpack.decode(bytes);
  }
}

export function redisAdapter(publisher: Redis, subscriber: Redis, key: string): ServerOptions['adapter'] {
  // Socket.IO calls it with `new`: a function, not an arrow (what it returns is the adapter).
  return function (this: unknown, nsp) {
    return createAdapter(publisher, subscriber, { key, parser: new OwnBroadcastsUnread() })(nsp);
  } as ServerOptions['adapter'];
}
