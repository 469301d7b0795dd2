import { ManualClock } from '../clock';
import { createRolloutController } from '../controller';
import { MemoryObjectStore } from '../store/MemoryObjectStore';
import { KubeObject } from '../types';
import { DEMO_CLUSTER_NAMES, seedScenario } from '.';

function seedDemo(clusterName: string, index: number) {
  const clock = new ManualClock('2026-11-26T12:00:00Z');
  const store = new MemoryObjectStore({ clock });
  seedScenario('demo', {
    store,
    clock,
    clusterName,
    clusterIndex: index,
    rolloutsPerCluster: 0,
  });
  const controller = createRolloutController({ store, clock, clusterName });
  return { store, clock, controller };
}

function summary(store: MemoryObjectStore) {
  const out: Record<string, string> = {};
  for (const ro of store.list('Rollout')) {
    out[`${ro.metadata.namespace}/${ro.metadata.name}`] = `${ro.status.phase}${
      ro.status.message ? `: ${ro.status.message}` : ''
    }`;
  }
  return out;
}

const rollout = (
  store: MemoryObjectStore,
  ns: string,
  name: string,
): KubeObject => store.get('Rollout', ns, name)!;

describe('demo scenario', () => {
  it('names the three clusters', () => {
    expect(DEMO_CLUSTER_NAMES).toEqual(['eu-prod', 'us-prod', 'staging']);
  });

  it('eu-prod start-up states', () => {
    const { store } = seedDemo('eu-prod', 0);
    expect(summary(store)).toEqual({
      'catalog/catalog-api': 'Paused: BlueGreenPause',
      'catalog/search': 'Healthy',
      'checkout/cart': 'Progressing: more replicas need to be updated',
      'checkout/checkout': 'Paused: CanaryPauseStep',
      'payments/payments': 'Healthy',
      'payments/recommendations': 'Healthy',
    });
    const checkout = rollout(store, 'checkout', 'checkout');
    expect(checkout.status.currentStepIndex).toBe(1);
    expect(checkout.spec.strategy.canary.steps[1]).toEqual({ pause: {} });
    const cart = rollout(store, 'checkout', 'cart');
    expect(cart.status.canary.currentStepAnalysisRunStatus.status).toBe(
      'Running',
    );
    const api = rollout(store, 'catalog', 'catalog-api');
    expect(api.status.blueGreen.prePromotionAnalysisRunStatus.status).toBe(
      'Successful',
    );
    expect(api.status.blueGreen.activeSelector).not.toBe(
      api.status.blueGreen.previewSelector,
    );
    expect(api.spec.strategy.blueGreen.autoPromotionEnabled).toBe(false);
    const rec = rollout(store, 'payments', 'recommendations');
    expect(rec.spec.workloadRef).toMatchObject({
      kind: 'Deployment',
      name: 'recommendations',
    });
  });

  it('us-prod start-up states: payments degraded after a failed analysis', () => {
    const { store } = seedDemo('us-prod', 1);
    expect(summary(store)).toEqual({
      'catalog/catalog-api': 'Healthy',
      'catalog/search': 'Healthy',
      'checkout/checkout': 'Healthy',
      'payments/payments':
        'Degraded: RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    });
    const payments = rollout(store, 'payments', 'payments');
    expect(payments.status.abort).toBe(true);
    const run = store.get(
      'AnalysisRun',
      'payments',
      payments.status.canary.currentStepAnalysisRunStatus.name,
    )!;
    expect(run.status.phase).toBe('Failed');
  });

  it('staging start-up states', () => {
    const { store } = seedDemo('staging', 2);
    expect(summary(store)).toEqual({
      'catalog/search': 'Healthy',
      'checkout/cart': 'Healthy',
      'checkout/checkout': 'Healthy',
    });
  });

  it('labels every Rollout, selector and pod template with the kubernetes-id; SLOs and templates exist', () => {
    const { store } = seedDemo('eu-prod', 0);
    for (const ro of store.list('Rollout')) {
      const id = ro.metadata.name;
      expect(ro.metadata.labels?.['backstage.io/kubernetes-id']).toBe(id);
      expect(ro.spec.selector.matchLabels['backstage.io/kubernetes-id']).toBe(
        id,
      );
      const tpl =
        ro.spec.template ??
        store.get(
          'Deployment',
          ro.metadata.namespace,
          ro.spec.workloadRef.name,
        )!.spec.template;
      expect(tpl.metadata.labels['backstage.io/kubernetes-id']).toBe(id);
    }
    for (const pod of store.list('Pod')) {
      expect(pod.metadata.labels?.['backstage.io/kubernetes-id']).toBeDefined();
    }
    const slos = store.list('ServiceLevelObjective');
    expect(slos.map(s => s.metadata.name).sort()).toEqual([
      'cart-availability',
      'catalog-api-availability',
      'checkout-availability',
      'checkout-latency',
      'payments-availability',
      'search-availability',
    ]);
    expect(slos.every(s => s.apiVersion === 'pyrra.dev/v1alpha1')).toBe(true);
    expect(
      store.get('AnalysisTemplate', 'checkout', 'success-rate')!.spec.metrics[0]
        .successCondition,
    ).toBe('result[0] >= 0.95');
    expect(
      store.get('AnalysisTemplate', 'payments', 'error-budget-burn')!.spec
        .metrics[0].provider.prometheus.query,
    ).toContain(':burnrate1h');
    expect(
      store.get('ClusterAnalysisTemplate', undefined, 'smoke-test'),
    ).toBeDefined();
    expect(
      store
        .list('Namespace')
        .map(n => n.metadata.name)
        .sort(),
    ).toEqual(['catalog', 'checkout', 'payments']);
  });

  it('is deterministic and the running controller finds it settled', () => {
    const a = seedDemo('eu-prod', 0);
    const b = seedDemo('eu-prod', 0);
    // uids are assigned by the store (random, like a real API server); everything else matches.
    const strip = (o: KubeObject) =>
      JSON.parse(
        JSON.stringify(o).replace(
          /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
          'UID',
        ),
      );
    for (const kind of [
      'Rollout',
      'ReplicaSet',
      'Pod',
      'AnalysisRun',
    ] as const) {
      expect(a.store.list(kind).map(strip)).toEqual(
        b.store.list(kind).map(strip),
      );
    }
    const rv = a.store.resourceVersion;
    a.controller.start();
    expect(a.store.resourceVersion).toBe(rv);
    a.controller.stop();
  });

  it('keeps moving: cart walks its timed steps, completes, and redeploys a new image', () => {
    const { store, clock, controller } = seedDemo('eu-prod', 0);
    controller.start();
    const cart = () => rollout(store, 'checkout', 'cart');
    const image0 = cart().spec.template.spec.containers[0].image;
    clock.advance(60_000);
    expect(cart().status.currentStepIndex).toBeGreaterThanOrEqual(2);
    clock.advance(120_000);
    expect(cart().status.phase).toBe('Healthy');
    clock.advance(120_000);
    expect(cart().spec.template.spec.containers[0].image).not.toBe(image0);
    expect(cart().metadata.annotations?.['rollout.argoproj.io/revision']).toBe(
      '3',
    );
    expect(cart().status.phase).toBe('Progressing');
    // checkout stays paused until someone promotes it.
    expect(rollout(store, 'checkout', 'checkout').status.phase).toBe('Paused');
    // search's old ReplicaSet went away after its scale-down delay.
    const searchRS = store
      .list('ReplicaSet', 'catalog')
      .filter(r => r.metadata.name.startsWith('search-'));
    expect(searchRS.map(r => r.spec.replicas).sort()).toEqual([0, 4]);
    controller.stop();
  });
});
