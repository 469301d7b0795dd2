import { CanaryStep, Rollout } from '../kubernetes/rollout';
import {
  canaryActualWeight,
  canarySetWeight,
  canaryStepText,
  currentCanaryStep,
} from './canaryWeights';
import { runningImages } from './images';
import { RolloutReplicaSetInfo } from './types';

function canary(
  steps: CanaryStep[],
  status: NonNullable<Rollout['status']>,
  trafficRouting?: NonNullable<
    Rollout['spec']['strategy']['canary']
  >['trafficRouting'],
): Rollout {
  return {
    metadata: { name: 'c' },
    spec: {
      strategy: {
        canary: { steps, ...(trafficRouting ? { trafficRouting } : {}) },
      },
    },
    status,
  };
}

function rs(
  tags: RolloutReplicaSetInfo['tags'],
  available: number,
  images: string[] = [],
  replicas = available,
): RolloutReplicaSetInfo {
  return {
    name: tags.join('-') || 'rs',
    revision: 1,
    status: 'Healthy',
    tags,
    replicas,
    available,
    images,
    pods: [],
  };
}

const steps: CanaryStep[] = [
  { setWeight: 10 },
  { analysis: { templates: [{ templateName: 'a' }] } },
  { setWeight: 40 },
  { experiment: { templates: [{ name: 'x', specRef: 'canary' }] } },
];

describe('canary weights (reference §1.2)', () => {
  it('finds the current step; none past the end or without steps', () => {
    expect(currentCanaryStep(canary(steps, { currentStepIndex: 2 }))).toEqual({
      step: { setWeight: 40 },
      index: 2,
    });
    expect(currentCanaryStep(canary(steps, {}))).toEqual({
      step: { setWeight: 10 },
      index: 0,
    });
    expect(currentCanaryStep(canary(steps, { currentStepIndex: 4 }))).toEqual({
      index: 4,
    });
    expect(currentCanaryStep(canary([], { currentStepIndex: 0 }))).toEqual({});
  });

  it('SetWeight scans back to the last setWeight; analysis and experiment steps inherit it', () => {
    expect(canarySetWeight(canary(steps, { currentStepIndex: 1 }))).toBe(10);
    expect(canarySetWeight(canary(steps, { currentStepIndex: 3 }))).toBe(40);
    expect(
      canarySetWeight(
        canary([{ pause: {} }, { setWeight: 50 }], { currentStepIndex: 0 }),
      ),
    ).toBe(0);
  });

  it('SetWeight is 0 when aborted and maxTrafficWeight past the last step', () => {
    expect(
      canarySetWeight(canary(steps, { currentStepIndex: 2, abort: true })),
    ).toBe(0);
    expect(canarySetWeight(canary(steps, { currentStepIndex: 4 }))).toBe(100);
    expect(
      canarySetWeight(
        canary(
          steps,
          { currentStepIndex: 4 },
          { nginx: {}, maxTrafficWeight: 1000 },
        ),
      ),
    ).toBe(1000);
  });

  it('ActualWeight without traffic routing: canary share of available pods, floored', () => {
    const ro = canary(steps, { currentStepIndex: 2, availableReplicas: 3 });
    expect(canaryActualWeight(ro, [rs(['canary'], 1), rs(['stable'], 2)])).toBe(
      33,
    );
    expect(canaryActualWeight(ro, [rs(['stable'], 3)])).toBe(0);
    expect(
      canaryActualWeight(
        canary(steps, { currentStepIndex: 2, availableReplicas: 0 }),
        [rs(['canary'], 1)],
      ),
    ).toBe(0);
    expect(canaryActualWeight(canary(steps, { currentStepIndex: 4 }), [])).toBe(
      100,
    );
  });

  it('ActualWeight with traffic routing: reported weight, else SetWeight, scaled by maxTrafficWeight', () => {
    const routing = { istio: {}, maxTrafficWeight: 1000 };
    const weights = { canary: { weight: 250 }, stable: { weight: 750 } };
    expect(
      canaryActualWeight(
        canary(
          steps,
          { currentStepIndex: 2, availableReplicas: 2, canary: { weights } },
          routing,
        ),
        [],
      ),
    ).toBe(250);
    expect(
      canaryActualWeight(
        canary(steps, { currentStepIndex: 2, availableReplicas: 2 }, routing),
        [],
      ),
    ).toBe(40);
    expect(
      canaryActualWeight(canary(steps, { currentStepIndex: 4 }, routing), []),
    ).toBe(1000);
  });

  it('Step text needs both an index and steps', () => {
    expect(canaryStepText(canary(steps, { currentStepIndex: 1 }))).toBe('1/4');
    expect(canaryStepText(canary(steps, {}))).toBe('');
    expect(canaryStepText(canary([], { currentStepIndex: 0 }))).toBe('');
  });
});

describe('runningImages', () => {
  it('skips ReplicaSets without pods, unions tags of a repeated image and sorts by image', () => {
    expect(
      runningImages(
        [
          rs(['canary'], 1, ['img:b', 'sidecar:1']),
          rs(['stable'], 2, ['img:a', 'sidecar:1']),
          rs([], 0, ['img:old'], 0),
        ],
        [
          {
            name: 'e',
            revision: 1,
            status: 'Running',
            analysisRuns: [],
            replicaSets: [
              { ...rs([], 1, ['img:b']), template: 'baseline' },
              rs([], 1, ['img:c']),
            ],
          },
        ],
      ),
    ).toEqual([
      { image: 'img:a', tags: ['stable'] },
      { image: 'img:b', tags: ['canary', 'Σ:baseline'] },
      { image: 'img:c', tags: [] },
      { image: 'sidecar:1', tags: ['canary', 'stable'] },
    ]);
  });
});
