import { KubeObject } from '../types';
import {
  createHarness,
  kubectl,
  podTemplate,
  replicasByRevision,
} from './__testUtils__/harness';

const NS = 'default';

function deployment(image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: NS },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: podTemplate('web', image),
    },
  };
}

function rollout(): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'web', namespace: NS },
    spec: {
      replicas: 2,
      workloadRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        scaleDown: 'onsuccess',
      },
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
    },
  };
}

describe('workloadRef', () => {
  it('takes the template and selector from the Deployment and scales it down on success', () => {
    const h = createHarness();
    h.store.create(deployment('example/web:1'));
    h.store.create(rollout());
    h.settle();
    const ro = h.rollout(NS, 'web');
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.selector).toBe('app=web');
    // Scaling the Deployment to zero bumped its generation to 2.
    expect(ro.status.workloadObservedGeneration).toBe('2');
    expect(
      ro.metadata.annotations?.['rollout.argoproj.io/workload-generation'],
    ).toBe('2');
    expect(ro.spec.template).toBeUndefined();
    const pods = h.list('Pod', NS);
    expect(pods).toHaveLength(2);
    expect(pods[0].spec.containers[0].image).toBe('example/web:1');
    expect(h.get('Deployment', NS, 'web').spec.replicas).toBe(0);
  });

  it('a new Deployment template starts a canary; undo patches the Deployment back', () => {
    const h = createHarness();
    h.store.create(deployment('example/web:1'));
    h.store.create(rollout());
    h.settle();
    const dep = h.get('Deployment', NS, 'web');
    dep.spec.template.spec.containers[0].image = 'example/web:2';
    h.store.update(dep);
    h.settle();
    let ro = h.rollout(NS, 'web');
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.workloadObservedGeneration).toBe('3');
    expect(replicasByRevision(h, NS, 'web')).toEqual({ '1': 1, '2': 1 });
    kubectl.undo(h, NS, 'web');
    h.settle();
    ro = h.rollout(NS, 'web');
    expect(
      h.get('Deployment', NS, 'web').spec.template.spec.containers[0].image,
    ).toBe('example/web:1');
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('3');
  });

  it('reports InvalidSpec when the referenced Deployment is missing', () => {
    const h = createHarness();
    h.store.create(rollout());
    h.settle();
    const ro = h.rollout(NS, 'web');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toBe(
      'InvalidSpec: workloadRef Deployment/web not found',
    );
    h.store.create(deployment('example/web:1'));
    h.settle();
    expect(h.rollout(NS, 'web').status.phase).toBe('Healthy');
  });
});

describe('missing AnalysisTemplate', () => {
  it('reports InvalidSpec and recovers when the template appears', () => {
    const h = createHarness();
    h.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'web', namespace: NS },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: podTemplate('web', 'example/web:1'),
        strategy: {
          canary: {
            steps: [{ analysis: { templates: [{ templateName: 'nope' }] } }],
          },
        },
      },
    });
    h.settle();
    const ro = h.rollout(NS, 'web');
    ro.spec.template.spec.containers[0].image = 'example/web:2';
    h.store.update(ro);
    h.settle();
    const st = h.rollout(NS, 'web').status;
    expect(st.phase).toBe('Degraded');
    expect(st.message).toBe(
      'InvalidSpec: The Rollout "web" is invalid: spec.strategy.canary.steps[0].analysis.templates: Invalid value: "nope": AnalysisTemplate "nope" not found',
    );
    const rv = h.store.resourceVersion;
    h.settle();
    expect(h.store.resourceVersion).toBe(rv); // no write loop while invalid
    h.controller.start();
    h.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'nope', namespace: NS },
      spec: {
        metrics: [{ name: 'ok', provider: { web: { url: 'http://x' } } }],
      },
    });
    h.settle();
    expect(h.rollout(NS, 'web').status.phase).toBe('Healthy');
    h.controller.stop();
  });
});
