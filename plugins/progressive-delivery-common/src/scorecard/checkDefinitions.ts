import { ScorecardCheckId } from '../api/scorecard';

/** Title and rule of a scorecard check, as the backend sends them with each result. @public */
export interface ScorecardCheckDefinition {
  title: string;
  /** What the check asks for, when it does not apply, and why it matters. */
  description: string;
}

/**
 * Titles and rules of the checks. The backend evaluates them; the rules here are the contract
 * the evaluation follows, so keep both in step.
 * @public
 */
export const SCORECARD_CHECK_DEFINITIONS: Record<
  ScorecardCheckId,
  ScorecardCheckDefinition
> = {
  'runs-as-rollout': {
    title: 'Runs as a Rollout',
    description:
      "Every workload of the entity runs as an Argo Rollout: a Deployment carrying the entity's labels fails unless a Rollout takes it over through spec.workloadRef. Not applicable when nothing of the entity runs in any cluster.",
  },
  'strategy-with-steps': {
    title: 'Strategy with steps',
    description:
      'The new version is released in stages. A canary needs at least one step short of full traffic; a canary without steps behaves like a rolling update. Blue-green has no steps: it passes when promotion waits for something (pre-promotion analysis, autoPromotionEnabled: false, or autoPromotionSeconds).',
  },
  'automated-analysis': {
    title: 'Automated analysis',
    description:
      'An analysis decides whether the new version may proceed: a canary analysis step, background analysis, an experiment step with analyses, or blue-green pre- or post-promotion analysis. Without one, a bad version is only caught by people.',
  },
  'analysis-gated-on-slo': {
    title: 'Analysis gated on the SLO',
    description:
      "At least one of the rollout's AnalysisTemplates queries SLO or burn-rate series (Pyrra recording rules, Sloth-style slo:* series, or Pyrra's ErrorBudgetBurn alert), so a rollout stops when it spends the error budget.",
  },
  'slo-exists': {
    title: 'SLO defined',
    description:
      "A Pyrra ServiceLevelObjective with the entity's labels exists in the cluster and namespace of every rollout. Not applicable when nothing of the entity runs in any cluster.",
  },
  'error-budget-healthy': {
    title: 'Error budget healthy',
    description:
      'Every SLO with data has more than a quarter of its error budget left and no burn-rate alert firing (or, without Pyrra alerts, no tier above its threshold). Not applicable without SLOs or when no SLO can be evaluated (no Prometheus, no data).',
  },
  'safe-first-step': {
    title: 'Safe first step',
    description:
      'The first step that exposes the canary sends it at most 25% of the traffic, or only requests carrying a header (setHeaderRoute) or a mirrored copy of requests (setMirrorRoute). Not applicable to blue-green, which switches all traffic at once by design.',
  },
  'pre-traffic-testing': {
    title: 'Tested before traffic',
    description:
      'The new version is tested before users reach it: canary pods scaled up at weight 0 (setCanaryScale), a header or mirror route at weight 0, or an experiment with analyses before the first weight; for blue-green, pre-promotion analysis, or a preview Service with manual promotion.',
  },
  'fast-rollback': {
    title: 'Fast rollback',
    description:
      'The previous version stays up after a promotion, so a rollback only moves traffic: scaleDownDelaySeconds set explicitly above 0 (a chosen rollback window, not the 30-second default) on a blue-green rollout or a canary with traffic routing. A canary without traffic routing rolls back with a new rolling update; with dynamicStableScale an abort waits for the stable version to scale back up.',
  },
  'no-unguarded-manual-pause': {
    title: 'No unguarded manual pause',
    description:
      'A pause without duration waits for a person to promote. It is guarded when an analysis watches the traffic it releases: background analysis running at that step, or a step analysis (or experiment with analyses) at the same weight or later, before full traffic. For blue-green, manual promotion needs pre- or post-promotion analysis.',
  },
};
