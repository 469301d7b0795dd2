import { ReplicaSet } from '../kubernetes/replicaSet';
import { replicaSetStatus, scaleDownDelay } from './replicaSetInfo';
import { humanDuration } from './humanDuration';

function rs(
  spec: ReplicaSet['spec'],
  status: ReplicaSet['status'],
  generation = 2,
): ReplicaSet {
  return { metadata: { name: 'rs', generation }, spec, status };
}

describe('replicaSetStatus (getReplicaSetHealth)', () => {
  it('is Progressing while the generation is not observed', () => {
    expect(
      replicaSetStatus(rs({ replicas: 0 }, { observedGeneration: 1 })),
    ).toBe('Progressing');
  });
  it('reports ReplicaFailure', () => {
    expect(
      replicaSetStatus(
        rs(
          { replicas: 1 },
          {
            observedGeneration: 2,
            availableReplicas: 0,
            conditions: [
              {
                type: 'ReplicaFailure',
                status: 'True',
                reason: 'FailedCreate',
              },
            ],
          },
        ),
      ),
    ).toBe('ReplicaFailure');
  });
  it('is Progressing while pods are not available', () => {
    expect(
      replicaSetStatus(
        rs({ replicas: 3 }, { observedGeneration: 2, availableReplicas: 2 }),
      ),
    ).toBe('Progressing');
  });
  it('is ScaledDown at zero replicas and Healthy otherwise', () => {
    expect(
      replicaSetStatus(rs({ replicas: 0 }, { observedGeneration: 2 })),
    ).toBe('ScaledDown');
    expect(
      replicaSetStatus(
        rs({ replicas: 2 }, { observedGeneration: 2, availableReplicas: 2 }),
      ),
    ).toBe('Healthy');
    expect(replicaSetStatus(rs({}, { observedGeneration: 2 }))).toBe('Healthy');
  });
});

describe('scaleDownDelay', () => {
  const now = new Date('2024-01-01T12:00:00Z');
  it('humanizes the time left and says passed after the deadline', () => {
    expect(scaleDownDelay('2024-01-01T12:00:30Z', now)).toBe('30s');
    expect(scaleDownDelay('2024-01-01T11:59:59Z', now)).toBe('passed');
  });
  it('ignores values that are not RFC 3339', () => {
    expect(scaleDownDelay('tomorrow', now)).toBeUndefined();
    expect(scaleDownDelay(undefined, now)).toBeUndefined();
  });
});

describe('humanDuration (k8s duration.HumanDuration)', () => {
  const s = 1000;
  it.each([
    [-5 * s, '<invalid>'],
    [-0.5 * s, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [(5 * 60 + 7) * s, '5m7s'],
    [15 * 60 * s, '15m'],
    [179 * 60 * s, '179m'],
    [(3 * 3600 + 59 * 60 + 59) * s, '3h59m'],
    [5 * 3600 * s, '5h'],
    [30 * 3600 * s, '30h'],
    [7 * 24 * 3600 * s, '7d'],
    [(3 * 24 + 5) * 3600 * s, '3d5h'],
    [100 * 24 * 3600 * s, '100d'],
    [(3 * 365 + 10) * 24 * 3600 * s, '3y10d'],
    [10 * 365 * 24 * 3600 * s, '10y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
