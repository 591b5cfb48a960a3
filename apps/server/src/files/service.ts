// Files: uploads become files of one conversation (by its visitor), stored under DATA_DIR/files/
// by random id. The declared type is never trusted: the bytes say whether it is an image; an
// image is decoded and re-encoded by sharp (no metadata) with a WebP thumbnail, anything else is
// kept as it came and only ever served as a download (routes.ts). Who may see a file: the
// account's agents and that conversation's visitor, through signed, expiring URLs.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, MAX_FILE_BYTES, normaliseName, type Attachment, type FileUrls } from '@palique/protocol';
import type { Storage } from '../db/index';
import type { FilesTable } from '../db/schema';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { decodeImage, thumbnail, type ImageFormat } from '../images';
import * as repo from './repo';
import { UrlSigner, type FileVariant } from './signing';

/** Who uploads, and for whose conversation. */
export interface Uploader {
  type: 'visitor' | 'agent';
  id: string;
  /** The visitor whose conversation the file goes to. */
  visitorId: string;
}

export interface FileServiceDeps {
  storage: Storage;
  clock: Clock;
  dataDir: string;
}

const IMAGE_FORMATS = new Set<ImageFormat>(['png', 'jpeg', 'webp', 'gif']);
/** Larger images are scaled down to fit this (the original's pixels are re-encoded anyway). */
const MAX_IMAGE_SIDE = 4096;
const THUMB_SIDE = 320;
const KEY_SETTING = 'file_url_key';
const OCTET_STREAM = 'application/octet-stream';

const fileNotFound = () => new AppError(ErrorCode.NotFound, 404, 'No such file');

