import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

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
 * The loading core of the data hooks: loads when `deps` change (starting over), refetches on
 * `refresh` while keeping the previous value, keeps the last value when a refetch fails, and
 * ignores answers that a later refetch overtook. How refetches are triggered is up to the caller.
 */
export function useReloadable<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  enabled: boolean = true,
): Omit<LiveData<T>, 'live'> {
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

  const setValue = useCallback(
    (update: (value: T | undefined) => T | undefined) =>
      setState(s => ({ ...s, value: update(s.value) })),
    [],
  );

  return { ...state, refresh, setValue };
}

/** Calls `refresh` every `ms` while `active`. */
export function usePolling(
  refresh: () => Promise<void>,
  ms: number,
  active: boolean,
): void {
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => {
      refresh();
    }, ms);
    return () => clearInterval(timer);
  }, [refresh, ms, active]);
}
