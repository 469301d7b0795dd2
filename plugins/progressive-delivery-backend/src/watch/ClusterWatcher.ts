import { LoggerService } from '@backstage/backend-plugin-api';
import { ROLLOUT_POD_TEMPLATE_HASH_LABEL } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { ClusterDetails } from '../clusters/types';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { RESOURCE_TYPES, WatchedKind } from '../kubernetes/resources';
import { ResourceWatcher } from './ResourceWatcher';
import { SyncStatus, WatchOptions } from './types';

/** What each watched kind needs: Rollout-managed ReplicaSets carry the pod-template-hash label. */
const WATCHES: Array<{
  kind: WatchedKind;
  labelSelector?: string;
  optional?: boolean;
}> = [
  { kind: 'Rollout' },
  { kind: 'ReplicaSet', labelSelector: ROLLOUT_POD_TEMPLATE_HASH_LABEL },
  { kind: 'AnalysisRun' },
  { kind: 'Experiment', optional: true },
  { kind: 'Deployment' },
  { kind: 'ServiceLevelObjective', optional: true },
  // Read to tell which rollouts are gated on an error budget (SLO / burn-rate queries).
  { kind: 'AnalysisTemplate', optional: true },
  { kind: 'ClusterAnalysisTemplate', optional: true },
];

export interface ClusterStatus extends SyncStatus {
  name: string;
  title?: string;
}

/** The watches and cache of one cluster, and its aggregated sync status. */
export class ClusterWatcher {
  readonly cache: ObjectCache;
  private readonly watchers: ResourceWatcher[];
  private readonly unsupportedReason?: string;

  constructor(
    readonly details: ClusterDetails,
    readonly client: ClusterClient | undefined,
    logger: LoggerService,
    options: WatchOptions,
    onStatusChange?: () => void,
  ) {
    this.cache = new ObjectCache(details.name);
    if (details.auth.provider === 'unsupported' || !client) {
      this.unsupportedReason =
        details.auth.provider === 'unsupported'
          ? `authProvider '${details.auth.name}' cannot be used by the backend to watch; use serviceAccount`
          : 'cluster client could not be created';
      this.watchers = [];
      return;
    }
    this.watchers = WATCHES.map(
      w =>
        new ResourceWatcher({
          client,
          type: RESOURCE_TYPES[w.kind],
          cache: this.cache,
          logger,
          options,
          labelSelector: w.labelSelector,
          optional: w.optional,
          onStatusChange,
        }),
    );
  }

  get name(): string {
    return this.details.name;
  }

  start(): void {
    for (const watcher of this.watchers) watcher.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map(w => w.stop()));
  }

  /** error if any kind failed, syncing until every kind listed once, else ok. */
  status(): ClusterStatus {
    const base = { name: this.details.name, title: this.details.title };
    if (this.unsupportedReason) {
      return { ...base, state: 'error', error: this.unsupportedReason };
    }
    const statuses = this.watchers.map(w => ({
      kind: w.kind,
      ...w.getStatus(),
    }));
    const failed = statuses.filter(s => s.state === 'error');
    const syncTimes = statuses
      .map(s => s.lastSyncAt?.getTime())
      .filter((t): t is number => t !== undefined);
    const lastSyncAt =
      syncTimes.length === statuses.length && syncTimes.length > 0
        ? new Date(Math.min(...syncTimes))
        : undefined;
    if (failed.length > 0) {
      return {
        ...base,
        state: 'error',
        error: failed.map(f => `${f.kind}: ${f.error}`).join('; '),
        lastSyncAt,
      };
    }
    if (statuses.some(s => s.state === 'syncing')) {
      return { ...base, state: 'syncing', lastSyncAt };
    }
    return { ...base, state: 'ok', lastSyncAt };
  }
}
