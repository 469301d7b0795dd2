import { useRef } from 'react';
import { LiveData } from './useLiveData';

/** A loaded value with the identity (e.g. the entity ref) it was loaded for. */
export interface Tagged<T> {
  identity: string;
  value: T;
}

/**
 * Keeps showing the last value of the same `identity` while a new variant of it loads (e.g. the
 * same entity over another window), so switching the window does not blank the page. Values are
 * tagged when loaded, so another identity's value (another entity) is never shown, not even for
 * the one render before the loader resets.
 */
export function useHeldValue<T>(
  data: LiveData<Tagged<T>>,
  identity: string,
): LiveData<T> {
  const last = useRef<Tagged<T> | undefined>(undefined);
  if (data.value) last.current = data.value;
  const held = last.current;
  return {
    ...data,
    value: held?.identity === identity ? held.value : undefined,
    setValue: update =>
      data.setValue(tagged => {
        const value = update(
          tagged?.identity === identity ? tagged.value : undefined,
        );
        return value === undefined ? undefined : { identity, value };
      }),
  };
}