/** The image format the first bytes announce, whatever the sender declared. */
export function sniffImage(bytes: Buffer): ImageFormat | undefined {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/** A name to show and offer on download: one line, no path, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = normaliseName(raw ?? '').split(/[\\/]/).pop()!.trim().replace(/^\.+/, '');
  return base.slice(0, 200) || 'file';
}

export class FileService {
  private signer?: Promise<UrlSigner>;

  constructor(private readonly deps: FileServiceDeps) {}

  private get dir(): string {
    return path.join(this.deps.dataDir, 'files');
  }

  /** Where a file's bytes are: named by its id only (ids are checked as ours before any path is made). */
  pathOf(id: string, variant: FileVariant): string {
    return path.join(this.dir, variant === 'thumb' ? `${id}.thumb.webp` : id);
  }

  /**
   * Stores a file under the rules of every upload (not empty, at most MAX_FILE_BYTES, an image
   * only if it decodes). With `fixedId` (a UUID derived from what the file came in, e.g. an
   * emailed attachment) the same file arriving twice is stored once: the first copy is returned.
   */
  async upload(accountId: string, uploader: Uploader, rawName: string | undefined, bytes: Buffer, fixedId?: string): Promise<Attachment> {
    if (bytes.length === 0) throw new AppError(ErrorCode.InvalidInput, 400, 'The file is empty');
    if (bytes.length > MAX_FILE_BYTES) throw new AppError(ErrorCode.BodyTooLarge, 413, 'The file is too large');
    const existing = fixedId === undefined ? undefined : await repo.findFile(this.deps.storage.db, accountId, fixedId, uploader.visitorId);
    if (existing) return attachmentOf(existing);
    const id = fixedId ?? crypto.randomUUID();
    const name = cleanFileName(rawName);
    const format = sniffImage(bytes);
    await fs.mkdir(this.dir, { recursive: true });
    let row: FilesTable;
    const base = { id, account_id: accountId, visitor_id: uploader.visitorId, uploader_type: uploader.type, uploader_id: uploader.id, name };
    const createdAt = this.deps.clock.now().toISOString();
    if (format) {
      const { image, thumb, width, height, contentType } = await this.reencode(bytes, format);
      await fs.writeFile(this.pathOf(id, 'file'), image);
      await fs.writeFile(this.pathOf(id, 'thumb'), thumb);
      row = { ...base, size: image.length, content_type: contentType, kind: 'image', width, height, created_at: createdAt };
    } else {
      await fs.writeFile(this.pathOf(id, 'file'), bytes);
      row = { ...base, size: bytes.length, content_type: OCTET_STREAM, kind: 'file', width: null, height: null, created_at: createdAt };
    }
    try {
      await this.deps.storage.write((trx) => repo.insertFile(trx, row));
    } catch (err) {
      // Another process stored the same fixed-id file meanwhile: its copy (same bytes) stands.
      const stored = fixedId === undefined ? undefined : await repo.findFile(this.deps.storage.db, accountId, fixedId, uploader.visitorId);
      if (stored) return attachmentOf(stored);
      await this.remove(id);
      throw err;
    }
    return attachmentOf(row);
  }

  /** Files: the attachment of a message being sent; 404 unless the file belongs to that visitor's conversation. */
  async attachmentFor(accountId: string, visitorId: string, fileId: string): Promise<Attachment> {
    const row = await repo.findFile(this.deps.storage.db, accountId, fileId, visitorId);
    if (!row) throw fileNotFound();
    return attachmentOf(row);
  }

  /** Fresh signed URLs: for an agent of the account, or (with `visitorId`) that conversation's visitor. */
  async urls(accountId: string, fileId: string, visitorId?: string): Promise<FileUrls> {
    const row = await repo.findFile(this.deps.storage.db, accountId, fileId, visitorId);
    if (!row) throw fileNotFound();
    const signer = await this.urlSigner();
    const nowMs = this.deps.clock.now().getTime();
    const file = signer.sign(row.id, 'file', nowMs);
    return {
      attachment: attachmentOf(row),
      url: file.url,
      thumbnailUrl: row.kind === 'image' ? signer.sign(row.id, 'thumb', nowMs).url : null,
      expiresAt: file.expiresAt,
    };
  }

  /** The file a signed URL names, once its signature and expiry are checked. */
  async open(fileId: string, variant: FileVariant, exp: number, sig: string): Promise<{ row: FilesTable; path: string; maxAgeSeconds: number }> {
    const signer = await this.urlSigner();
    const nowMs = this.deps.clock.now().getTime();
    const verdict = signer.check(fileId, variant, exp, sig, nowMs);
    if (verdict === 'expired') throw new AppError(ErrorCode.Forbidden, 403, 'This link has expired; open the file from the conversation again');
    if (verdict !== 'ok') throw fileNotFound();
    const row = await repo.findFileById(this.deps.storage.db, fileId);
    if (!row || (variant === 'thumb' && row.kind !== 'image')) throw fileNotFound();
    return { row, path: this.pathOf(row.id, variant), maxAgeSeconds: Math.max(0, Math.floor(exp - nowMs / 1000)) };
  }

  private async reencode(bytes: Buffer, format: ImageFormat) {
    const invalid = () => new AppError(ErrorCode.InvalidImage, 400, 'This image cannot be read (damaged or not really an image)');
    const decoded = await decodeImage(bytes, IMAGE_FORMATS);
    if (!decoded) throw invalid();
    try {
      const fitted = decoded.image.resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true });
      // GIF keeps its first frame, as PNG; the other formats stay what they were.
      const out = format === 'jpeg' ? fitted.jpeg({ quality: 85 }) : format === 'webp' ? fitted.webp({ quality: 85 }) : fitted.png();
      const { data: image, info } = await out.toBuffer({ resolveWithObject: true });
      const thumb = await thumbnail(image, THUMB_SIDE);
      const contentType = `image/${format === 'gif' ? 'png' : format}`;
      return { image, thumb, width: info.width, height: info.height, contentType };
    } catch {
      throw invalid();
    }
  }

  private async remove(id: string): Promise<void> {
    await Promise.all((['file', 'thumb'] as const).map((v) => fs.rm(this.pathOf(id, v), { force: true })));
  }

  private urlSigner(): Promise<UrlSigner> {
    this.signer ??= repo
      .keepSetting(this.deps.storage.db, KEY_SETTING, JSON.stringify(crypto.randomBytes(32).toString('base64url')), this.deps.clock.now().toISOString())
      .then((stored) => new UrlSigner(Buffer.from(JSON.parse(stored) as string, 'base64url')))
      .catch((err: unknown) => {
        this.signer = undefined;
        throw err;
      });
    return this.signer;
  }
}

function attachmentOf(row: FilesTable): Attachment {
  const { id, name, size, content_type: contentType, kind, width, height } = row;
  return { id, name, size, contentType, kind, ...(width !== null && height !== null ? { width, height } : {}) };
}
