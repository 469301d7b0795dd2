import {
  loadFixtures,
  relatedOf,
  FixtureScenario,
} from '../__testUtils__/loadFixtures';
import { describeRollout } from '../status/describeRollout';
import { RolloutInfo } from '../status/types';
import { Rollout } from '../kubernetes/rollout';
import { availableActions, isActionAvailable } from './availableActions';
import { ROLLOUT_ACTIONS } from './rolloutActions';

function infoOf(scenario: FixtureScenario, index = 0): RolloutInfo {
  const objects = loadFixtures(scenario);
  return describeRollout(objects.rollouts[index], relatedOf(objects));
}

/** `{ action: reason | true }` for compact expectations. */
function table(input: Parameters<typeof availableActions>[0]) {
  return Object.fromEntries(
    availableActions(input).map(a => [a.action, a.enabled ? true : a.reason]),
  );
}

/** A healthy, fully promoted canary with an older revision; tests change what their rule needs. */
function healthy(overrides: Partial<RolloutInfo> = {}): RolloutInfo {
  return {
    name: 'ro',
    namespace: 'ns',
    strategy: 'Canary',
    status: 'Healthy',
    message: '',
    step: '2/2',
    setWeight: 100,
    actualWeight: 100,
    images: [],
    replicas: { desired: 1, current: 1, updated: 1, ready: 1, available: 1 },
    revisions: [
      {
        revision: 2,
        replicaSets: [
          {
            name: 'ro-new',
            revision: 2,
            status: 'Healthy',
            tags: ['stable'],
            podTemplateHash: 'new',
            replicas: 1,
            available: 1,
            images: [],
            pods: [],
          },
        ],
        experiments: [],
        analysisRuns: [],
      },
      {
        revision: 1,
        replicaSets: [
          {
            name: 'ro-old',
            revision: 1,
            status: 'ScaledDown',
            tags: [],
            podTemplateHash: 'old',
            replicas: 0,
            available: 0,
            images: [],
            pods: [],
          },
        ],
        experiments: [],
        analysisRuns: [],
      },
    ],
    generationObserved: true,
    observedGeneration: '4',
    revision: 2,
    currentStepIndex: 2,
    stepCount: 2,
    aborted: false,
    paused: false,
    manuallyPaused: false,
    pauseConditions: [],
    controllerPause: false,
    fullyPromoted: true,
    promoteFullRequested: false,
    stableRS: 'new',
    currentPodHash: 'new',
    containers: [],
    ...overrides,
  };
}

/** The same rollout in the middle of an update to revision 2. */
function updating(overrides: Partial<RolloutInfo> = {}): RolloutInfo {
  return healthy({
    status: 'Progressing',
    fullyPromoted: false,
    stableRS: 'old',
    currentStepIndex: 0,
    ...overrides,
  });
}

const stepPause = [
  { reason: 'CanaryPauseStep', startTime: '2024-01-01T00:00:00Z' },
];

