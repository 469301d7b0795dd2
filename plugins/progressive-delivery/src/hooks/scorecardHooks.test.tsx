import { act, renderHook, waitFor } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { SignalApi } from '@backstage/plugin-signals-react';
import { EntityScorecardResponse } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ProgressiveDeliveryApi } from '../api';
import { fakeApi } from '../__testUtils__/apis';
import { hookWrapper } from '../__testUtils__/render';
import { fakeSignals } from '../__testUtils__/signals';
import {
  makeEntityScorecard,
  makeOrgScorecards,
} from '../__testUtils__/scorecardData';
import { useEntityScorecard } from './useEntityScorecard';
import { ORG_SCORECARD_POLL_MS, useOrgScorecards } from './useOrgScorecards';
import { usePolledData } from './usePolledData';

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

function wrapper(
  api: ProgressiveDeliveryApi,
  props: { entity?: () => Entity; signals?: SignalApi } = {},
) {
  return hookWrapper(api, {
    signals: props.signals,
    entity: () => props.entity?.() ?? component('checkout'),
  });
}

describe('useEntityScorecard', () => {
  it('loads the window asked for and refetches on the entity signal', async () => {
    const signals = fakeSignals();
    const getEntityScorecard = jest.fn(async () => makeEntityScorecard());
    const { result } = renderHook(() => useEntityScorecard(7), {
      wrapper: wrapper(fakeApi({ getEntityScorecard }), {
        signals: signals.api,
      }),
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { days: 7 },
    );
    expect(signals.channels).toContain(
      'progressive-delivery:entity:component:default/checkout',
    );
    act(() => signals.fire());
    await waitFor(() => expect(getEntityScorecard).toHaveBeenCalledTimes(2));
  });

  it("keeps the entity's last window while another loads, but never another entity's", async () => {
    const pending: Array<(v: EntityScorecardResponse) => void> = [];
    const getEntityScorecard = jest.fn(
      async (entity: { name: string }, options?: { days?: number }) =>
        options?.days === 30 && entity.name === 'checkout'
          ? makeEntityScorecard({ level: 'silver' })
          : new Promise<EntityScorecardResponse>(r => pending.push(r)),
    );
    let entity = component('checkout');
    const { result, rerender } = renderHook(
      ({ days }: { days: number }) => useEntityScorecard(days),
      {
        initialProps: { days: 30 },
        wrapper: wrapper(fakeApi({ getEntityScorecard }), {
          entity: () => entity,
        }),
      },
    );
    await waitFor(() => expect(result.current.value?.level).toBe('silver'));

    rerender({ days: 90 });
    await waitFor(() => expect(getEntityScorecard).toHaveBeenCalledTimes(2));
    expect(result.current.loading).toBe(true);
    expect(result.current.value?.level).toBe('silver');
    await act(async () => pending[0](makeEntityScorecard({ level: 'gold' })));
    await waitFor(() => expect(result.current.value?.level).toBe('gold'));

    entity = component('cart');
    rerender({ days: 90 });
    await waitFor(() => expect(getEntityScorecard).toHaveBeenCalledTimes(3));
    expect(result.current.value).toBeUndefined();
  });
});

describe('useOrgScorecards', () => {
  afterEach(() => jest.useRealTimers());

  it('polls slowly rather than on every ops signal', async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const getOrgScorecards = jest.fn(async () => makeOrgScorecards());
    const { result } = renderHook(() => useOrgScorecards(90), {
      wrapper: wrapper(fakeApi({ getOrgScorecards }), {
        signals: signals.api,
      }),
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(getOrgScorecards).toHaveBeenCalledWith({ days: 90 });
    expect(signals.channels).toEqual([]);
    await act(async () => {
      jest.advanceTimersByTime(ORG_SCORECARD_POLL_MS - 1000);
    });
    expect(getOrgScorecards).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(getOrgScorecards).toHaveBeenCalledTimes(2);
    expect(result.current.live).toBe(false);
  });
});

describe('usePolledData', () => {
  it('keeps the last value when a refetch fails', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce('first')
      .mockRejectedValueOnce(new Error('down'));
    const { result } = renderHook(() => usePolledData(load, [], 60_000));
    await waitFor(() => expect(result.current.value).toBe('first'));
    await act(async () => {
      await result.current.refresh();
    });
    expect(result.current.error?.message).toBe('down');
    expect(result.current.value).toBe('first');
    expect(result.current.loading).toBe(false);
  });
});
