/**
 * A tiny data hook for the citizen pages: loads once per key, caches the result for the
 * life of the page, and offers a retry after a failure.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, networkError } from '../shared/api-error';

type Entry = { data: unknown } | { error: ApiError };

const cache = new Map<string, Entry>();
const inflight = new Map<string, Promise<Entry>>();

function load(key: string, loader: () => Promise<unknown>): Promise<Entry> {
  const running = inflight.get(key);
  if (running) return running;
  const promise = loader()
    .then((data): Entry => ({ data }))
    .catch((error: unknown): Entry => ({ error: error instanceof ApiError ? error : networkError(error) }))
    .then((entry) => {
      inflight.delete(key);
      if ('data' in entry) cache.set(key, entry);
      return entry;
    });
  inflight.set(key, promise);
  return promise;
}

/** State of one resource. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

/** Loads `loader()` under `key` (null: nothing to load yet). */
export function useResource<T>(key: string | null, loader: () => Promise<T>): Resource<T> {
  const [entry, setEntry] = useState<Entry | undefined>(() => (key ? cache.get(key) : undefined));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!key) return;
    const cached = cache.get(key);
    if (cached) {
      setEntry(cached);
      return;
    }
    let live = true;
    setEntry(undefined);
    void load(key, loader).then((result) => {
      if (live) setEntry(result);
    });
    return () => {
      live = false;
    };
    // `loader` is expected to depend on `key` only, so it is not a dependency.
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    data: entry && 'data' in entry ? (entry.data as T) : undefined,
    error: entry && 'error' in entry ? entry.error : undefined,
    loading: !!key && !entry,
    retry,
  };
}
