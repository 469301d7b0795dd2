import { act, renderHook, waitFor } from '@testing-library/react';
import { fakeApi, responseError } from '../__testUtils__/apis';
import { hookWrapper } from '../__testUtils__/render';
import { fakeSignals } from '../__testUtils__/signals';
import { makeEntityRollouts, makeInfo } from '../__testUtils__/data';
import { useEntityRollouts } from './useEntityRollouts';
import { useOpsRollouts } from './useOpsRollouts';
import { useRolloutDetail } from './useRolloutDetail';
import { explainActionFailure, useRolloutAction } from './useRolloutAction';

const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };
const rollout = { cluster: 'eu-prod', namespace: 'checkout', name: 'checkout' };

describe('useEntityRollouts', () => {
  it('subscribes to the entity channel and refetches on its signal', async () => {
    const signals = fakeSignals();
    const getEntityRollouts = jest.fn(async () => makeEntityRollouts());
    const { result } = renderHook(() => useEntityRollouts(entity), {
      wrapper: hookWrapper(fakeApi({ getEntityRollouts }), {
        signals: signals.api,
      }),
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(signals.channels).toContain(
      'progressive-delivery:entity:component:default/checkout',
    );
    act(() => signals.fire());
    await waitFor(() => expect(getEntityRollouts).toHaveBeenCalledTimes(2));
  });
});

describe('useOpsRollouts and useRolloutDetail', () => {
  it('pass their arguments to the client', async () => {
    const getOpsRollouts = jest.fn(async () => ({
      rollouts: [],
      clusters: [],
    }));
    const getRolloutDetail = jest.fn(async () => ({ name: 'checkout' } as any));
    const api = fakeApi({ getOpsRollouts, getRolloutDetail });
    renderHook(() => useOpsRollouts({ attention: true }), {
      wrapper: hookWrapper(api),
    });
    renderHook(() => useRolloutDetail(entity, rollout), {
      wrapper: hookWrapper(api),
    });
    await waitFor(() =>
      expect(getOpsRollouts).toHaveBeenCalledWith({ attention: true }),
    );
    await waitFor(() =>
      expect(getRolloutDetail).toHaveBeenCalledWith(entity, rollout),
    );
  });
});

describe('useRolloutAction', () => {
  it('sends the expected state and reports success', async () => {
    const performAction = jest.fn(async () => ({
      auditId: '1',
      action: 'abort',
      description: 'Aborted.',
      info: makeInfo({ aborted: true }),
    }));
    const onDone = jest.fn();
    const { result } = renderHook(
      () => useRolloutAction(entity, rollout, onDone),
      {
        wrapper: hookWrapper(fakeApi({ performAction })),
      },
    );
    await act(async () => {
      await result.current.run('abort', makeInfo(), 'bad metrics');
    });
    expect(performAction).toHaveBeenCalledWith(entity, rollout, {
      action: 'abort',
      reason: 'bad metrics',
      expected: { resourceVersion: '1234', stepIndex: 1 },
    });
    expect(result.current.state.status).toBe('done');
    expect(onDone).toHaveBeenCalled();
  });

  it('explains each failure', async () => {
    expect(
      explainActionFailure(
        'promote',
        await responseError(403, 'NotAllowedError', 'denied'),
      ),
    ).toMatchObject({ kind: 'denied', status: 403 });
    expect(
      explainActionFailure(
        'promote',
        await responseError(409, 'ConflictError', 'moved on'),
      ),
    ).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('moved on'),
    });
    expect(
      explainActionFailure(
        'promote',
        await responseError(
          503,
          'ServiceUnavailableError',
          'audit log unavailable',
        ),
      ),
    ).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining(
        "check the rollout's state before retrying",
      ),
    });
    expect(
      explainActionFailure('promote', new Error('network down')),
    ).toMatchObject({
      kind: 'failed',
      message: 'network down',
    });
  });
});
