import { Pod } from '../kubernetes/pod';
import { ReplicaSet } from '../kubernetes/replicaSet';
import { Rollout } from '../kubernetes/rollout';
import { ownedBy, parseRevision } from '../kubernetes/ownership';
import {
  EXPERIMENT_TEMPLATE_NAME_ANNOTATION,
  ROLLOUT_POD_TEMPLATE_HASH_LABEL,
  SCALE_DOWN_DEADLINE_ANNOTATION,
} from '../kubernetes/wellKnownKeys';
import { describePod } from './podInfo';
import { humanDuration, parseRfc3339 } from './humanDuration';
import {
  ReplicaSetStatusValue,
  ReplicaSetTag,
  RolloutReplicaSetInfo,
} from './types';
import { compareText } from './compareText';

/**
 * ReplicaSet health (`getReplicaSetHealth`, reference §1.3): checks only hold once the ReplicaSet
 * controller has observed the current generation.
 * @public
 */
export function replicaSetStatus(rs: ReplicaSet): ReplicaSetStatusValue {
  const desired = rs.spec?.replicas;
  if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) {
    return 'Progressing';
  }
  const failure = (rs.status?.conditions ?? []).find(
    c => c.type === 'ReplicaFailure',
  );
  if (failure?.status === 'True') return 'ReplicaFailure';
  if (desired !== undefined && (rs.status?.availableReplicas ?? 0) < desired) {
    return 'Progressing';
  }
  return desired === 0 ? 'ScaledDown' : 'Healthy';
}

/**
 * Role of a ReplicaSet relative to the rollout, from its pod-template hash (reference §1.3).
 * Tags come in the fixed order canary, stable, active, preview, ping, pong.
 * @public
 */
export function replicaSetTags(
  rollout: Rollout,
  rs: ReplicaSet,
): ReplicaSetTag[] {
  const hash = rs.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH_LABEL] ?? '';
  const status = rollout.status ?? {};
  const { canary, blueGreen } = rollout.spec.strategy;
  const stable = status.stableRS ?? '';
  let isCanary = false;
  let isStable = false;
  let isActive = false;
  let isPreview = false;
  let ping = false;
  let pong = false;
  if (canary) {
    const pingPong = Boolean(canary.pingPong);
    const stableIsPing = status.canary?.stablePingPong === 'ping';
    if (stable === hash) {
      isStable = true;
      if (pingPong) {
        ping = stableIsPing;
        pong = !stableIsPing;
      }
    } else if ((status.currentPodHash ?? '') === hash) {
      isCanary = true;
      if (pingPong) {
        ping = !stableIsPing;
        pong = stableIsPing;
      }
    }
  }
  if (blueGreen) {
    if (stable === hash) isStable = true;
    if ((status.blueGreen?.activeSelector ?? '') === hash) isActive = true;
    else if ((status.blueGreen?.previewSelector ?? '') === hash)
      isPreview = true;
  }
  const tags: ReplicaSetTag[] = [];
  if (isCanary) tags.push('canary');
  if (isStable) tags.push('stable');
  if (isActive) tags.push('active');
  if (isPreview) tags.push('preview');
  if (ping) tags.push('ping');
  if (pong) tags.push('pong');
  return tags;
}

/** `delay:` text for a `scale-down-deadline`: humanized time left, or `passed`. @public */
export function scaleDownDelay(
  deadline: string | undefined,
  now: Date,
): string | undefined {
  const at = parseRfc3339(deadline);
  if (at === undefined) return undefined;
  if (at < now.getTime()) return 'passed';
  return humanDuration(at - now.getTime());
}

function byCreationThenName(
  a: { created?: number; name: string },
  b: { created?: number; name: string },
): number {
  const ca = a.created ?? 0;
  const cb = b.created ?? 0;
  if (ca !== cb) return ca - cb;
  return compareText(a.name, b.name);
}

function describeReplicaSet(
  rs: ReplicaSet,
  rollout: Rollout | undefined,
  pods: readonly Pod[],
  now: Date,
): RolloutReplicaSetInfo {
  const annotations = rs.metadata.annotations ?? {};
  const deadline = annotations[SCALE_DOWN_DEADLINE_ANNOTATION];
  const delay = deadline ? scaleDownDelay(deadline, now) : undefined;
  const template = annotations[EXPERIMENT_TEMPLATE_NAME_ANNOTATION];
  const hash = rs.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH_LABEL];
  const ownPods = ownedBy(pods, rs.metadata.uid)
    .map(pod => ({
      info: describePod(pod),
      created: Date.parse(pod.metadata.creationTimestamp ?? '') || 0,
    }))
    .sort((a, b) =>
      byCreationThenName(
        { created: a.created, name: a.info.name },
        { created: b.created, name: b.info.name },
      ),
    )
    .map(p => p.info);
  return {
    name: rs.metadata.name ?? '',
    revision: parseRevision(rs),
    status: replicaSetStatus(rs),
    tags: rollout ? replicaSetTags(rollout, rs) : [],
    ...(delay !== undefined ? { scaleDownDelay: delay } : {}),
    ...(deadline ? { scaleDownDeadline: deadline } : {}),
    ...(template ? { template } : {}),
    ...(hash ? { podTemplateHash: hash } : {}),
    ...(rs.metadata.creationTimestamp
      ? { createdAt: rs.metadata.creationTimestamp }
      : {}),
    replicas: rs.status?.replicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    images: (rs.spec?.template?.spec?.containers ?? []).map(c => c.image ?? ''),
    pods: ownPods,
  };
}

/**
 * ReplicaSets owned by `ownerUid` (a Rollout or an Experiment), each with its pods, sorted by
 * revision descending, then name. Tags are computed only when the owner is a Rollout.
 * @public
 */
export function describeReplicaSets(
  ownerUid: string | undefined,
  rollout: Rollout | undefined,
  replicaSets: readonly ReplicaSet[] | undefined,
  pods: readonly Pod[] | undefined,
  now: Date,
): RolloutReplicaSetInfo[] {
  return ownedBy(replicaSets, ownerUid)
    .map(rs => describeReplicaSet(rs, rollout, pods ?? [], now))
    .sort((a, b) => {
      if (a.revision !== b.revision) return b.revision - a.revision;
      // Upstream's creation-time tiebreak is a no-op, so names decide.
      return compareText(a.name, b.name);
    });
}
