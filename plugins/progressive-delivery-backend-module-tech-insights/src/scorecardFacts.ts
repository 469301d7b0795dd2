import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  SCORECARD_CHECK_IDS,
  SCORECARD_LEVELS,
  type ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { checkFactName } from './factSchema';

type FactValues = TechInsightFact['facts'];

function checkFacts(results: ScorecardSummary['results']): FactValues {
  const facts: FactValues = {};
  for (const id of SCORECARD_CHECK_IDS) {
    const result = results[id];
    // n/a (or missing) leaves the fact out: json-rules-engine checks then skip the entity
    // instead of failing it, which is what "does not apply" means.
    if (result === 'pass' || result === 'fail') {
      facts[checkFactName(id)] = result === 'pass';
    }
  }
  return facts;
}

/** Leaves out values the backend reports as null (no data), so every stored fact matches its schema type. */
function definedNumbers(
  values: Record<string, number | null | undefined>,
): FactValues {
  const facts: FactValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      facts[name] = value;
    }
  }
  return facts;
}

/**
 * The Tech Insights facts of one entity's scorecard summary.
 * Throws on an entity ref that does not parse.
 * @public
 */
export function scorecardSummaryToFact(
  summary: ScorecardSummary,
): TechInsightFact {
  const { kind, namespace, name } = parseEntityRef(summary.entityRef);
  const { outcomes } = summary;
  return {
    entity: { kind, namespace, name },
    facts: {
      ...checkFacts(summary.results),
      level: summary.level,
      levelRank: SCORECARD_LEVELS.indexOf(summary.level),
      ...definedNumbers({
        checksPassed: summary.passed,
        checksApplicable: summary.applicable,
        rolloutsStarted: outcomes.rolloutsStarted,
        rolloutsCompleted: outcomes.rolloutsCompleted,
        rolloutsAborted: outcomes.rolloutsAborted,
        medianTimeToPromoteSeconds: outcomes.medianTimeToPromoteSeconds,
        analysisFailureRate: outcomes.analysisFailureRate,
        portalActions: outcomes.actions.portal,
        externalActions: outcomes.actions.elsewhere,
      }),
    },
  };
}
