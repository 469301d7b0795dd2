import { NotFoundError } from '@backstage/errors';
import {
  availableActions,
  ClusterSyncStatus,
  describeAnalysisRun,
  describeSteps,
  EntityRollout,
  EntityWorkloadSelector,
  isRollout,
  KubernetesObject,
  matchesRequirements,
  Rollout,
  RolloutDetailResponse,
  ROLLOUT_POD_TEMPLATE_HASH_LABEL,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ClusterStatus, ClusterWatcher } from '../watch/ClusterWatcher';
import { ClusterWatchManager } from '../watch/ClusterWatchManager';
import { describeFromCache, relatedObjects } from './describeFromCache';
import { PodFetcher } from './PodFetcher';

export function toClusterSyncStatus(status: ClusterStatus): ClusterSyncStatus {
  return {
    name: status.name,
    ...(status.title ? { title: status.title } : {}),
    status: status.state,
    ...(status.error ? { error: status.error } : {}),
    ...(status.lastSyncAt
      ? { lastSyncAt: status.lastSyncAt.toISOString() }
      : {}),
  };
}

/** True when the object belongs to the entity: same namespace (if set) and labels match. */
export function rolloutMatches(
  rollout: KubernetesObject,
  selector: EntityWorkloadSelector,
): boolean {
  if (selector.namespace && rollout.metadata.namespace !== selector.namespace) {
    return false;
  }
  return matchesRequirements(selector.requirements, rollout.metadata.labels);
}

/** Answers every read from the watch caches; only pods of one rollout go to a cluster. */
export class RolloutService {
  constructor(
    private readonly clusters: ClusterWatchManager,
    private readonly pods: PodFetcher = new PodFetcher(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Changes whenever a cluster's sync state changes (part of every read response). */
  clusterStateStamp(): string {
    return this.clusters
      .clusters()
      .map(w => w.status().state[0])
      .join('');
  }

  clusterStatuses(): ClusterSyncStatus[] {
    return this.clusters.statuses().map(toClusterSyncStatus);
  }

  /** Every rollout of the entity in every cluster, with the state of each cluster. */
  entityRollouts(selector: EntityWorkloadSelector): {
    rollouts: EntityRollout[];
    clusters: ClusterSyncStatus[];
  } {
    const now = this.now();
    const rollouts: EntityRollout[] = [];
    for (const watcher of this.clusters.clusters()) {
      for (const rollout of watcher.cache.list<Rollout>('Rollout')) {
        if (isRollout(rollout) && rolloutMatches(rollout, selector)) {
          rollouts.push(this.summarize(watcher, rollout, now));
        }
      }
    }
    rollouts.sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        a.cluster.localeCompare(b.cluster) ||
        a.namespace.localeCompare(b.namespace),
    );
    return { rollouts, clusters: this.clusterStatuses() };
  }

  /** Every rollout in every cluster (ops view); joined to entities by the caller. */
  allRollouts(): Array<{ cluster: ClusterWatcher; rollout: Rollout }> {
    const result: Array<{ cluster: ClusterWatcher; rollout: Rollout }> = [];
    for (const watcher of this.clusters.clusters()) {
      for (const rollout of watcher.cache.list<Rollout>('Rollout')) {
        if (isRollout(rollout)) result.push({ cluster: watcher, rollout });
      }
    }
    return result;
  }

  summarize(
    watcher: ClusterWatcher,
    rollout: Rollout,
    now = this.now(),
  ): EntityRollout {
    const info = describeFromCache(watcher.cache, rollout, now);
    return {
      cluster: watcher.name,
      namespace: rollout.metadata.namespace ?? '',
      name: rollout.metadata.name ?? '',
      info,
      actions: availableActions(info),
    };
  }

  /**
   * Finds a rollout of the entity; a rollout that exists but does not match the entity's
   * selector is reported exactly like one that does not exist.
   */
  findEntityRollout(
    selector: EntityWorkloadSelector,
    clusterName: string,
    namespace: string,
    name: string,
  ): { watcher: ClusterWatcher; rollout: Rollout } {
    const watcher = this.clusters.cluster(clusterName);
    if (!watcher) {
      throw new NotFoundError(`Unknown cluster '${clusterName}'`);
    }
    const rollout = watcher.cache.get<Rollout>('Rollout', namespace, name);
    if (!rollout || !isRollout(rollout) || !rolloutMatches(rollout, selector)) {
      throw new NotFoundError(
        `No rollout ${namespace}/${name} of this entity in cluster '${clusterName}'`,
      );
    }
    return { watcher, rollout };
  }

  async rolloutDetail(
    entityRef: string,
    selector: EntityWorkloadSelector,
    clusterName: string,
    namespace: string,
    name: string,
  ): Promise<RolloutDetailResponse> {
    const { watcher, rollout } = this.findEntityRollout(
      selector,
      clusterName,
      namespace,
      name,
    );
    const related = relatedObjects(watcher.cache, rollout);
    const hashes = related.replicaSets
      .map(rs => rs.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH_LABEL])
      .filter((h): h is string => Boolean(h));
    let podsError: string | undefined;
    let pods;
    if (watcher.client) {
      try {
        pods = await this.pods.podsFor(watcher.client, namespace, hashes);
      } catch (error) {
        podsError = `Pods unavailable: ${(error as Error).message}`;
      }
    }
    const now = this.now();
    const info = describeFromCache(watcher.cache, rollout, now, pods);
    const podInfos = info.revisions.flatMap(r =>
      r.replicaSets.flatMap(rs => rs.pods),
    );
    return {
      entityRef,
      cluster: watcher.name,
      namespace,
      name,
      info,
      actions: availableActions(info),
      steps: describeSteps(rollout, now),
      analysisRuns: related.analysisRuns.map(run => describeAnalysisRun(run)),
      pods: podInfos,
      ...(podsError ? { podsError } : {}),
      clusterStatus: toClusterSyncStatus(watcher.status()),
    };
  }
}
