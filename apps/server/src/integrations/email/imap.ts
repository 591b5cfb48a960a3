// IMAP inbox (IMAP_URL): built separately; this stub stands in until it is merged.
export async function startImapInbox(_opts: {
  url: string;
  onMail: (raw: Buffer) => Promise<void>;
  log?: { error: (o: object, m: string) => void; warn: (o: object, m: string) => void; info?: (o: object, m: string) => void };
}): Promise<{ close(): Promise<void> }> {
  throw new Error('not built');
}
