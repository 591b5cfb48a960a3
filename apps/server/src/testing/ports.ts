// Free TCP ports for servers under test: picked before start-up, so that a server knows its own
// address (PORT and PUBLIC_URL) from the environment it is started with.
import net from 'node:net';

/** A port nothing listens on right now (127.0.0.1), for a server about to be started on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