describe('availableActions', () => {
  it('answers for every action, in ROLLOUT_ACTIONS order', () => {
    expect(availableActions(healthy()).map(a => a.action)).toEqual([
      ...ROLLOUT_ACTIONS,
    ]);
    for (const a of availableActions(healthy())) {
      expect(a.enabled ? a.reason : typeof a.reason).toBe(
        a.enabled ? undefined : 'string',
      );
    }
  });

  it('healthy, fully promoted: only restart and rollback', () => {
    expect(table(healthy())).toEqual({
      promote: 'The rollout is fully promoted: there is no update in progress.',
      'promote-full':
        'The rollout is fully promoted: there is no update in progress.',
      abort: 'The rollout is fully promoted: there is no update in progress.',
      retry: 'The rollout is fully promoted: there is no update in progress.',
      restart: true,
      pause: 'The rollout is fully promoted: there is no update in progress.',
      resume: 'The rollout is not paused manually.',
      rollback: true,
    });
  });

  it('paused at a canary pause step: promote, promote-full, abort; not pause or resume', () => {
    expect(
      table(
        updating({
          status: 'Paused',
          paused: true,
          pauseConditions: stepPause,
          currentStepIndex: 1,
        }),
      ),
    ).toEqual({
      promote: true,
      'promote-full': true,
      abort: true,
      retry: 'The rollout is not aborted.',
      restart: true,
      pause: 'The rollout is already paused (CanaryPauseStep).',
      resume:
        'The rollout is paused by the controller (CanaryPauseStep): promote it to continue.',
      rollback: true,
    });
  });

  it('manually paused: resume and promote enabled, pause disabled', () => {
    const t = table(
      updating({ status: 'Paused', paused: true, manuallyPaused: true }),
    );
    expect(t.resume).toBe(true);
    expect(t.promote).toBe(true);
    expect(t.pause).toBe('The rollout is already paused manually.');
  });

  it('progressing without a pause: pause and abort enabled; promote only skips a pending canary step', () => {
    const t = table(updating());
    expect(t.pause).toBe(true);
    expect(t.abort).toBe(true);
    expect(t.promote).toBe(true);
    expect(t['promote-full']).toBe(true);
    // Blue-green before the pause: kubectl promote would do nothing.
    expect(
      table(
        updating({
          strategy: 'BlueGreen',
          stepCount: 0,
          currentStepIndex: undefined,
        }),
      ).promote,
    ).toBe('The rollout is not paused: there is nothing to promote.');
  });

  it('promote waits until the controller has seen the latest spec', () => {
    expect(table(updating({ generationObserved: false })).promote).toBe(
      'The controller has not yet seen the latest change.',
    );
  });

  it('promote-full is refused while one is in progress and for blue-green on v0.9 controllers', () => {
    expect(
      table(updating({ promoteFullRequested: true }))['promote-full'],
    ).toBe('A full promotion is already in progress.');
    expect(
      table(
        updating({ strategy: 'BlueGreen', observedGeneration: '7d8f9c6b5' }),
      )['promote-full'],
    ).toBe(
      'Controllers before v0.10 only support a full promotion of canary rollouts.',
    );
    expect(
      table(updating({ observedGeneration: '7d8f9c6b5' }))['promote-full'],
    ).toBe(true);
  });

  it('rollback needs another revision with a ReplicaSet', () => {
    expect(
      table(healthy({ revisions: [healthy().revisions[0]] })).rollback,
    ).toBe('There is no older revision to roll back to.');
    // An unparsable revision (0) does not count.
    const zero = { ...healthy().revisions[1], revision: 0 };
    expect(
      table(healthy({ revisions: [healthy().revisions[0], zero] })).rollback,
    ).toBe('There is no older revision to roll back to.');
  });

  describe('on the upstream fixtures', () => {
    it('rollout-aborted: promote disabled, retry and rollback enabled', () => {
      expect(table(infoOf('rollout-aborted'))).toEqual({
        promote: 'The rollout is aborted: retry it or roll back first.',
        'promote-full': 'The rollout is aborted: retry it or roll back first.',
        abort: 'The rollout is already aborted.',
        retry: true,
        restart: true,
        pause: 'The rollout is aborted: retry it or roll back first.',
        resume: 'The rollout is not paused manually.',
        rollback: true,
      });
    });

    it('canary-demo: degraded by a progress deadline but not aborted, so no retry', () => {
      const t = table(infoOf('canary'));
      expect(t.retry).toBe(
        'The rollout is degraded (ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.) but not aborted: retry only clears an abort.',
      );
      expect(t.abort).toBe(true);
      expect(t.pause).toBe(true);
      expect(t.rollback).toBe(true);
      // At step 0 (setWeight), promote moves on like kubectl promote.
      expect(t.promote).toBe(true);
    });

    it('bluegreen-demo: waiting for promotion', () => {
      expect(table(infoOf('blue-green'))).toEqual({
        promote: true,
        'promote-full': true,
        abort: true,
        retry: 'The rollout is not aborted.',
        restart: true,
        pause: 'The rollout is already paused (BlueGreenPause).',
        resume:
          'The rollout is paused by the controller (BlueGreenPause): promote it to continue.',
        rollback: true,
      });
    });

    it('rollout-experiment-analysis: paused on an inconclusive analysis, promote decides', () => {
      const t = table(infoOf('experiment-analysis'));
      expect(t.promote).toBe(true);
      expect(t.abort).toBe(true);
      expect(t.pause).toBe(
        'The rollout is already paused (InconclusiveAnalysisRun).',
      );
    });

    it('rollout-invalid: nothing to roll back to', () => {
      expect(table(infoOf('rollout-invalid')).rollback).toBe(
        'There is no older revision to roll back to.',
      );
    });
  });

  it('accepts a bare Rollout and judges rollback from its revision number', () => {
    const rollout = loadFixtures('rollout-aborted').rollouts[0];
    expect(isActionAvailable(rollout, 'retry')).toBe(true);
    expect(isActionAvailable(rollout, 'promote')).toBe(false);
    expect(isActionAvailable(rollout, 'rollback')).toBe(true);
    const first: Rollout = {
      ...rollout,
      metadata: {
        ...rollout.metadata,
        annotations: { 'rollout.argoproj.io/revision': '1' },
      },
    };
    expect(availableActions(first).find(a => a.action === 'rollback')).toEqual({
      action: 'rollback',
      enabled: false,
      reason: 'There is no older revision to roll back to.',
    });
  });
});
