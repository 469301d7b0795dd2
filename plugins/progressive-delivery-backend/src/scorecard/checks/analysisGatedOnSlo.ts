import { queriesSloOrBurnRate } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { queriesOf } from '../../slo/analysisGating';
import {
  analysisUses,
  describeUseKind,
  resolveTemplate,
  templateLabel,
} from '../analysisRefs';
import { perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import { ScorecardCheckFn } from '../types';

/**
 * At least one referenced AnalysisTemplate queries SLO or burn-rate series (the rule of the
 * rollouts view's "gated on error budget", src/slo/analysisGating.ts). A rollout without
 * analysis fails: it is not gated on anything.
 */
export const analysisGatedOnSlo: ScorecardCheckFn = input =>
  perRollout(
    'analysis-gated-on-slo',
    input,
    entry => {
      const uses = analysisUses(entry.rollout);
      if (uses.length === 0) {
        return {
          result: 'fail',
          evidence: [
            rolloutEvidence(
              entry,
              'spec.strategy',
              'no analysis, so nothing reads the SLO',
            ),
          ],
        };
      }
      const evidence = uses.map(use => {
        const template = resolveTemplate(input.template, entry, use);
        const gated =
          template !== undefined &&
          queriesOf(template).some(queriesSloOrBurnRate);
        let detail = `${describeUseKind(use.kind)}: ${templateLabel(use.ref)} `;
        if (!template) detail += 'is not in the cluster';
        else if (gated) detail += 'queries SLO / burn-rate series';
        else detail += 'does not query SLO or burn-rate series';
        return { gated, evidence: rolloutEvidence(entry, use.field, detail) };
      });
      const anyGated = evidence.some(e => e.gated);
      return {
        result: anyGated ? 'pass' : 'fail',
        // Pass: the gating templates first; fail: every template looked at.
        evidence: [
          ...evidence.filter(e => e.gated),
          ...evidence.filter(e => !e.gated),
        ].map(e => e.evidence),
      };
    },
    {
      text: 'Gate the analysis on the SLO: query Pyrra\'s burn-rate recording rules (e.g. <metric>:burnrate5m{slo="<name>"}) in the AnalysisTemplate, and fail above the fast-burn threshold.',
      url: SCORECARD_DOCS.prometheus,
      templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
    },
  );
