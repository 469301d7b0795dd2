import {
  AnalysisTemplate,
  AnalysisTemplateRef,
  Deployment,
  Rollout,
  ScorecardCheck,
  ScorecardEvidence,
  ScorecardFix,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** A Rollout of the entity and the cluster it runs in. */
export interface ClusterRollout {
  cluster: string;
  rollout: Rollout;
}

/** A Deployment carrying the entity's labels. */
export interface ClusterDeployment {
  cluster: string;
  deployment: Deployment;
  /** Name of the Rollout (same cluster and namespace) that takes it over via `spec.workloadRef`. */
  workloadRefOf?: string;
}

/** Finds the AnalysisTemplate (or ClusterAnalysisTemplate) a rollout in `namespace` refers to. */
export type TemplateLookup = (
  cluster: string,
  namespace: string | undefined,
  ref: AnalysisTemplateRef,
) => AnalysisTemplate | undefined;

/** Everything the checks read about one entity; checks are pure functions of it. */
export interface ScorecardInput {
  rollouts: ClusterRollout[];
  deployments: ClusterDeployment[];
  /** The entity's Pyrra SLOs, evaluated (status `unknown` when Prometheus cannot tell). */
  slos: SloSummary[];
  template: TemplateLookup;
}

/** One check over an entity's objects. */
export type ScorecardCheckFn = (input: ScorecardInput) => ScorecardCheck;

/** What a check found on one object. */
export interface Finding {
  result: 'pass' | 'fail' | 'n/a';
  evidence: ScorecardEvidence[];
  /** The fix for this finding when it differs from the check's usual one. */
  fix?: ScorecardFix;
}
