import { SloSummary } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { combineFindings } from '../findings';
import { SCORECARD_DOCS } from '../fixes';
import { Finding, ScorecardCheckFn } from '../types';
import { sloEvidence } from './sloExists';

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** Why an SLO is burning, in words: the tiers whose alert fires or whose windows exceed it. */
function burningTiers(slo: SloSummary): string {
  const tiers = slo.burnRates.filter(
    t => t.alertState === 'firing' || t.exceeded,
  );
  return tiers
    .map(
      t =>
        `${t.severity} ${t.factor}x tier (${t.short.window}/${t.long.window}) ${
          t.alertState === 'firing' ? 'alert firing' : 'above its threshold'
        }`,
    )
    .join(', ');
}

function judge(slo: SloSummary): Finding {
  const budget = slo.errorBudget;
  if (slo.status !== 'ok' || !budget || budget.status === 'no-data') {
    return {
      result: 'n/a',
      evidence: [
        sloEvidence(
          slo,
          `cannot be evaluated: ${
            slo.message ?? slo.reason ?? 'no data in the SLO window'
          }`,
        ),
      ],
    };
  }
  const left =
    budget.remaining === null ? 'unknown' : `${percent(budget.remaining)} left`;
  if (budget.status === 'exhausted' || budget.status === 'warning') {
    return {
      result: 'fail',
      evidence: [
        sloEvidence(
          slo,
          `error budget ${
            budget.status === 'exhausted' ? 'spent' : 'low'
          }: ${left}${slo.burning ? `; ${burningTiers(slo)}` : ''}`,
        ),
      ],
    };
  }
  if (slo.burning) {
    return {
      result: 'fail',
      evidence: [
        sloEvidence(
          slo,
          `burning the error budget (${left}): ${burningTiers(slo)}`,
        ),
      ],
    };
  }
  return {
    result: 'pass',
    evidence: [sloEvidence(slo, `error budget healthy: ${left}, not burning`)],
  };
}

/**
 * Every SLO with data keeps more than a quarter of its budget (`errorBudget.status` healthy)
 * and is not burning; SLOs whose state is unknown do not count.
 */
export const errorBudgetHealthy: ScorecardCheckFn = input =>
  combineFindings('error-budget-healthy', input.slos.map(judge), {
    text: 'Spend less of the error budget: hold risky releases, roll back what burns it, and fix the causes of errors until the budget recovers.',
    url: SCORECARD_DOCS.errorBudgetPolicy,
  });
