import { act, renderHook, waitFor } from '@testing-library/react';
import { EntitySlosResponse } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ProgressiveDeliveryApi } from '../api';
import { fakeApi } from '../__testUtils__/apis';
import { hookWrapper } from '../__testUtils__/render';
import { fakeSignals } from '../__testUtils__/signals';
import { makeEntitySlos, makeSlo } from '../__testUtils__/slos';
import { useEntitySlos } from './useEntitySlos';

const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

function withSignals(api: ProgressiveDeliveryApi) {
  const signals = fakeSignals();
  const wrapper = hookWrapper(api, { signals: signals.api });
  return { wrapper, channels: signals.channels, fire: () => signals.fire() };
}

describe('useEntitySlos', () => {
  it('loads the entity SLOs and refetches on the entity signal without dropping the value', async () => {
    const first = makeEntitySlos([makeSlo()]);
    let resolveSecond: (value: EntitySlosResponse) => void = () => {};
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(first)
      .mockReturnValueOnce(
        new Promise<EntitySlosResponse>(resolve => {
          resolveSecond = resolve;
        }),
      );
    const { wrapper, channels, fire } = withSignals(fakeApi({ getEntitySlos }));
    const { result } = renderHook(() => useEntitySlos(entity), { wrapper });
    await waitFor(() => expect(result.current.value).toBe(first));
    expect(getEntitySlos).toHaveBeenCalledWith(entity);
    expect(channels).toContain(
      'progressive-delivery:entity:component:default/checkout',
    );
    expect(result.current.live).toBe(true);

    act(() => fire());
    await waitFor(() => expect(result.current.loading).toBe(true));
    // No flicker: the last value stays while the refetch is in flight.
    expect(result.current.value).toBe(first);

    const second = makeEntitySlos([makeSlo({ burning: true })]);
    await act(async () => resolveSecond(second));
    await waitFor(() => expect(result.current.value).toBe(second));
    expect(getEntitySlos).toHaveBeenCalledTimes(2);
  });

  it('keeps the last value when a refetch fails', async () => {
    const first = makeEntitySlos([makeSlo()]);
    const getEntitySlos = jest
      .fn()
      .mockResolvedValueOnce(first)
      .mockRejectedValueOnce(new Error('Prometheus down'));
    const { wrapper, fire } = withSignals(fakeApi({ getEntitySlos }));
    const { result } = renderHook(() => useEntitySlos(entity), { wrapper });
    await waitFor(() => expect(result.current.value).toBe(first));
    act(() => fire());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('Prometheus down'),
    );
    expect(result.current.value).toBe(first);
  });
});
