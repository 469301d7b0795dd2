import {
  BlueGreenStrategy,
  buildProgressiveDeliveryManifests,
  CanaryStep,
  CanaryStrategy,
  Deployment,
  entityWorkloadSelector,
  KubernetesObject,
  ProgressiveDeliveryOptions,
  Rollout,
  ServiceLevelObjective,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../../cache/ObjectCache';
import { RESOURCE_TYPES, WatchedKind } from '../../kubernetes/resources';
import { ScorecardInventory } from '../ScorecardInventory';
import { ScorecardInput } from '../types';

/** The entity every scenario scores: `backstage.io/kubernetes-id: shop`. */
export const SHOP_SELECTOR = entityWorkloadSelector({
  metadata: { annotations: { 'backstage.io/kubernetes-id': 'shop' } },
})!;

/** An object placed in a cluster (default `prod`). */
export interface Placed {
  cluster?: string;
  object: KubernetesObject;
}

/** Watch caches holding the objects, as the backend has them after a sync. */
export function cachesOf(objects: Array<KubernetesObject | Placed>) {
  const caches = new Map<string, ObjectCache>();
  let uid = 0;
  for (const item of objects) {
    const { cluster = 'prod', object } =
      'object' in item ? item : { object: item };
    // Services, Ingresses, ... are not watched.
    if (!object.kind || !(object.kind in RESOURCE_TYPES)) continue;
    const cache = caches.get(cluster) ?? new ObjectCache(cluster);
    caches.set(cluster, cache);
    cache.upsert(object.kind as WatchedKind, {
      ...object,
      metadata: {
        uid: `uid-${++uid}`,
        resourceVersion: '1',
        ...object.metadata,
      },
    });
  }
  return {
    clusters: () =>
      [...caches.entries()].map(([name, cache]) => ({ name, cache })),
  };
}

/** A healthy evaluation of an SLO; override what the test is about. */
export function sloSummary(
  cluster: string,
  slo: ServiceLevelObjective,
  overrides: Partial<SloSummary> = {},
): SloSummary {
  return {
    cluster,
    namespace: slo.metadata.namespace ?? '',
    name: slo.metadata.name ?? '',
    objective: {
      target: Number(slo.spec.target),
      window: '4w',
      indicator: 'ratio',
    },
    status: 'ok',
    availability: 0.999,
    errorBudget: {
      total: 0.005,
      remaining: 0.8,
      status: 'healthy',
      errors: 10,
      requests: 10_000,
    },
    burnRates: [],
    burning: false,
    evaluatedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * The checks' input for the `shop` entity, built the way the service builds it: objects in
 * watch caches, matched by the inventory. SLOs are evaluated healthy unless `slo` says
 * otherwise.
 */
export function scenario(
  objects: Array<KubernetesObject | Placed>,
  slo: (
    cluster: string,
    slo: ServiceLevelObjective,
  ) => Partial<SloSummary> = () => ({}),
): ScorecardInput {
  const inventory = new ScorecardInventory(cachesOf(objects));
  const found = inventory.forEntity(SHOP_SELECTOR);
  return {
    rollouts: found.rollouts,
    deployments: found.deployments,
    slos: found.slos.map(s =>
      sloSummary(s.cluster, s.slo, slo(s.cluster, s.slo)),
    ),
    template: inventory.template,
  };
}

/** The manifests of the scaffolder templates for `shop` in namespace `shop`. */
export function shopManifests(
  options: Partial<ProgressiveDeliveryOptions> = {},
): KubernetesObject[] {
  return buildProgressiveDeliveryManifests({
    name: 'shop',
    namespace: 'shop',
    image: 'registry.local/shop:1.0',
    ...options,
  }).manifests.map(m => m.object);
}

/** The `shop` manifests with Istio traffic routing (canary steps as the preset makes them). */
export function istioManifests(
  options: Partial<ProgressiveDeliveryOptions> = {},
): KubernetesObject[] {
  return shopManifests({ trafficRouting: { type: 'istio' }, ...options });
}

/** The fully equipped service: progressive preset, Istio, Pyrra SLO and burn-rate analysis. */
export function goldManifests(
  options: Partial<ProgressiveDeliveryOptions> = {},
): KubernetesObject[] {
  return shopManifests({
    preset: 'progressive',
    trafficRouting: { type: 'istio' },
    analysis: { type: 'pyrra-burn-rate' },
    slo: { enabled: true },
    ...options,
  });
}

/** The Rollout among manifests. */
export function rolloutOf(objects: KubernetesObject[]): Rollout {
  return objects.find(o => o.kind === 'Rollout') as Rollout;
}

/** A copy of the manifests with each Rollout (a copy itself) changed. */
function withRollouts(
  objects: KubernetesObject[],
  change: (rollout: Rollout) => void,
): KubernetesObject[] {
  return objects.map(o => {
    if (o.kind !== 'Rollout') return o;
    const rollout = JSON.parse(JSON.stringify(o)) as Rollout;
    change(rollout);
    return rollout;
  });
}

/** A copy of the manifests with the canary strategy changed. */
export function withCanary(
  objects: KubernetesObject[],
  change: (canary: CanaryStrategy) => CanaryStrategy,
): KubernetesObject[] {
  return withRollouts(objects, rollout => {
    rollout.spec.strategy.canary = change(rollout.spec.strategy.canary ?? {});
  });
}

/** A copy of the manifests with these blue-green strategy fields set. */
export function withBlueGreen(
  objects: KubernetesObject[],
  fields: Partial<BlueGreenStrategy>,
): KubernetesObject[] {
  return withRollouts(objects, rollout => {
    rollout.spec.strategy.blueGreen = {
      ...rollout.spec.strategy.blueGreen!,
      ...fields,
    };
  });
}

/** The experiment step of the upstream experiment-step example: a preview with a stress test. */
export function experimentStep(): CanaryStep {
  return {
    experiment: {
      templates: [{ name: 'canary-preview', specRef: 'canary' }],
      analyses: [{ name: 'stress-test', templateName: 'stress-test' }],
    },
  };
}

/** A canary step sending only requests with the header (`x-test: 1`) to the canary. */
export function headerRouteStep(headerName = 'x-test'): CanaryStep {
  return {
    setHeaderRoute: {
      name: 'h',
      match: [{ headerName, headerValue: { exact: '1' } }],
    },
  };
}

/** Metadata and pod spec of a workload carrying the `shop` labels. */
function shopWorkload(name: string, namespace: string) {
  return {
    metadata: {
      name,
      namespace,
      labels: { app: name, 'backstage.io/kubernetes-id': 'shop' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: 'registry.local/shop:1.0' }] },
      },
    },
  };
}

/** A canary Rollout of `shop` with these strategy fields (basic: no traffic routing). */
export function canaryRollout(
  canary: CanaryStrategy,
  name = 'shop',
  namespace = 'shop',
): Rollout {
  const { metadata, spec } = shopWorkload(name, namespace);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata,
    spec: { ...spec, strategy: { canary } },
  };
}

/** A Deployment carrying the `shop` labels. */
export function shopDeployment(name = 'shop', namespace = 'shop'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    ...shopWorkload(name, namespace),
  };
}
