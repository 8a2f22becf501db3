/**
 * Uploads: the type is recognised from the bytes (JPEG, PNG, WebP, PDF), never from the
 * name or the declared type; images are re-encoded, which strips every metadata block
 * (EXIF with GPS position, XMP, comments); sizes and counts are limited.
 */
import { AppError } from '@lianxin/core';
import type { AttachmentOwner, AttachmentRecord } from '@lianxin/storage';
import { loadSharp } from './lazy-modules';
import type { ServiceDeps } from '../platform/deps';
import type { FileStore } from './adapters/file-store';
import { newId } from './adapters/ids';

/** Content types Lianxin accepts. */
export type AcceptedMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** Recognises an accepted type by magic bytes, or null. */
export function sniffMime(bytes: Buffer): AcceptedMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

const MAX_PIXELS = 40_000_000;

/** Accepts and stores uploads. */
export class AttachmentService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'clock' | 'config' | 'repos'>,
    private readonly files: FileStore,
  ) {}

  /** Checks, cleans and stores one upload; returns its record (not yet linked to a case). */
  async upload(input: { bytes: Buffer; fileName: string | null; uploaderKind: 'citizen' | 'user'; uploaderId: string | null }): Promise<AttachmentRecord> {
    if (input.bytes.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'The file is empty.', details: [{ path: 'file', code: 'empty' }] });
    if (input.bytes.length > this.deps.config.uploadMaxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', { message: `Files may be at most ${Math.floor(this.deps.config.uploadMaxBytes / 1024 / 1024)} MB.` });
    const mime = sniffMime(input.bytes);
    if (!mime) throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Only JPEG, PNG, WebP photos and PDF files are accepted.' });
    let bytes = input.bytes;
    let width: number | null = null;
    let height: number | null = null;
    if (mime !== 'application/pdf') {
      try {
        // Re-encoding keeps the pixels and drops all metadata; rotate() first applies the EXIF orientation.
        const sharp = await loadSharp();
        const image = sharp(input.bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
        const out = await (
          mime === 'image/png' ? image.png() : mime === 'image/webp' ? image.webp({ quality: 85 }) : image.jpeg({ quality: 85, mozjpeg: true })
        ).toBuffer({
          resolveWithObject: true,
        });
        bytes = out.data;
        width = out.info.width;
        height = out.info.height;
      } catch {
        throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'The image could not be read; it may be damaged or not an image.' });
      }
    } else if (!input.bytes.includes(Buffer.from('%%EOF'))) {
      throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'The PDF file is incomplete or damaged.' });
    }
    const sha256 = await this.files.put(bytes);
    const record: AttachmentRecord = {
      id: newId(),
      sha256,
      mime,
      size: bytes.length,
      width,
      height,
      originalName: input.fileName ? input.fileName.slice(0, 200) : null,
      caseId: null,
      eventId: null,
      uploaderKind: input.uploaderKind,
      uploaderId: input.uploaderId,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.repos.attachments.insert(record);
    return record;
  }

  /**
   * Checks that `ids` are fresh uploads of `owner` that may be attached (within the limit): each
   * exists, was uploaded by this account (or this citizen's upload session) and is not in use by a
   * case, an activity or an issue item. Anything else answers alike, so ids cannot be probed.
   * The link itself re-checks in its statement (`AttachmentRepository.link`), against races.
   */
  async checkAttachable(ids: string[], owner: AttachmentOwner | null): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length > this.deps.config.uploadMaxFiles) {
      throw new AppError('VALIDATION_FAILED', {
        details: [{ path: 'attachmentIds', code: 'too_big', message: `At most ${this.deps.config.uploadMaxFiles} files.` }],
      });
    }
    const found = owner ? await this.deps.repos.attachments.findMany(unique) : [];
    const usable = new Set(found.filter((a) => isFreeUploadOf(a, owner!)).map((a) => a.id));
    const bad = unique.filter((id) => !usable.has(id));
    if (bad.length) throw unusableAttachments(bad);
  }
}

/** Whether `a` is an upload of `owner` that nothing uses yet. */
export function isFreeUploadOf(a: AttachmentRecord, owner: AttachmentOwner): boolean {
  return a.caseId === null && !a.activityId && !a.issueId && a.uploaderKind === owner.kind && a.uploaderId === owner.id;
}

/** 422 REFERENCE_INVALID for files that are missing, someone else's or already in use. */
export function unusableAttachments(ids: string[], path = 'attachmentIds'): AppError {
  return new AppError('REFERENCE_INVALID', {
    message: 'Some attachments do not exist, were uploaded by someone else or are already used.',
    details: ids.map((id) => ({ path, code: 'not_found', message: id })),
  });
}
