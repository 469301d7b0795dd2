import { loadFixtures, FixtureScenario } from '../__testUtils__/loadFixtures';
import {
  isAnalysisRun,
  isAnalysisTemplate,
  isClusterAnalysisTemplate,
  isDeployment,
  isExperiment,
  isKubernetesObject,
  isPod,
  isReplicaSet,
  isRollout,
  isServiceLevelObjective,
} from './guards';
import { isOwnedBy, ownedBy, parseRevision } from './ownership';
import { KubernetesObject } from './objectMeta';

const scenarios: FixtureScenario[] = [
  'blue-green',
  'canary',
  'experiment-analysis',
  'experiment-step',
  'rollout-aborted',
  'rollout-invalid',
];

describe('guards', () => {
  it('accept every upstream fixture object of their kind', () => {
    for (const scenario of scenarios) {
      const o = loadFixtures(scenario);
      expect(o.rollouts.every(isRollout)).toBe(true);
      expect(o.replicaSets.every(isReplicaSet)).toBe(true);
      expect(o.pods.every(isPod)).toBe(true);
      expect(o.analysisRuns.every(isAnalysisRun)).toBe(true);
      expect(o.experiments.every(isExperiment)).toBe(true);
      expect(o.deployments.every(isDeployment)).toBe(true);
    }
  });

  it('reject other kinds and malformed objects', () => {
    const rollout = loadFixtures('canary').rollouts[0];
    expect(isRollout(loadFixtures('canary').replicaSets[0])).toBe(false);
    expect(isRollout(null)).toBe(false);
    expect(isRollout('Rollout')).toBe(false);
    expect(isRollout({ metadata: {}, spec: rollout.spec })).toBe(false);
    expect(isRollout({ metadata: { name: 'x' }, spec: { strategy: {} } })).toBe(
      false,
    );
    expect(
      isRollout({
        metadata: { name: 'x' },
        spec: { strategy: { canary: { steps: 'all' } } },
      }),
    ).toBe(false);
    expect(
      isRollout({
        ...rollout,
        status: { ...rollout.status, currentStepIndex: '2' },
      }),
    ).toBe(false);
    expect(isRollout({ ...rollout, status: { pauseConditions: {} } })).toBe(
      false,
    );
    expect(
      isRollout({ ...rollout, metadata: { name: 'x', ownerReferences: {} } }),
    ).toBe(false);
    expect(isAnalysisRun({ metadata: { name: 'r' }, spec: {} })).toBe(false);
    expect(
      isExperiment({ metadata: { name: 'e' }, spec: { templates: null } }),
    ).toBe(false);
    expect(
      isPod({ metadata: { name: 'p' }, status: { containerStatuses: 'x' } }),
    ).toBe(false);
  });

  it('accept list items without kind', () => {
    const { kind, apiVersion, ...withoutKind } =
      loadFixtures('canary').rollouts[0];
    expect(kind).toBe('Rollout');
    expect(apiVersion).toBe('argoproj.io/v1alpha1');
    expect(isRollout(withoutKind)).toBe(true);
    expect(isKubernetesObject(withoutKind, 'Pod')).toBe(true);
  });

  it('check analysis templates and SLOs', () => {
    const spec = { metrics: [{ name: 'm', provider: { prometheus: {} } }] };
    expect(
      isAnalysisTemplate({
        kind: 'AnalysisTemplate',
        metadata: { name: 't' },
        spec,
      }),
    ).toBe(true);
    expect(
      isAnalysisTemplate({
        kind: 'ClusterAnalysisTemplate',
        metadata: { name: 't' },
        spec,
      }),
    ).toBe(false);
    expect(
      isClusterAnalysisTemplate({
        kind: 'ClusterAnalysisTemplate',
        metadata: { name: 't' },
        spec,
      }),
    ).toBe(true);
    const slo = {
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: { name: 'errors' },
      spec: {
        target: '99',
        window: '28d',
        indicator: {
          ratio: { errors: { metric: 'e' }, total: { metric: 't' } },
        },
      },
    };
    expect(isServiceLevelObjective(slo)).toBe(true);
    expect(
      isServiceLevelObjective({ ...slo, spec: { ...slo.spec, target: 99 } }),
    ).toBe(false);
  });
});

describe('ownership', () => {
  it('links children by owner uid only', () => {
    const o = loadFixtures('experiment-analysis');
    const rolloutUid = o.rollouts[0].metadata.uid;
    expect(
      ownedBy(o.replicaSets, rolloutUid).map(rs => rs.metadata.name),
    ).toEqual([
      'rollout-experiment-analysis-6f646bf7b7',
      'rollout-experiment-analysis-f6db98dff',
    ]);
    expect(ownedBy(o.replicaSets, o.experiments[0].metadata.uid)).toHaveLength(
      2,
    );
    expect(isOwnedBy(o.replicaSets[0], undefined)).toBe(false);
    expect(ownedBy(undefined, rolloutUid)).toEqual([]);
  });

  it('parses revisions like strconv.Atoi, 0 otherwise', () => {
    const meta = (revision?: string): KubernetesObject => ({
      metadata: {
        annotations:
          revision === undefined
            ? {}
            : { 'rollout.argoproj.io/revision': revision },
      },
    });
    expect(parseRevision(meta('31'))).toBe(31);
    expect(parseRevision(meta('+4'))).toBe(4);
    expect(parseRevision(meta('x1'))).toBe(0);
    expect(parseRevision(meta('1.5'))).toBe(0);
    expect(parseRevision(meta())).toBe(0);
    expect(parseRevision({ metadata: {} })).toBe(0);
  });
});
