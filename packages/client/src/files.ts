// Files, the client side for widget and dashboard alike: uploading (the raw file, its name
// percent-encoded in X-File-Name), asking for a file's signed URLs, and keeping them until shortly
// before they expire, so a thread re-rendered (or shown again after a reconnect) asks once.
import type { FileUrls } from '@palique/protocol';
import { FILE_UPLOAD_TYPE, MAX_FILE_BYTES } from '@palique/protocol/constants';
import { ErrorCode, type ErrorInfo } from '@palique/protocol/errors';

/** A refused upload or lookup, with the server's `{ code, message }`. */
export class FileError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

async function answer(res: Response): Promise<FileUrls> {
  const body = (await res.json().catch(() => undefined)) as (FileUrls & { error?: ErrorInfo }) | undefined;
  if (!res.ok || !body || body.error) throw new FileError(body?.error ?? { code: ErrorCode.Internal, message: `HTTP ${res.status}` });
  return body;
}

/** Uploads `file` to `url`; too large files are refused here already, with the server's code. */
export async function uploadFile(fetchFn: typeof fetch, url: string, file: Blob, name: string, headers: Record<string, string> = {}): Promise<FileUrls> {
  if (file.size > MAX_FILE_BYTES) throw new FileError({ code: ErrorCode.BodyTooLarge, message: 'The file is larger than 10 MB' });
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': FILE_UPLOAD_TYPE, 'x-file-name': encodeURIComponent(name) },
    body: file,
    credentials: 'same-origin',
  });
  return answer(res);
}

export async function fetchFileUrls(fetchFn: typeof fetch, url: string, headers: Record<string, string> = {}): Promise<FileUrls> {
  return answer(await fetchFn(url, { headers, credentials: 'same-origin' }));
}

/** How long before its expiry a URL is asked for again. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class FileUrlCache {
  /** The answer (or the question in flight) per file, and until when it may be reused. */
  private readonly urls = new Map<string, { urls: Promise<FileUrls>; until: number }>();

  constructor(
    private readonly fetchUrls: (fileId: string) => Promise<FileUrls>,
    private readonly now: () => number = Date.now,
  ) {}

  get(fileId: string): Promise<FileUrls> {
    const kept = this.urls.get(fileId);
    if (kept && kept.until > this.now()) return kept.urls;
    const entry = { urls: this.fetchUrls(fileId), until: Infinity };
    this.urls.set(fileId, entry);
    entry.urls.then(
      // Reused until shortly before the URLs expire; then the next view asks for fresh ones.
      (urls) => (entry.until = Date.parse(urls.expiresAt) - REFRESH_MARGIN_MS),
      () => this.urls.get(fileId) === entry && this.urls.delete(fileId),
    );
    return entry.urls;
  }

  /** An upload's answer: its URLs are fresh, no need to ask. */
  keep(urls: FileUrls): void {
    this.urls.set(urls.attachment.id, { urls: Promise.resolve(urls), until: Date.parse(urls.expiresAt) - REFRESH_MARGIN_MS });
  }
}

/** "12 KB", "3.4 MB": a file's size as people read it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
