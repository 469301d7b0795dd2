import { KubernetesObject } from './objectMeta';
import { Rollout } from './rollout';
import { ReplicaSet } from './replicaSet';
import { Pod } from './pod';
import { AnalysisRun } from './analysisRun';
import { AnalysisTemplate, ClusterAnalysisTemplate } from './analysisTemplate';
import { Experiment } from './experiment';
import { Deployment } from './deployment';
import { ServiceLevelObjective } from './serviceLevelObjective';

/*
 * Light structural checks for objects that arrive from clusters or over HTTP. They check what
 * describeRollout() and friends dereference without further checks, not the whole schema.
 * `kind` is optional because items of a Kubernetes list response carry no kind.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value);
}

const isArray = (value: unknown) => Array.isArray(value);
const isNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown) => typeof value === 'string';

/** A `{ metadata: { name } }` object whose `kind`, when present, is the expected one. @public */
export function isKubernetesObject(
  value: unknown,
  kind?: string,
): value is KubernetesObject {
  if (!isRecord(value) || !isRecord(value.metadata)) return false;
  if (typeof value.metadata.name !== 'string') return false;
  if (!optional(value.metadata.uid, isString)) return false;
  if (!optional(value.metadata.ownerReferences, isArray)) return false;
  if (!optional(value.metadata.annotations, isRecord)) return false;
  if (!optional(value.metadata.labels, isRecord)) return false;
  return kind === undefined || value.kind === undefined || value.kind === kind;
}

/** A Rollout with a canary or blue-green strategy and well-typed step / status fields. @public */
export function isRollout(value: unknown): value is Rollout {
  if (!isKubernetesObject(value, 'Rollout')) return false;
  const { spec, status } = value as unknown as Record<string, unknown>;
  if (!isRecord(spec) || !isRecord(spec.strategy)) return false;
  const { canary, blueGreen } = spec.strategy;
  if (!isRecord(canary) && !isRecord(blueGreen)) return false;
  if (isRecord(canary) && !optional(canary.steps, isArray)) return false;
  if (!optional(spec.replicas, isNumber)) return false;
  if (!optional(status, isRecord)) return false;
  if (isRecord(status)) {
    if (!optional(status.currentStepIndex, isNumber)) return false;
    if (!optional(status.pauseConditions, isArray)) return false;
    if (!optional(status.conditions, isArray)) return false;
  }
  return true;
}

/** @public */
export function isReplicaSet(value: unknown): value is ReplicaSet {
  if (!isKubernetesObject(value, 'ReplicaSet')) return false;
  const { spec, status } = value as unknown as Record<string, unknown>;
  return optional(spec, isRecord) && optional(status, isRecord);
}

/** @public */
export function isPod(value: unknown): value is Pod {
  if (!isKubernetesObject(value, 'Pod')) return false;
  const { status } = value as unknown as Record<string, unknown>;
  if (!optional(status, isRecord)) return false;
  return (
    !isRecord(status) ||
    (optional(status.containerStatuses, isArray) &&
      optional(status.initContainerStatuses, isArray))
  );
}

/** @public */
export function isAnalysisRun(value: unknown): value is AnalysisRun {
  if (!isKubernetesObject(value, 'AnalysisRun')) return false;
  const { spec, status } = value as unknown as Record<string, unknown>;
  if (!isRecord(spec) || !isArray(spec.metrics)) return false;
  return (
    optional(status, isRecord) &&
    (!isRecord(status) || optional(status.metricResults, isArray))
  );
}

function hasMetrics(value: unknown): boolean {
  const { spec } = value as Record<string, unknown>;
  return isRecord(spec) && isArray(spec.metrics);
}

/** @public */
export function isAnalysisTemplate(value: unknown): value is AnalysisTemplate {
  return isKubernetesObject(value, 'AnalysisTemplate') && hasMetrics(value);
}

/** @public */
export function isClusterAnalysisTemplate(
  value: unknown,
): value is ClusterAnalysisTemplate {
  return (
    isKubernetesObject(value, 'ClusterAnalysisTemplate') && hasMetrics(value)
  );
}

/** @public */
export function isExperiment(value: unknown): value is Experiment {
  if (!isKubernetesObject(value, 'Experiment')) return false;
  const { spec, status } = value as unknown as Record<string, unknown>;
  return (
    isRecord(spec) && isArray(spec.templates) && optional(status, isRecord)
  );
}

/** @public */
export function isDeployment(value: unknown): value is Deployment {
  if (!isKubernetesObject(value, 'Deployment')) return false;
  const { spec } = value as unknown as Record<string, unknown>;
  return optional(spec, isRecord);
}

/** @public */
export function isServiceLevelObjective(
  value: unknown,
): value is ServiceLevelObjective {
  if (!isKubernetesObject(value, 'ServiceLevelObjective')) return false;
  const { spec } = value as unknown as Record<string, unknown>;
  return (
    isRecord(spec) &&
    isString(spec.target) &&
    isString(spec.window) &&
    isRecord(spec.indicator)
  );
}
