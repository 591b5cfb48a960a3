// The one way an uploaded image is read (avatars and files alike): sharp decodes it from its
// bytes, whatever type it was declared as, refusing a truncated or damaged file, and what it
// produces is a new image without the upload's metadata (EXIF, GPS, ICC comments, text chunks).
// sharp (a native library) is loaded with the first image, not at start-up.
import type { Sharp } from 'sharp';

const loadSharp = async () => (await import('sharp')).default;

/** The formats an upload may be in; GIF gives its first frame. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface DecodedImage {
  format: ImageFormat;
  /** The image upright (EXIF orientation applied), ready to resize and encode. */
  image: Sharp;
}

/**
 * Reads `upload`'s header; undefined when it is not an image in one of `formats`. The pixels are
 * decoded when the caller encodes: a truncated body fails then (the caller refuses the upload).
 */
export async function decodeImage(upload: Buffer, formats: ReadonlySet<ImageFormat>): Promise<DecodedImage | undefined> {
  const sharp = await loadSharp();
  try {
    // failOn 'warning': a truncated or damaged file fails instead of decoding half an image.
    const image = sharp(upload, { failOn: 'warning', limitInputPixels: 40_000_000, pages: 1 });
    const { format } = await image.metadata();
    if (!format || !formats.has(format as ImageFormat)) return undefined;
    return { format: format as ImageFormat, image: image.rotate() };
  } catch {
    return undefined;
  }
}

/** A WebP no larger than `side` × `side` of an image this server encoded itself. */
export async function thumbnail(encoded: Buffer, side: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(encoded).resize(side, side, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
}
