import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesObject,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import {
  abortedStatus,
  analysisRun,
  BLUE_GREEN_UID,
  blueGreenDemo,
  CANARY_HASH,
  CANARY_UID,
  canaryAt,
  canaryDemo,
  next,
  promoted,
  PROMOTE_PATCH,
  STABLE_HASH,
} from './__testUtils__/rolloutStates';
import { NewRolloutEvent, RolloutEventSink } from './events';
import {
  RolloutHistoryRecorder,
  RolloutHistoryRecorderOptions,
} from './RolloutHistoryRecorder';

const T0 = new Date('2026-11-26T10:00:00.000Z');

/** A cluster cache wired like ClusterWatchManager, a clock, and a sink that keeps what it gets. */
function setup(options: Partial<RolloutHistoryRecorderOptions> = {}) {
  const cache = new ObjectCache('prod-eu');
  let now = T0.getTime();
  const written: NewRolloutEvent[] = [];
  const sink: RolloutEventSink = {
    append: jest.fn(async events => {
      written.push(...events);
    }),
  };
  const logger = mockServices.logger.mock();
  const recorder = new RolloutHistoryRecorder({
    clusters: {
      onChange: listener => cache.onChange(listener),
      cluster: name => (name === 'prod-eu' ? { cache } : undefined),
    },
    sink,
    logger,
    now: () => new Date(now),
    flushDelayMs: 60_000,
    ...options,
  });
  recorder.start();
  let current: Rollout | undefined;
  return {
    cache,
    recorder,
    sink,
    logger,
    written,
    /** The watch delivers the next state of the rollout, `seconds` after the previous one. */
    see(rollout: Rollout, seconds = 10) {
      now += seconds * 1000;
      current = rollout;
      cache.upsert('Rollout', rollout);
      return rollout;
    },
    seeRun(run: KubernetesObject, seconds = 1) {
      now += seconds * 1000;
      cache.upsert('AnalysisRun', run);
    },
    get current() {
      return current!;
    },
    at: (secondsAfterT0: number) =>
      new Date(T0.getTime() + secondsAfterT0 * 1000),
    async events() {
      await recorder.flush();
      return written.map(e => ({
        type: e.type,
        key: e.key,
        ...(e.detail ? { detail: e.detail } : {}),
      }));
    },
  };
}

