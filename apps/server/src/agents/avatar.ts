// A1: an uploaded photo becomes a clean avatar: decoded and re-encoded by sharp (images.ts) to a
// small square WebP without metadata. Only PNG, JPEG and WebP are decoded; anything else (SVG,
// HTML, a truncated or polyglot file) is refused with a 400 and nothing is stored.
import { ErrorCode } from '@palique/protocol';
import { AppError } from '../http/errors';
import { decodeImage, type ImageFormat } from '../images';

export const AVATAR_SIZE = 256;
const FORMATS = new Set<ImageFormat>(['png', 'jpeg', 'webp']);

const invalid = () => new AppError(ErrorCode.InvalidImage, 400, 'Upload a PNG, JPEG or WebP image of at most 5 MB');

export async function reencodeAvatar(upload: Buffer): Promise<Buffer> {
  const decoded = await decodeImage(upload, FORMATS);
  if (!decoded) throw invalid();
  try {
    return await decoded.image.resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
  } catch {
    throw invalid();
  }
}
