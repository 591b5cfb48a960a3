// The built-in SMTP receiver (INBOUND_SMTP_PORT, off by default): for installs that forward the
// replies' mailbox (or point an MX record) at Palique. It accepts mail only for reply addresses
// (…+<token>@…), at most MAX_MAIL_BYTES, and hands each mail to the one inbound entry point.
// No AUTH and no relaying: it delivers nothing anywhere, it only reads replies.
// smtp-server is loaded only when the receiver starts.

const MAX_MAIL_BYTES = 15 * 1024 * 1024;
const REPLY_ADDRESS = /\+[0-9a-f]{32}@/i;

type Log = { error: (o: object, m: string) => void };

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

export async function startSmtpReceiver(opts: { port: number; host: string; onMail: (raw: Buffer) => Promise<unknown>; log: Log }): Promise<SmtpReceiver> {
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MAIL_BYTES,
    banner: 'Palique reply receiver',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (REPLY_ADDRESS.test(address.address)) callback();
      else callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too big'), { responseCode: 552 }));
          return;
        }
        opts.onMail(Buffer.concat(chunks)).then(
          () => callback(),
          (err: unknown) => {
            opts.log.error({ err }, 'inbound email not processed; the sender retries');
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => opts.log.error({ err }, 'SMTP receiver error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
