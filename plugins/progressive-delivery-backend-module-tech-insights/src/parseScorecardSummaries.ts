import {
  SCORECARD_LEVELS,
  type ScorecardLevel,
  type ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Summaries that have every field the facts are built from, and why the others were left out. */
export interface ParsedScorecardSummaries {
  summaries: ScorecardSummary[];
  rejected: Array<{ entityRef?: string; reason: string }>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

const isNumberOrNull = (value: unknown): boolean =>
  value === null || (typeof value === 'number' && Number.isFinite(value));

const RESULTS = new Set<unknown>(['pass', 'fail', 'n/a']);

/** Why a summary cannot be turned into facts, or undefined when it can. */
function summaryProblem(entity: Record<string, unknown>): string | undefined {
  if (typeof entity.entityRef !== 'string' || !entity.entityRef) {
    return 'entityRef is missing';
  }
  if (!SCORECARD_LEVELS.includes(entity.level as ScorecardLevel)) {
    return `level ${JSON.stringify(
      entity.level,
    )} is not one of ${SCORECARD_LEVELS.join(', ')}`;
  }
  if (!isCount(entity.passed) || !isCount(entity.applicable)) {
    return 'passed and applicable must be counts';
  }
  if (
    !isRecord(entity.results) ||
    !Object.values(entity.results).every(r => RESULTS.has(r))
  ) {
    return 'results must map check ids to pass, fail or n/a';
  }
  const outcomes = entity.outcomes;
  if (!isRecord(outcomes)) return 'outcomes are missing';
  const counts = ['rolloutsStarted', 'rolloutsCompleted', 'rolloutsAborted'];
  if (!counts.every(key => isCount(outcomes[key]))) {
    return `outcomes.${counts.join('/')} must be counts`;
  }
  if (
    !isNumberOrNull(outcomes.medianTimeToPromoteSeconds) ||
    !isNumberOrNull(outcomes.analysisFailureRate)
  ) {
    return 'outcomes.medianTimeToPromoteSeconds and analysisFailureRate must be numbers or null';
  }
  const actions = outcomes.actions;
  if (
    !isRecord(actions) ||
    !isCount(actions.portal) ||
    !isCount(actions.elsewhere)
  ) {
    return 'outcomes.actions.portal and elsewhere must be counts';
  }
  return undefined;
}

/**
 * Reads the body of `GET /scorecards`. Throws when it is not an OrgScorecardResponse at all;
 * a malformed entity is rejected alone so the others still get facts.
 */
export function parseScorecardSummaries(
  body: unknown,
): ParsedScorecardSummaries {
  if (!isRecord(body) || !Array.isArray(body.entities)) {
    throw new Error('the response has no entities array');
  }
  const parsed: ParsedScorecardSummaries = { summaries: [], rejected: [] };
  for (const entity of body.entities) {
    if (!isRecord(entity)) {
      parsed.rejected.push({ reason: 'not an object' });
      continue;
    }
    const problem = summaryProblem(entity);
    if (problem) {
      parsed.rejected.push({
        entityRef:
          typeof entity.entityRef === 'string' ? entity.entityRef : undefined,
        reason: problem,
      });
    } else {
      parsed.summaries.push(entity as unknown as ScorecardSummary);
    }
  }
  return parsed;
}
