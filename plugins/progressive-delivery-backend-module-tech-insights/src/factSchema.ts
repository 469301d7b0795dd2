import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  SCORECARD_CHECK_IDS,
  type ScorecardCheckId,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Id under which Tech Insights stores these facts (and reads `techInsights.factRetrievers.<id>`). @public */
export const PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID =
  'progressiveDeliveryFactRetriever';

/**
 * Version of the fact schema. Bump it whenever a fact is added, removed or changes meaning
 * (including a new check id in the common package): Tech Insights keys stored rows by it.
 * @public
 */
export const PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION = '0.1.0';

/** Fact name of a check: its id in camelCase, e.g. `analysis-gated-on-slo` → `analysisGatedOnSlo`. @public */
export function checkFactName(checkId: ScorecardCheckId): string {
  return checkId.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// A Record over every check id: a check added to the common package fails type checking here
// until it is described (and the schema version bumped).
const CHECK_DESCRIPTIONS: Record<ScorecardCheckId, string> = {
  'runs-as-rollout':
    'The workloads run as Argo Rollouts (no plain Deployment left without a Rollout).',
  'strategy-with-steps':
    'The rollout strategy moves to a new revision in steps.',
  'automated-analysis':
    'An analysis (step, background, or blue-green pre/post promotion) decides automatically.',
  'analysis-gated-on-slo':
    'The analysis queries the SLO or its burn-rate series.',
  'slo-exists': 'A Pyrra ServiceLevelObjective covers the service.',
  'error-budget-healthy': 'The SLO error budget is healthy.',
  'safe-first-step':
    'The first step sends little traffic (weight at most 25, or header-only).',
  'pre-traffic-testing':
    'The new revision is tested before it gets traffic (canary scale or header route at weight 0).',
  'fast-rollback':
    'Scale-down delays keep the previous revision ready to roll back.',
  'no-unguarded-manual-pause':
    'No manual pause without analysis before full traffic.',
};

function checkFacts(): FactSchema {
  return Object.fromEntries(
    SCORECARD_CHECK_IDS.map(id => [
      checkFactName(id),
      {
        type: 'boolean' as const,
        description: `Check ${id}: true = pass, false = fail; absent when the check does not apply (n/a). ${CHECK_DESCRIPTIONS[id]}`,
      },
    ]),
  );
}

/** Fact schema for a window of `windowDays` days of outcomes. @public */
export function progressiveDeliveryFactSchema(windowDays: number): FactSchema {
  const over = `over the last ${windowDays} days`;
  return {
    ...checkFacts(),
    level: {
      type: 'string',
      description:
        'Progressive delivery maturity level: none, bronze, silver or gold.',
    },
    levelRank: {
      type: 'integer',
      description: 'The level as a number: none 0, bronze 1, silver 2, gold 3.',
    },
    checksPassed: {
      type: 'integer',
      description: 'Number of checks that pass.',
    },
    checksApplicable: {
      type: 'integer',
      description: 'Number of checks that apply (not n/a).',
    },
    rolloutsStarted: {
      type: 'integer',
      description: `New revisions rolled out ${over}.`,
    },
    rolloutsCompleted: {
      type: 'integer',
      description: `Revisions fully promoted ${over}.`,
    },
    rolloutsAborted: {
      type: 'integer',
      description: `Revisions aborted (by analysis or by a person) ${over}.`,
    },
    medianTimeToPromoteSeconds: {
      type: 'float',
      description: `Median seconds from start to full promotion ${over}; absent without completed revisions.`,
    },
    analysisFailureRate: {
      type: 'float',
      description: `Share (0 to 1) of finished AnalysisRuns that failed or errored ${over}; absent without finished runs.`,
    },
    portalActions: {
      type: 'integer',
      description: `Manual rollout actions (promote, abort, ...) taken through Backstage ${over}.`,
    },
    externalActions: {
      type: 'integer',
      description: `Manual rollout actions taken elsewhere (kubectl, Argo CD, the Rollouts dashboard) ${over}.`,
    },
  };
}
