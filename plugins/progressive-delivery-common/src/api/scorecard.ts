import { ClusterSyncStatus } from './types';

/** Shapes of the scorecard part of the `/api/progressive-delivery` HTTP API. */

/** Result of one check for one entity. @public */
export type ScorecardCheckResult = 'pass' | 'fail' | 'n/a';

/**
 * The progressive-delivery maturity checks, in the order of the adoption journey.
 * @public
 */
export const SCORECARD_CHECK_IDS = [
  'runs-as-rollout',
  'strategy-with-steps',
  'automated-analysis',
  'analysis-gated-on-slo',
  'slo-exists',
  'error-budget-healthy',
  'safe-first-step',
  'pre-traffic-testing',
  'fast-rollback',
  'no-unguarded-manual-pause',
] as const;

/** @public */
export type ScorecardCheckId = (typeof SCORECARD_CHECK_IDS)[number];

/** Which object (and field) a check result is based on. @public */
export interface ScorecardEvidence {
  cluster?: string;
  /** e.g. `Rollout`, `Deployment`, `AnalysisTemplate`, `ServiceLevelObjective`. */
  kind: string;
  namespace?: string;
  name: string;
  /** JSON path of the field read, e.g. `spec.strategy.canary.steps[0].setWeight`. */
  field?: string;
  /** What was found there, in words: "first step sends 50% of traffic to the canary". */
  detail: string;
}

/** How to make a failing check pass. @public */
export interface ScorecardFix {
  text: string;
  /** Documentation link (Argo Rollouts or Pyrra docs). */
  url?: string;
  /** Scaffolder template that sets it up, as an entity ref, e.g. `template:default/add-rollout`. */
  templateRef?: string;
}

/** One evaluated check. @public */
export interface ScorecardCheck {
  id: ScorecardCheckId;
  title: string;
  /** What the check asks for and why it matters, one or two sentences. */
  description: string;
  result: ScorecardCheckResult;
  /** Every object the result is based on; empty only for `n/a` without objects. */
  evidence: ScorecardEvidence[];
  fix: ScorecardFix;
}

/** Maturity levels, lowest first. @public */
export const SCORECARD_LEVELS = ['none', 'bronze', 'silver', 'gold'] as const;

/** @public */
export type ScorecardLevel = (typeof SCORECARD_LEVELS)[number];

/** The rule for one level: every listed check must pass or be `n/a`. @public */
export interface ScorecardLevelRule {
  level: Exclude<ScorecardLevel, 'none'>;
  requires: ScorecardCheckId[];
  /** The rule in words, shown next to the level. */
  description: string;
}

/** Outcome metrics over a window, from the history the backend records. @public */
export interface ScorecardOutcomes {
  /** ISO timestamps; `to` is the time of the request. */
  window: { days: number; from: string; to: string };
  /** New revisions rolled out (a rollout's pod template changed). */
  rolloutsStarted: number;
  /** Revisions that reached full promotion (stable = the new revision, healthy). */
  rolloutsCompleted: number;
  /** Revisions aborted (by analysis, by a person in the portal, or elsewhere). */
  rolloutsAborted: number;
  /** Time from start to full promotion over completed revisions, in seconds; null without any. */
  medianTimeToPromoteSeconds: number | null;
  p90TimeToPromoteSeconds: number | null;
  analysisRuns: {
    total: number;
    successful: number;
    failed: number;
    errored: number;
    inconclusive: number;
  };
  /** (failed + errored) / finished runs; null without finished runs. */
  analysisFailureRate: number | null;
  /** Manual actions (promote, abort, retry, ...) taken through the portal versus elsewhere (kubectl, Argo CD, the dashboard). */
  actions: { portal: number; elsewhere: number };
}

/** The score on one day (UTC), for the history chart and trends. @public */
export interface ScorecardHistoryPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  level: ScorecardLevel;
  passed: number;
  /** Checks that are not `n/a`. */
  applicable: number;
}

/** `GET /entities/:kind/:namespace/:name/scorecard`. @public */
export interface EntityScorecardResponse {
  entityRef: string;
  level: ScorecardLevel;
  levelRules: ScorecardLevelRule[];
  checks: ScorecardCheck[];
  outcomes: ScorecardOutcomes;
  /** Oldest first, at most one point per day. */
  history: ScorecardHistoryPoint[];
  /** Checks read the watch caches: a cluster that is not `ok` makes results partial. */
  clusters: ClusterSyncStatus[];
}

/** One entity in the organisation view. @public */
export interface ScorecardSummary {
  entityRef: string;
  title?: string;
  /** Owner entity ref from `spec.owner`, e.g. `group:default/team-checkout`. */
  owner?: string;
  /** System entity ref from `spec.system`. */
  system?: string;
  level: ScorecardLevel;
  passed: number;
  applicable: number;
  /** Per check, for filtering and CSV export. */
  results: Partial<Record<ScorecardCheckId, ScorecardCheckResult>>;
  /** `passed` minus what it was at the start of the window; null without history that old. */
  trend: number | null;
  outcomes: ScorecardOutcomes;
}

/** `GET /scorecards?days=N`: every entity with Kubernetes annotations the caller may read. @public */
export interface OrgScorecardResponse {
  windowDays: number;
  entities: ScorecardSummary[];
  clusters: ClusterSyncStatus[];
}
