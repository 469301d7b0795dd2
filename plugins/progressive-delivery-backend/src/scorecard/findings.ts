import {
  SCORECARD_CHECK_DEFINITIONS,
  ScorecardCheck,
  ScorecardCheckId,
  ScorecardEvidence,
  ScorecardFix,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ClusterRollout, Finding, ScorecardInput } from './types';

/** Evidence pointing at a field of a Rollout. */
export function rolloutEvidence(
  { cluster, rollout }: ClusterRollout,
  field: string | undefined,
  detail: string,
): ScorecardEvidence {
  return {
    cluster,
    kind: 'Rollout',
    namespace: rollout.metadata.namespace,
    name: rollout.metadata.name ?? '',
    ...(field ? { field } : {}),
    detail,
  };
}

/** A check result with its title and rule from the shared definitions. */
export function checkResult(
  id: ScorecardCheckId,
  result: ScorecardCheck['result'],
  evidence: ScorecardEvidence[],
  fix: ScorecardFix,
): ScorecardCheck {
  const { title, description } = SCORECARD_CHECK_DEFINITIONS[id];
  return { id, title, description, result, evidence, fix };
}

/**
 * Combines findings on several objects: `fail` when any fails, `pass` when the rest pass, `n/a`
 * when nothing applies. Failing evidence comes first; the fix is that of the first failure.
 */
export function combineFindings(
  id: ScorecardCheckId,
  findings: Finding[],
  fix: ScorecardFix,
): ScorecardCheck {
  const failed = findings.filter(f => f.result === 'fail');
  const passed = findings.filter(f => f.result === 'pass');
  const rest = findings.filter(f => f.result === 'n/a');
  let result: ScorecardCheck['result'] = 'n/a';
  if (failed.length > 0) result = 'fail';
  else if (passed.length > 0) result = 'pass';
  return checkResult(
    id,
    result,
    [...failed, ...passed, ...rest].flatMap(f => f.evidence),
    failed.find(f => f.fix)?.fix ?? fix,
  );
}

/** A check judged rollout by rollout: every rollout must pass; `n/a` without rollouts. */
export function perRollout(
  id: ScorecardCheckId,
  input: ScorecardInput,
  judge: (rollout: ClusterRollout) => Finding,
  fix: ScorecardFix,
): ScorecardCheck {
  return combineFindings(id, input.rollouts.map(judge), fix);
}

/** `50%`, or `5 of 20 (25%)` when the full weight is not 100. */
export function formatWeight(weight: number, full: number): string {
  if (full === 100) return `${weight}%`;
  return `${weight} of ${full} (${Math.round((weight / full) * 1000) / 10}%)`;
}