describe('RolloutHistoryRecorder', () => {
  it('records nothing for the initial list, only changes it saw happen', async () => {
    const h = setup();
    // First sight mid-rollout (the initial list after a restart), then a re-delivery.
    const midway = next(canaryDemo(), {
      revision: 32,
      status: canaryAt(CANARY_HASH, 1, { startTime: '2026-11-26T09:00:00Z' }),
    });
    h.see(midway);
    h.see(next(midway, {}));
    h.seeRun(analysisRun('done-before', 'run-0', 'Failed'));
    h.seeRun(analysisRun('done-before', 'run-0', 'Failed'));
    expect(await h.events()).toEqual([]);
    expect(h.sink.append).not.toHaveBeenCalled();
  });

  it('records a canary revision: started, a manual promote at the indefinite pause, completed', async () => {
    const h = setup();
    const stable = h.see(canaryDemo());
    // New image: the controller creates revision 32 and starts the steps.
    let ro = h.see(next(stable, { specChanged: true, revision: 32 }));
    ro = h.see(next(ro, { status: canaryAt(CANARY_HASH, 0) }));
    ro = h.see(
      next(ro, {
        status: canaryAt(CANARY_HASH, 1, { startTime: '2026-11-26T10:00:30Z' }),
      }),
    );
    // A person promotes; the controller moves on in the next event.
    ro = h.see(next(ro, { status: PROMOTE_PATCH }), 60);
    ro = h.see(next(ro, { status: canaryAt(CANARY_HASH, 2) }));
    // The timed pause ends by itself: not a manual step.
    ro = h.see(
      next(ro, {
        status: canaryAt(CANARY_HASH, 3, { startTime: '2026-11-26T10:01:50Z' }),
      }),
    );
    ro = h.see(next(ro, { status: canaryAt(CANARY_HASH, 4) }));
    // Fully promoted but old pods still terminating: not complete yet.
    ro = h.see(
      next(ro, { status: { ...promoted(CANARY_HASH), phase: 'Progressing' } }),
    );
    h.see(next(ro, { status: promoted(CANARY_HASH) }), 5);

    expect(await h.events()).toEqual([
      { type: 'started', key: `started:32:${CANARY_HASH}` },
      {
        type: 'manual-promote',
        key: 'manual-promote:32:1:2026-11-26T10:00:30Z',
      },
      { type: 'completed', key: `completed:32:${CANARY_HASH}` },
    ]);
    expect(h.written[0]).toMatchObject({
      cluster: 'prod-eu',
      namespace: 'jesse-test',
      name: 'canary-demo',
      rolloutUid: CANARY_UID,
      revision: 32,
      podHash: CANARY_HASH,
      occurredAt: h.at(30),
    });
    expect(h.written[1].occurredAt).toEqual(h.at(110));
    expect(h.written[2].occurredAt).toEqual(h.at(145));
  });

  it('tells two promotes apart when both pauses started in the same second', async () => {
    const h = setup();
    const base = canaryDemo();
    base.spec.strategy.canary!.steps = [{ pause: {} }, { pause: {} }];
    const sameSecond = { startTime: '2026-11-26T10:00:00Z' };
    let ro = h.see(
      next(base, {
        revision: 32,
        status: canaryAt(CANARY_HASH, 0, sameSecond),
      }),
    );
    ro = h.see(next(ro, { status: canaryAt(CANARY_HASH, 1, sameSecond) }));
    h.see(next(ro, { status: promoted(CANARY_HASH, 2) }));
    expect((await h.events()).map(e => e.key)).toEqual([
      'manual-promote:32:0:2026-11-26T10:00:00Z',
      // one status update both completes and ends the last pause
      `completed:32:${CANARY_HASH}`,
      'manual-promote:32:1:2026-11-26T10:00:00Z',
    ]);
  });

  it('records a completion it saw happen after a restart (the start is in the store)', async () => {
    const h = setup();
    const midway = h.see(
      next(canaryDemo(), { revision: 32, status: canaryAt(CANARY_HASH, 4) }),
    );
    h.see(next(midway, { status: promoted(CANARY_HASH) }));
    expect(await h.events()).toEqual([
      { type: 'completed', key: `completed:32:${CANARY_HASH}` },
    ]);
  });

  it('does not count a new rollout or a return to the stable revision as a start', async () => {
    const h = setup();
    // A brand-new Rollout: no status yet, then its first revision is stable at once.
    const fresh = next(canaryDemo(), { revision: 1 });
    fresh.status = {};
    let ro = h.see(fresh);
    ro = h.see(next(ro, { status: promoted(STABLE_HASH) }));
    // A revision starts and is reverted to the stable template before it completes.
    ro = h.see(next(ro, { revision: 2, status: canaryAt(CANARY_HASH, 0) }));
    h.see(next(ro, { revision: 3, status: promoted(STABLE_HASH) }));
    expect(await h.events()).toEqual([
      { type: 'started', key: `started:2:${CANARY_HASH}` },
    ]);
  });

  it('tells a manual abort from an analysis abort, once each whoever sees the patch first', async () => {
    const h = setup();
    let ro = h.see(
      next(canaryDemo(), { revision: 32, status: canaryAt(CANARY_HASH, 0) }),
    );
    // kubectl argo rollouts abort: the patch, then the controller's status.
    ro = h.see(next(ro, { status: { abort: true } }));
    ro = h.see(
      next(ro, { status: abortedStatus(32, '2026-11-26T10:00:20Z') }),
      1,
    );
    ro = h.see(next(ro, {}));
    // retry, then the step analysis fails and the controller aborts.
    ro = h.see(next(ro, { status: { abort: false, abortedAt: undefined } }));
    ro = h.see(
      next(ro, {
        status: { ...canaryAt(CANARY_HASH, 0), conditions: [] },
      }),
    );
    h.see(
      next(ro, {
        status: {
          ...abortedStatus(
            32,
            '2026-11-26T10:01:00Z',
            'Step-based analysis phase error/failed: metric "web" assessed Failed',
          ),
          canary: {
            currentStepAnalysisRunStatus: {
              name: 'canary-demo-65fb5ffc84-32-0',
              status: 'Failed',
            },
          },
        },
      }),
    );
    expect(await h.events()).toEqual([
      {
        type: 'aborted',
        key: 'aborted:32:2026-11-26T10:00:20Z',
        detail: 'manual',
      },
      { type: 'manual-abort', key: 'manual-abort:32:2026-11-26T10:00:20Z' },
      { type: 'manual-retry', key: 'manual-retry:32:2026-11-26T10:00:20Z' },
      {
        type: 'aborted',
        key: 'aborted:32:2026-11-26T10:01:00Z',
        detail: 'analysis',
      },
    ]);
  });

  it('records manual pause, resume, restart and promote-full (no extra promote)', async () => {
    const h = setup();
    let ro = h.see(
      next(canaryDemo(), {
        revision: 32,
        status: canaryAt(CANARY_HASH, 1, { startTime: '2026-11-26T10:00:00Z' }),
      }),
    );
    ro = h.see(next(ro, { spec: { paused: true } }));
    ro = h.see(next(ro, { spec: { paused: false } }));
    ro = h.see(next(ro, { spec: { restartAt: '2026-11-26T10:01:00Z' } }));
    ro = h.see(next(ro, { status: { promoteFull: true } }));
    ro = h.see(next(ro, { status: canaryAt(CANARY_HASH, 6) }));
    h.see(
      next(ro, {
        status: { ...promoted(CANARY_HASH), promoteFull: undefined },
      }),
    );
    expect(await h.events()).toEqual([
      { type: 'manual-pause', key: 'manual-pause:430' },
      { type: 'manual-resume', key: 'manual-resume:431' },
      { type: 'manual-restart', key: 'manual-restart:2026-11-26T10:01:00Z' },
      {
        type: 'manual-promote-full',
        key: `manual-promote-full:32:${CANARY_HASH}`,
      },
      { type: 'completed', key: `completed:32:${CANARY_HASH}` },
    ]);
  });

  it('records a blue-green promote only when a person ends an indefinite pause', async () => {
    for (const autoPromotionSeconds of [undefined, 30]) {
      const h = setup();
      const stable = h.see(blueGreenDemo(autoPromotionSeconds));
      let ro = h.see(
        next(stable, {
          specChanged: true,
          revision: 12,
          status: {
            currentPodHash: '74b948fccb',
            phase: 'Paused',
            pauseConditions: [
              { reason: 'BlueGreenPause', startTime: '2026-11-26T10:00:20Z' },
            ],
            controllerPause: true,
            blueGreen: {
              activeSelector: '6cbccd9f99',
              previewSelector: '74b948fccb',
            },
          },
        }),
      );
      ro = h.see(next(ro, { status: PROMOTE_PATCH }));
      ro = h.see(
        next(ro, {
          status: {
            phase: 'Progressing',
            controllerPause: undefined,
            blueGreen: { activeSelector: '74b948fccb' },
          },
        }),
      );
      h.see(
        next(ro, {
          status: { stableRS: '74b948fccb', phase: 'Healthy' },
        }),
      );
      const promote = {
        type: 'manual-promote',
        key: 'manual-promote:12:-:2026-11-26T10:00:20Z',
      };
      expect(await h.events()).toEqual([
        { type: 'started', key: 'started:12:74b948fccb' },
        ...(autoPromotionSeconds ? [] : [promote]),
        { type: 'completed', key: 'completed:12:74b948fccb' },
      ]);
      expect(h.written[0].rolloutUid).toBe(BLUE_GREEN_UID);
    }
  });

  it('records AnalysisRuns that finish, owned by the rollout or by its experiment', async () => {
    const h = setup();
    h.see(canaryDemo());
    h.cache.upsert('Experiment', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Experiment',
      metadata: {
        name: 'canary-demo-exp',
        namespace: 'jesse-test',
        uid: 'exp-1',
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name: 'canary-demo',
            uid: CANARY_UID,
          },
        ],
      },
    });
    const experimentOwner = {
      kind: 'Experiment',
      name: 'canary-demo-exp',
      uid: 'exp-1',
    };
    const orphanOwner = { kind: 'Rollout', name: 'gone', uid: 'no-such-uid' };
    h.seeRun(analysisRun('step-run', 'run-1', undefined));
    h.seeRun(analysisRun('step-run', 'run-1', 'Running'));
    h.seeRun(analysisRun('step-run', 'run-1', 'Successful'));
    h.seeRun(analysisRun('step-run', 'run-1', 'Successful'));
    h.seeRun(analysisRun('exp-run', 'run-2', 'Running', experimentOwner));
    h.seeRun(analysisRun('exp-run', 'run-2', 'Error', experimentOwner));
    h.seeRun(analysisRun('orphan-run', 'run-3', 'Running', orphanOwner));
    h.seeRun(analysisRun('orphan-run', 'run-3', 'Failed', orphanOwner));
    await h.recorder.flush();
    expect(h.written).toEqual([
      expect.objectContaining({
        type: 'analysis-finished',
        phase: 'Successful',
        detail: 'step-run',
        key: 'analysis-finished:run-1',
        name: 'canary-demo',
        rolloutUid: CANARY_UID,
        revision: 32,
        podHash: CANARY_HASH,
      }),
      expect.objectContaining({
        type: 'analysis-finished',
        phase: 'Error',
        detail: 'exp-run',
        rolloutUid: CANARY_UID,
      }),
    ]);
  });

  it('forgets deleted objects and keeps its memory bounded', async () => {
    const h = setup({ maxTracked: 1 });
    const ro = h.see(next(canaryDemo(), { status: canaryAt(CANARY_HASH, 0) }));
    // A second rollout pushes the first out of memory: its next change is a first sight.
    h.see(blueGreenDemo());
    h.see(next(ro, { status: promoted(CANARY_HASH) }));
    h.cache.delete('Rollout', ro);
    h.see(next(ro, { status: canaryAt('abc', 0), revision: 40 }));
    expect(await h.events()).toEqual([]);
  });

  it('logs and retries failed writes, never throwing into the watch path', async () => {
    const failing = jest.fn().mockRejectedValue(new Error('database is down'));
    const h = setup({ sink: { append: failing }, maxAttempts: 2 });
    const ro = h.see(next(canaryDemo(), { status: canaryAt(CANARY_HASH, 4) }));
    expect(() =>
      h.see(next(ro, { status: promoted(CANARY_HASH) })),
    ).not.toThrow();
    await h.recorder.flush();
    expect(failing).toHaveBeenCalledTimes(1);
    expect(h.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /could not write 1 event\(s\), will retry: database is down/,
      ),
    );
    await h.recorder.flush();
    expect(failing).toHaveBeenCalledTimes(2);
    expect(h.logger.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(/dropped 1 after 2 attempts/),
    );
    await h.recorder.flush();
    expect(failing).toHaveBeenCalledTimes(2);
    await h.recorder.stop();
  });

  it('writes in batches, at once when a batch is full and on stop', async () => {
    const h = setup({ batchSize: 2 });
    let ro = h.see(next(canaryDemo(), { status: canaryAt(CANARY_HASH, 0) }));
    ro = h.see(next(ro, { spec: { paused: true } }));
    ro = h.see(next(ro, { spec: { paused: false } }));
    await new Promise(resolve => setImmediate(resolve));
    expect(h.sink.append).toHaveBeenCalledTimes(1);
    expect(h.written.map(e => e.type)).toEqual([
      'manual-pause',
      'manual-resume',
    ]);
    h.see(next(ro, { spec: { paused: true } }));
    await h.recorder.stop();
    expect(h.written.map(e => e.type)).toEqual([
      'manual-pause',
      'manual-resume',
      'manual-pause',
    ]);
    // Stopped: later changes are not seen.
    h.see(next(h.current, { spec: { paused: false } }));
    await h.recorder.flush();
    expect(h.written).toHaveLength(3);
  });
});
