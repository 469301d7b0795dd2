import { DependencyList, useEffect } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { LiveData, usePolling, useReloadable } from './useReloadable';

export type { LiveData } from './useReloadable';

/** Slow poll used only when the signals plugin is not installed. */
export const FALLBACK_POLL_MS = 30_000;

/**
 * Loads once, refetches when a signal arrives on `channel` (payloads carry ids only), and polls
 * slowly only when signals are unavailable. Keeps showing the previous value while refetching.
 */
export function useLiveData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  channel: string,
  pollMs: number = FALLBACK_POLL_MS,
  enabled: boolean = true,
): LiveData<T> {
  const data = useReloadable(load, deps, enabled);
  const { refresh } = data;

  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  useEffect(() => {
    if (lastSignal && enabled) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal, refresh]);

  usePolling(refresh, pollMs, enabled && !isSignalsAvailable);

  return { ...data, live: isSignalsAvailable };
}
