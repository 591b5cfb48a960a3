// A6: a local stand-in for a browser's push service (no outside network): an HTTP server on
// 127.0.0.1 that records what the app POSTs, plus subscriptions whose keys the test holds, so it
// decrypts each push (RFC 8291 aes128gcm) as the browser would. The server under test must run
// with PUSH_ALLOW_LOOPBACK_HTTP=true to accept these plain-HTTP endpoints.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  /** The path of the subscription's endpoint it was sent to. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface TestPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The pushes this subscription received, in order. */
  received(): ReceivedPush[];
  /** Decrypts a received push's body and parses it as JSON. */
  decrypt(push: ReceivedPush): unknown;
  /** What the endpoint answers from now on (201 by default; 410 Gone for an expired one). */
  answer(status: number): void;
}

export interface PushEndpoint {
  url: string;
  /** A new browser subscription with its own keys and endpoint path. */
  subscription(): TestPushSubscription;
  /** Every push received, in order. */
  received: ReceivedPush[];
  close(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answers.get(path) ?? 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let count = 0;
  return {
    url,
    received,
    subscription() {
      const path = `/push/${++count}-${crypto.randomBytes(4).toString('hex')}`;
      const ecdh = crypto.createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = crypto.randomBytes(16);
      return {
        endpoint: url + path,
        keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') },
        received: () => received.filter((p) => p.path === path),
        decrypt: (push) => JSON.parse(decryptAes128gcm(push.body, ecdh, publicKey, auth).toString('utf8')),
        answer: (status) => answers.set(path, status),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** RFC 8291 / RFC 8188: what a browser does with a push message's body. */
function decryptAes128gcm(body: Buffer, ecdh: crypto.ECDH, uaPublic: Buffer, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const asPublic = body.subarray(21, 21 + idLength);
  const cipherText = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipherText.subarray(cipherText.length - 16));
  const padded = Buffer.concat([decipher.update(cipherText.subarray(0, cipherText.length - 16)), decipher.final()]);
  // One record: the content, a 0x02 delimiter, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('bad padding delimiter');
  return padded.subarray(0, end);
}
