import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useSignal } from '@backstage/plugin-signals-react';

/** Slow poll used only when the signals plugin is not installed. */
export const FALLBACK_POLL_MS = 30_000;

/** @public */
export interface LiveData<T> {
  /** The last loaded value; kept while refetching so the page does not flicker. */
  value?: T;
  /** The last load error; `value` may still hold older data. */
  error?: Error;
  /** True while a load is in flight (first load or refetch). */
  loading: boolean;
  /** True when updates arrive by signal; false when the hook polls. */
  live: boolean;
  refresh: () => Promise<void>;
  /** Replace the value locally (e.g. with the state an action returned). */
  setValue: (update: (value: T | undefined) => T | undefined) => void;
}

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
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const sequence = useRef(0);

  const refresh = useCallback(async () => {
    const id = ++sequence.current;
    setState(s => ({ ...s, loading: true }));
    try {
      const value = await loadRef.current();
      if (id === sequence.current) setState({ value, loading: false });
    } catch (e) {
      if (id === sequence.current) {
        setState(s => ({ value: s.value, error: e as Error, loading: false }));
      }
    }
  }, []);

  // New identity (entity, filter): start over.
  useEffect(() => {
    if (!enabled) return;
    setState({ loading: true });
    refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled]);

  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  useEffect(() => {
    if (lastSignal && enabled) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal, refresh]);

  useEffect(() => {
    if (isSignalsAvailable || !enabled) return undefined;
    const timer = setInterval(() => {
      refresh();
    }, pollMs);
    return () => clearInterval(timer);
  }, [isSignalsAvailable, pollMs, refresh, enabled]);

  const setValue = useCallback(
    (update: (value: T | undefined) => T | undefined) =>
      setState(s => ({ ...s, value: update(s.value) })),
    [],
  );

  return { ...state, live: isSignalsAvailable, refresh, setValue };
}
