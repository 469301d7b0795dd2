import { act, renderHook, waitFor } from '@testing-library/react';
import { hookWrapper } from '../__testUtils__/render';
import { fakeSignals } from '../__testUtils__/signals';
import { useLiveData } from './useLiveData';

describe('useLiveData', () => {
  afterEach(() => jest.useRealTimers());

  it('refetches on a signal and keeps the old value while refetching', async () => {
    const signals = fakeSignals();
    let resolveSecond: (v: number) => void = () => {};
    const load = jest
      .fn()
      .mockResolvedValueOnce(1)
      .mockImplementationOnce(
        () => new Promise<number>(r => (resolveSecond = r)),
      );
    const { result } = renderHook(() => useLiveData(load, [], 'chan'), {
      wrapper: hookWrapper(undefined, { signals: signals.api }),
    });
    await waitFor(() => expect(result.current.value).toBe(1));
    expect(result.current.live).toBe(true);
    act(() => signals.send('chan', { changedAt: 'now' }));
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value).toBe(1);
    await act(async () => resolveSecond(2));
    await waitFor(() => expect(result.current.value).toBe(2));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('polls slowly when signals are unavailable, keeping data on errors', async () => {
    jest.useFakeTimers();
    const load = jest
      .fn()
      .mockResolvedValueOnce('a')
      .mockRejectedValueOnce(new Error('flaky'))
      .mockResolvedValue('b');
    const { result } = renderHook(() => useLiveData(load, [], 'chan', 1000), {
      wrapper: hookWrapper(),
    });
    await act(async () => {});
    expect(result.current.value).toBe('a');
    expect(result.current.live).toBe(false);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(result.current.error?.message).toBe('flaky');
    expect(result.current.value).toBe('a');
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(result.current.value).toBe('b');
    expect(result.current.error).toBeUndefined();
  });

  it('does nothing while disabled', async () => {
    const load = jest.fn().mockResolvedValue(1);
    renderHook(() => useLiveData(load, [], 'chan', 1000, false), {
      wrapper: hookWrapper(),
    });
    await act(async () => {});
    expect(load).not.toHaveBeenCalled();
  });
});
