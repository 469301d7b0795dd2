import {
  AnalysisTemplate,
  Deployment,
  EntityWorkloadSelector,
  isRollout,
  KUBERNETES_ID_LABEL,
  KubernetesObject,
  Rollout,
  ServiceLevelObjective,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { rolloutMatches } from '../service/RolloutService';
import { ClusterDeployment, ClusterRollout, TemplateLookup } from './types';

/** What the inventory reads of the watch manager. */
export interface ScorecardClusters {
  clusters(): Array<{ name: string; cache: ObjectCache }>;
}

/** An entity's objects in every cluster, before SLOs are evaluated. */
export interface EntityObjects {
  rollouts: ClusterRollout[];
  deployments: ClusterDeployment[];
  slos: Array<{ cluster: string; slo: ServiceLevelObjective }>;
}

interface Located<T> {
  cluster: string;
  object: T;
}

/** Objects of one kind, indexed by their `backstage.io/kubernetes-id` label. */
class IdIndex<T extends KubernetesObject> {
  private readonly byId = new Map<string, Located<T>[]>();
  readonly all: Located<T>[] = [];

  add(cluster: string, object: T): void {
    const entry = { cluster, object };
    this.all.push(entry);
    const id = object.metadata.labels?.[KUBERNETES_ID_LABEL];
    if (id === undefined) return;
    const list = this.byId.get(id) ?? [];
    list.push(entry);
    this.byId.set(id, list);
  }

  /** Objects matching the selector, by index when it pins the kubernetes-id label. */
  matching(selector: EntityWorkloadSelector): Located<T>[] {
    const pinned = selector.requirements.find(
      r => r.key === KUBERNETES_ID_LABEL && r.operator === 'eq',
    );
    const candidates =
      pinned && 'value' in pinned
        ? this.byId.get(pinned.value) ?? []
        : this.all;
    return candidates.filter(c => rolloutMatches(c.object, selector));
  }
}

function byPlace(
  a: { cluster: string; object: KubernetesObject },
  b: { cluster: string; object: KubernetesObject },
): number {
  return (
    a.cluster.localeCompare(b.cluster) ||
    (a.object.metadata.namespace ?? '').localeCompare(
      b.object.metadata.namespace ?? '',
    ) ||
    (a.object.metadata.name ?? '').localeCompare(b.object.metadata.name ?? '')
  );
}

/**
 * One pass over the watch caches, for scoring one entity or every entity: Rollouts,
 * Deployments and SLOs indexed by kubernetes-id, and which Deployment each Rollout takes over
 * through `spec.workloadRef` (any Rollout of the namespace, not only the entity's).
 */
export class ScorecardInventory {
  private readonly rollouts = new IdIndex<Rollout>();
  private readonly deployments = new IdIndex<Deployment>();
  private readonly slos = new IdIndex<ServiceLevelObjective>();
  /** `cluster|namespace|deployment` → name of the Rollout that references it. */
  private readonly workloadRefs = new Map<string, string>();
  private readonly caches = new Map<string, ObjectCache>();

  constructor(clusters: ScorecardClusters) {
    for (const { name, cache } of clusters.clusters()) {
      this.caches.set(name, cache);
      for (const rollout of cache.list<Rollout>('Rollout')) {
        if (!isRollout(rollout)) continue;
        this.rollouts.add(name, rollout);
        const ref = rollout.spec.workloadRef;
        if (ref?.name && (ref.kind ?? 'Deployment') === 'Deployment') {
          this.workloadRefs.set(
            `${name}|${rollout.metadata.namespace ?? ''}|${ref.name}`,
            rollout.metadata.name ?? '',
          );
        }
      }
      for (const deployment of cache.list<Deployment>('Deployment')) {
        this.deployments.add(name, deployment);
      }
      for (const slo of cache.list<ServiceLevelObjective>(
        'ServiceLevelObjective',
      )) {
        if (slo.metadata?.name) this.slos.add(name, slo);
      }
    }
  }

  /** The entity's Rollouts, Deployments and SLOs, sorted by cluster, namespace, name. */
  forEntity(selector: EntityWorkloadSelector | undefined): EntityObjects {
    if (!selector) return { rollouts: [], deployments: [], slos: [] };
    return {
      rollouts: this.rollouts
        .matching(selector)
        .sort(byPlace)
        .map(({ cluster, object }) => ({ cluster, rollout: object })),
      deployments: this.deployments
        .matching(selector)
        .sort(byPlace)
        .map(({ cluster, object }) => {
          const referencedBy = this.workloadRefs.get(
            `${cluster}|${object.metadata.namespace ?? ''}|${
              object.metadata.name ?? ''
            }`,
          );
          return {
            cluster,
            deployment: object,
            ...(referencedBy !== undefined
              ? { workloadRefOf: referencedBy }
              : {}),
          };
        }),
      slos: this.slos
        .matching(selector)
        .sort(byPlace)
        .map(({ cluster, object }) => ({ cluster, slo: object })),
    };
  }

  /** AnalysisTemplates from the rollout's namespace, ClusterAnalysisTemplates by name. */
  readonly template: TemplateLookup = (cluster, namespace, ref) => {
    const cache = this.caches.get(cluster);
    if (!cache || !ref.templateName) return undefined;
    return ref.clusterScope
      ? cache.get<AnalysisTemplate>(
          'ClusterAnalysisTemplate',
          undefined,
          ref.templateName,
        )
      : cache.get<AnalysisTemplate>(
          'AnalysisTemplate',
          namespace,
          ref.templateName,
        );
  };
}
