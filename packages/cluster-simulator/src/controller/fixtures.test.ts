import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { calculateRolloutPhase } from './conditions';
import {
  analysisTemplate,
  canaryRollout,
  createHarness,
  kubectl,
  prometheusMetric,
  setImage,
} from './__testUtils__/harness';

const fixture = (name: string): any =>
  yaml.load(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));

/** Fields of newer controllers (v1.0+) that the old fixtures do not carry. */
const NEWER = new Set([
  'phase',
  'message',
  'controllerPause',
  'pauseConditions',
  'abort',
  'abortedAt',
  'promoteFull',
  'restartedAt',
  'workloadObservedGeneration',
]);

function typeOf(v: unknown) {
  if (Array.isArray(v)) return 'array';
  return v === null ? 'null' : typeof v;
}

describe('status shapes match a real controller', () => {
  const h = createHarness();
  h.store.create(
    analysisTemplate('web-background', prometheusMetric({ interval: '5s' })),
  );
  h.store.create(
    canaryRollout('canary-demo', [{ setWeight: 20 }, { pause: {} }], {
      canary: { analysis: { templates: [{ templateName: 'web-background' }] } },
      annotations: { 'simulator.pdelivery.dev/metric-outcome': 'failure' },
    }),
  );
  h.settle();
  setImage(h, 'default', 'canary-demo', 'example/canary-demo:v2');
  h.settle();
  const aborted = h.rollout('default', 'canary-demo');

  it('Rollout status keys and types', () => {
    const real = fixture('aborted-rollout.yaml').status;
    for (const [k, v] of Object.entries(aborted.status)) {
      if (NEWER.has(k)) continue;
      expect([k, k in real || k === 'updatedReplicas']).toEqual([k, true]);
      const realType = k in real ? typeOf(real[k]) : typeOf(v);
      expect([k, typeOf(v)]).toEqual([k, realType]);
    }
    for (const k of [
      'observedGeneration',
      'currentPodHash',
      'stableRS',
      'selector',
    ]) {
      expect(typeof aborted.status[k]).toBe('string');
    }
    const realCond = fixture('canary-rollout.yaml').status.conditions[0];
    for (const c of aborted.status.conditions) {
      expect(Object.keys(c).sort()).toEqual(Object.keys(realCond).sort());
    }
    expect(
      aborted.status.canary.currentBackgroundAnalysisRunStatus,
    ).toMatchObject({
      name: expect.any(String),
      status: 'Failed',
      message: expect.stringMatching(
        /^Metric "success-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)$/,
      ),
    });
  });

  it('the phase we write is what the CLI computes from the rest of the status', () => {
    for (const ro of h.list('Rollout')) {
      const { phase, message } = calculateRolloutPhase(ro.spec, ro.status);
      expect(ro.status.phase).toBe(phase);
      expect(ro.status.message ?? '').toBe(message);
    }
    // And on the real fixtures (which lack status.phase) our function agrees with the
    // documented outcomes.
    expect(
      calculateRolloutPhase(
        fixture('aborted-rollout.yaml').spec,
        fixture('aborted-rollout.yaml').status,
      ).phase,
    ).toBe('Degraded');
    expect(
      calculateRolloutPhase(
        fixture('bluegreen-rollout.yaml').spec,
        fixture('bluegreen-rollout.yaml').status,
      ),
    ).toEqual({ phase: 'Paused', message: 'BlueGreenPause' });
  });

  it('AnalysisRun shape', () => {
    const real = fixture('aborted-analysisrun.yaml');
    const run = h.list('AnalysisRun')[0];
    expect(Object.keys(run.metadata.labels ?? {})).toEqual(
      expect.arrayContaining(Object.keys(real.metadata.labels)),
    );
    expect(Object.keys(run.metadata.annotations ?? {})).toEqual(
      expect.arrayContaining(Object.keys(real.metadata.annotations)),
    );
    for (const k of Object.keys(real.status))
      expect(run.status).toHaveProperty(k);
    const m = run.status.metricResults[0];
    for (const k of Object.keys(real.status.metricResults[0]))
      expect(m).toHaveProperty(k);
    for (const k of Object.keys(real.status.metricResults[0].measurements[0])) {
      expect(m.measurements[0]).toHaveProperty(k);
    }
  });

  it('ReplicaSet and Pod shape', () => {
    const realRS = fixture('canary-rs.yaml');
    const rs = h.list('ReplicaSet').find(r => r.spec.replicas > 0)!;
    expect(Object.keys(rs.metadata.annotations ?? {}).sort()).toEqual(
      Object.keys(realRS.metadata.annotations).sort(),
    );
    expect(Object.keys(rs.metadata.labels ?? {}).sort()).toEqual(
      Object.keys(realRS.metadata.labels).sort(),
    );
    expect(Object.keys(rs.metadata.ownerReferences![0]).sort()).toEqual(
      Object.keys(realRS.metadata.ownerReferences[0]).sort(),
    );
    for (const k of Object.keys(realRS.status))
      expect(rs.status).toHaveProperty(k);
    const realPod = fixture('active-pod1.yaml');
    const pod = h.list('Pod')[0];
    expect(pod.metadata.generateName).toBe(
      `${pod.metadata.ownerReferences![0].name}-`,
    );
    for (const k of [
      'phase',
      'conditions',
      'containerStatuses',
      'hostIP',
      'podIP',
      'startTime',
      'qosClass',
    ]) {
      expect(pod.status).toHaveProperty(k);
      expect(realPod.status).toHaveProperty(k);
    }
    expect(Object.keys(pod.status.containerStatuses[0])).toEqual(
      expect.arrayContaining(
        Object.keys(realPod.status.containerStatuses[0]).filter(
          k => k !== 'containerID',
        ),
      ),
    );
  });

  it('BlueGreen paused status looks like the real one', () => {
    const real = fixture('bluegreen-rollout.yaml').status;
    const h2 = createHarness();
    h2.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'bluegreen-demo', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'bluegreen-demo' } },
        template: {
          metadata: { labels: { app: 'bluegreen-demo' } },
          spec: { containers: [{ name: 'c', image: 'x:1' }] },
        },
        strategy: {
          blueGreen: {
            activeService: 'a',
            previewService: 'p',
            autoPromotionEnabled: false,
          },
        },
      },
    });
    h2.settle();
    setImage(h2, 'default', 'bluegreen-demo', 'x:2');
    h2.settle();
    const st = h2.rollout('default', 'bluegreen-demo').status;
    for (const k of Object.keys(real)) {
      if (k === 'canary') continue; // empty objects are omitted by the real API too (omitempty)
      expect(st).toHaveProperty(k);
      expect([k, typeOf(st[k])]).toEqual([k, typeOf(real[k])]);
    }
    expect(Object.keys(st.blueGreen).sort()).toEqual(
      Object.keys(real.blueGreen).sort(),
    );
    expect(st.selector).toMatch(
      /^app=bluegreen-demo,rollouts-pod-template-hash=/,
    );
    kubectl.promote(h2, 'default', 'bluegreen-demo');
  });
});
