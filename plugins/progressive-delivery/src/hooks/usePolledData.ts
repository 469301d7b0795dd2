import { DependencyList } from 'react';
import { LiveData, usePolling, useReloadable } from './useReloadable';

/**
 * Loads once and then every `pollMs`, for data that changes too slowly, or costs too much, to
 * refetch on every change signal. Keeps the previous value while refetching; `live` is false.
 */
export function usePolledData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  pollMs: number,
): LiveData<T> {
  const data = useReloadable(load, deps);
  usePolling(data.refresh, pollMs, true);
  return { ...data, live: false };
}
