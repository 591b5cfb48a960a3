// HTTP as bytes on a socket, for requests no HTTP client will send (bad encodings, oversized
// headers, broken request lines): what the server writes back, parsed just enough to assert on.
import net from 'node:net';
import type { Reachable } from './api';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Writes `request` (a whole HTTP request, CRLFs included) and reads until the server closes or answers. */
export function rawRequest(server: Reachable, request: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => {
      socket.destroy();
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err);
      }
    };
    socket.setTimeout(5_000, done);
    socket.on('data', (c) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && Buffer.byteLength(text.slice(end + 4)) >= Number(length)) done();
    });
    socket.on('end', done);
    socket.on('error', (err) => (chunks.length ? done() : reject(err)));
    socket.write(request);
  });
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const raw = text.slice(end + 4);
  let body: any = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body };
}
