import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Deployment,
  entitySignalChannel,
  isRollout,
  KubernetesObject,
  OPS_SIGNAL_CHANNEL,
  Rollout,
  RolloutChangeSignal,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { CacheEvent, ObjectCache } from '../cache/ObjectCache';
import { rolloutMatches } from '../service/RolloutService';
import { ClusterWatchManager } from '../watch/ClusterWatchManager';
import { EntityInterest } from './EntityInterest';

export interface ChangeSignallerOptions {
  debounceMs?: number;
  maxWaitMs?: number;
}

/**
 * Turns cache changes into signals: one debounced signal per affected entity channel, and
 * one on the ops channel. A burst of events within `debounceMs` becomes one signal, sent
 * no later than `maxWaitMs` after the first event.
 */
export class ChangeSignaller {
  private readonly pending = new Map<
    string,
    { first: number; timer: NodeJS.Timeout }
  >();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private unsubscribe?: () => void;

  constructor(
    private readonly manager: ClusterWatchManager,
    private readonly interest: EntityInterest,
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    options: ChangeSignallerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 750;
  }

  start(): void {
    this.unsubscribe = this.manager.onChange(event => this.onChange(event));
  }

  stop(): void {
    this.unsubscribe?.();
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private onChange(event: CacheEvent): void {
    const watcher = this.manager.cluster(event.cluster);
    if (!watcher) return;
    const rollouts = affectedRollouts(watcher.cache, event);
    if (rollouts.length === 0 && event.kind !== 'ServiceLevelObjective') return;
    this.schedule(OPS_SIGNAL_CHANNEL, undefined);
    for (const { entityRef, selector } of this.interest.active()) {
      const hit =
        rollouts.some(r => rolloutMatches(r, selector)) ||
        (event.kind === 'ServiceLevelObjective' &&
          rolloutMatches(event.object, selector));
      if (hit) this.schedule(entitySignalChannel(entityRef), entityRef);
    }
  }

  private schedule(channel: string, entityRef: string | undefined): void {
    const now = Date.now();
    const existing = this.pending.get(channel);
    if (existing) clearTimeout(existing.timer);
    const first = existing?.first ?? now;
    const delay = Math.max(
      0,
      Math.min(this.debounceMs, first + this.maxWaitMs - now),
    );
    const timer = setTimeout(() => {
      this.pending.delete(channel);
      this.publish(channel, entityRef);
    }, delay);
    timer.unref?.();
    this.pending.set(channel, { first, timer });
  }

  private publish(channel: string, entityRef: string | undefined): void {
    if (!this.signals) return;
    const message: RolloutChangeSignal = {
      ...(entityRef ? { entityRef } : {}),
      changedAt: new Date().toISOString(),
    };
    this.signals
      .publish({
        recipients: { type: 'broadcast' },
        channel,
        message: { ...message },
      })
      .catch(error =>
        this.logger.warn(
          `Could not publish signal on ${channel}: ${(error as Error).message}`,
        ),
      );
  }
}

/** The rollouts whose view a changed object affects. */
export function affectedRollouts(
  cache: ObjectCache,
  event: CacheEvent,
): Rollout[] {
  const object = event.object;
  if (event.kind === 'Rollout') return isRollout(object) ? [object] : [];
  if (event.kind === 'Deployment') {
    const deployment = object as Deployment;
    return cache
      .list<Rollout>('Rollout')
      .filter(
        r =>
          r.metadata.namespace === deployment.metadata.namespace &&
          r.spec?.workloadRef?.name === deployment.metadata.name,
      );
  }
  return ownerRollouts(cache, object, 2);
}

/** Follows owner references up to a Rollout (ReplicaSet → Rollout, AnalysisRun → Experiment → Rollout). */
function ownerRollouts(
  cache: ObjectCache,
  object: KubernetesObject,
  depth: number,
): Rollout[] {
  const result: Rollout[] = [];
  for (const ref of object.metadata.ownerReferences ?? []) {
    const owner = cache.byUid<KubernetesObject>(ref.uid);
    if (!owner) continue;
    if (owner.kind === 'Rollout' && isRollout(owner)) result.push(owner);
    else if (depth > 1) result.push(...ownerRollouts(cache, owner, depth - 1));
  }
  return result;
}
