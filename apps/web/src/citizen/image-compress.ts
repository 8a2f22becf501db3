/**
 * Photos are shrunk in the browser before upload: drawn onto a canvas at most 1600 px on
 * the long side and saved as JPEG (quality 0.8). Re-encoding also drops EXIF data such as
 * the GPS position. PDFs, and anything the browser cannot decode, go up as they are (the
 * server checks the type by content).
 */

/** Longest side of an uploaded photo, in pixels. */
export const MAX_PHOTO_SIDE = 1600;
/** JPEG quality of uploaded photos. */
export const PHOTO_QUALITY = 0.8;
/** Largest file the server accepts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Most files per opinion. */
export const MAX_FILES = 9;
/** Types the server accepts. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** Width and height scaled so that the long side is at most `max`. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The file name after conversion to JPEG. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '') || 'photo';
  return `${base}.jpg`;
}

type Drawable = { source: CanvasImageSource; width: number; height: number; close: () => void };

async function decode(file: Blob): Promise<Drawable> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  }
  const url = URL.createObjectURL(file);
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return { source: image, width: image.naturalWidth, height: image.naturalHeight, close: () => URL.revokeObjectURL(url) };
}

/** A JPEG of the photo at most 1600 px on the long side; the original if it cannot be converted. */
export async function compressPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (file.type === 'application/pdf') return { blob: file, name: file.name };
  let drawable: Drawable | undefined;
  try {
    drawable = await decode(file);
    const size = fitWithin(drawable.width, drawable.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return { blob: file, name: file.name };
    // JPEG has no transparency: put transparent PNG/WebP areas on white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(drawable.source, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    return blob ? { blob, name: jpegName(file.name) } : { blob: file, name: file.name };
  } catch {
    return { blob: file, name: file.name };
  } finally {
    drawable?.close();
  }
}
