// A1: an uploaded photo becomes a clean avatar: decoded and re-encoded by sharp to a small square
// WebP without metadata. Only PNG, JPEG and WebP are decoded; anything else (SVG, HTML, a
// truncated or polyglot file) is refused with a 400 and nothing is stored.
import sharp from 'sharp';
import { ErrorCode } from '@palique/protocol';
import { AppError } from '../http/errors';

export const AVATAR_SIZE = 256;
const FORMATS = new Set(['png', 'jpeg', 'webp']);

const invalid = () => new AppError(ErrorCode.InvalidImage, 400, 'Upload a PNG, JPEG or WebP image of at most 5 MB');

export async function reencodeAvatar(upload: Buffer): Promise<Buffer> {
  try {
    // failOn 'warning': a truncated or damaged file fails instead of decoding half an image.
    const image = sharp(upload, { failOn: 'warning', limitInputPixels: 40_000_000, pages: 1 });
    const { format } = await image.metadata();
    if (!format || !FORMATS.has(format)) throw invalid();
    return await image.rotate().resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid();
  }
}
