import { RolloutAction } from '../actions/rolloutActions';
import { RolloutActionAvailability } from '../actions/availableActions';
import { AnalysisRunDetail } from '../status/describeAnalysisRun';
import { RolloutStepsDescription } from '../status/describeSteps';
import { RolloutInfo, RolloutPodInfo } from '../status/types';
import type { RolloutErrorBudgetGating, SloSummary } from './slo';

/** Shapes of the `/api/progressive-delivery` HTTP API (DESIGN §4.2). */

/** Sync health of one cluster, reported next to every result that involves it. @public */
export interface ClusterSyncStatus {
  name: string;
  title?: string;
  status: 'ok' | 'syncing' | 'error';
  error?: string;
  /** ISO timestamp of the last time the cache matched the cluster. */
  lastSyncAt?: string;
}

/** One Rollout of an entity in one cluster. @public */
export interface EntityRollout {
  cluster: string;
  namespace: string;
  name: string;
  info: RolloutInfo;
  actions: RolloutActionAvailability[];
  /** Pyrra SLOs of the same workload (same cluster and namespace), when any exist. */
  slos?: SloSummary[];
  /** Set when AnalysisTemplates of this rollout query SLO or burn-rate series. */
  gatedOnErrorBudget?: RolloutErrorBudgetGating;
}

/** `GET /entities/:kind/:namespace/:name/rollouts` @public */
export interface EntityRolloutsResponse {
  entityRef: string;
  rollouts: EntityRollout[];
  clusters: ClusterSyncStatus[];
}

/** `GET /entities/:kind/:namespace/:name/rollouts/:cluster/:rolloutNamespace/:rollout` @public */
export interface RolloutDetailResponse extends EntityRollout {
  entityRef: string;
  steps: RolloutStepsDescription;
  analysisRuns: AnalysisRunDetail[];
  /** Pods of the rollout's ReplicaSets, fetched for this view only. */
  pods: RolloutPodInfo[];
  /** Why pods could not be fetched; the rest of the response is still valid. */
  podsError?: string;
  cluster: string;
  clusterStatus: ClusterSyncStatus;
}

/** Why the ops view flags a rollout. @public */
export type AttentionReason = 'degraded' | 'aborted' | 'paused';

/** A rollout in the ops view across clusters. @public */
export interface OpsRollout extends EntityRollout {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  attention?: { reason: AttentionReason; message: string };
}

/** `GET /rollouts` @public */
export interface OpsRolloutsResponse {
  rollouts: OpsRollout[];
  clusters: ClusterSyncStatus[];
}

/** `GET /clusters` @public */
export interface ClustersResponse {
  clusters: ClusterSyncStatus[];
}

/** Signal channels; payloads carry only ids, clients refetch. @public */
export const OPS_SIGNAL_CHANNEL = 'progressive-delivery:ops';

/** @public */
export function entitySignalChannel(entityRef: string): string {
  return `progressive-delivery:entity:${entityRef}`;
}

/** Payload of a change signal. @public */
export interface RolloutChangeSignal {
  entityRef?: string;
  changedAt: string;
}

/** Body of `POST .../actions`. @public */
export interface RolloutActionRequest {
  action: RolloutAction;
  reason?: string;
  /** Rollback only: the revision to go back to (default: the previous one). */
  revision?: number;
  /** What the client saw; the backend refuses with 409 when the rollout moved on. */
  expected?: { resourceVersion?: string; stepIndex?: number };
}

/** Response of `POST .../actions`. @public */
export interface RolloutActionResponse {
  auditId: string;
  action: string;
  /** What the patches did, in words. */
  description: string;
  info: RolloutInfo;
}

/** Outcome of an audited action attempt. @public */
export type AuditOutcomeValue =
  | 'initiated'
  | 'succeeded'
  | 'failed'
  | 'unknown'
  | 'denied'
  | 'conflict'
  | 'invalid'
  | 'not-found';

/** One audit row as the API returns it (timestamps as ISO strings). @public */
export interface AuditEntryView {
  id: string;
  actorRef: string;
  entityRef: string;
  cluster: string;
  namespace: string;
  rollout: string;
  action: string;
  reason: string | null;
  requestedRevision: number | null;
  stateBefore: {
    status: string;
    step: number | null;
    revision: number | null;
  } | null;
  stateAfter: {
    status: string;
    step: number | null;
    revision: number | null;
  } | null;
  outcome: AuditOutcomeValue;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

/** `GET /entities/:kind/:namespace/:name/audit` and `GET /audit` (newest first). @public */
export interface AuditPageResponse {
  items: AuditEntryView[];
  nextCursor?: string;
}
