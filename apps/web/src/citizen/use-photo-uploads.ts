/**
 * Photos and PDFs of the submit form: each file is checked, shrunk (photos) and uploaded
 * as soon as it is chosen, with its own progress; removing one cancels its upload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, uploadAttachment } from './api';
import { ACCEPTED_TYPES, compressPhoto, MAX_FILES, MAX_UPLOAD_BYTES } from './image-compress';
import type { MessageKey } from './i18n';

/** One chosen file. */
export interface PhotoItem {
  key: string;
  name: string;
  isPdf: boolean;
  /** Object URL of the chosen photo, for the thumbnail. */
  previewUrl?: string;
  status: 'preparing' | 'uploading' | 'done' | 'error';
  /** Upload progress, 0…1. */
  progress: number;
  attachmentId?: string;
  error?: unknown;
}

/** A file refused before upload, with the reason. */
export interface PhotoRejection {
  key: MessageKey;
  vars: Record<string, string | number>;
}

let counter = 0;

const isBusy = (item: PhotoItem) => item.status === 'preparing' || item.status === 'uploading';

/** State and operations of the file list. */
export function usePhotoUploads() {
  const [items, setItems] = useState<PhotoItem[]>([]);
  const [rejections, setRejections] = useState<PhotoRejection[]>([]);
  const aborts = useRef(new Map<string, () => void>());
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const waiters = useRef<(() => void)[]>([]);

  // Wake whoever waits for the uploads once none is running any more.
  useEffect(() => {
    if (items.some(isBusy)) return;
    for (const wake of waiters.current.splice(0)) wake();
  }, [items]);

  const update = useCallback((key: string, change: Partial<PhotoItem>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    async (key: string, file: File) => {
      const { blob, name } = await compressPhoto(file);
      if (!itemsRef.current.some((item) => item.key === key)) return;
      if (blob.size > MAX_UPLOAD_BYTES) {
        update(key, { status: 'error', error: new ApiError(413, 'PAYLOAD_TOO_LARGE', 'too large') });
        return;
      }
      update(key, { status: 'uploading', progress: 0 });
      const handle = uploadAttachment(blob, name, (progress) => update(key, { progress }));
      aborts.current.set(key, handle.abort);
      try {
        const result = await handle.promise;
        update(key, { status: 'done', progress: 1, attachmentId: result.id });
      } catch (error) {
        update(key, { status: 'error', error });
      } finally {
        aborts.current.delete(key);
      }
    },
    [update],
  );

  /** Adds chosen files (up to the limit); refused ones are listed in `rejections`. */
  const add = useCallback(
    (files: readonly File[]) => {
      const refused: PhotoRejection[] = [];
      const accepted: PhotoItem[] = [];
      const room = MAX_FILES - itemsRef.current.length;
      for (const file of files) {
        if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) refused.push({ key: 'photoBadType', vars: { name: file.name } });
        else if (file.type === 'application/pdf' && file.size > MAX_UPLOAD_BYTES) refused.push({ key: 'photoTooBig', vars: { name: file.name } });
        else if (accepted.length >= room) {
          if (!refused.some((r) => r.key === 'photoTooMany')) refused.push({ key: 'photoTooMany', vars: { max: MAX_FILES } });
        } else {
          counter += 1;
          const isPdf = file.type === 'application/pdf';
          const item: PhotoItem = {
            key: `photo-${counter}`,
            name: file.name,
            isPdf,
            previewUrl: !isPdf && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined,
            status: 'preparing',
            progress: 0,
          };
          accepted.push(item);
          queueMicrotask(() => void start(item.key, file));
        }
      }
      setRejections(refused);
      if (accepted.length > 0) {
        itemsRef.current = [...itemsRef.current, ...accepted];
        setItems((list) => [...list, ...accepted]);
      }
    },
    [start],
  );

  /** Removes a file, cancelling its upload. */
  const remove = useCallback((key: string) => {
    aborts.current.get(key)?.();
    const item = itemsRef.current.find((i) => i.key === key);
    if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
    itemsRef.current = itemsRef.current.filter((i) => i.key !== key);
    setItems((list) => list.filter((i) => i.key !== key));
    setRejections([]);
  }, []);

  /** Resolves when no file is being compressed or uploaded any more. */
  const settled = useCallback(
    () =>
      itemsRef.current.some(isBusy)
        ? new Promise<void>((resolve) => {
            waiters.current.push(resolve);
          })
        : Promise.resolve(),
    [],
  );

  /** Forgets every file (after a successful submission). */
  const clear = useCallback(() => {
    for (const abort of aborts.current.values()) abort();
    for (const item of itemsRef.current) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    itemsRef.current = [];
    setItems([]);
  }, []);

  useEffect(
    () => () => {
      for (const abort of aborts.current.values()) abort();
      for (const item of itemsRef.current) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    },
    [],
  );

  const pending = items.some(isBusy);
  /** Ids of the uploaded files and whether any failed, as of now (also right after `settled()`). */
  const outcome = useCallback(() => {
    const list = itemsRef.current;
    return { failed: list.some((i) => i.status === 'error'), attachmentIds: list.flatMap((i) => (i.attachmentId ? [i.attachmentId] : [])) };
  }, []);
  return { items, rejections, add, remove, clear, pending, settled, outcome };
}
