import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { LiveData } from './useLiveData';

/**
 * Loads once and then every `pollMs`, for data that changes too slowly, or costs too much, to
 * refetch on every change signal. Keeps the previous value while refetching; `live` is false.
 */
export function usePolledData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  pollMs: number,
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

  useEffect(() => {
    setState({ loading: true });
    refresh();
    const timer = setInterval(() => {
      refresh();
    }, pollMs);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, pollMs]);

  const setValue = useCallback(
    (update: (value: T | undefined) => T | undefined) =>
      setState(s => ({ ...s, value: update(s.value) })),
    [],
  );

  return { ...state, live: false, refresh, setValue };
}
