import {
  analysisUses,
  describeUseKind,
  resolveTemplate,
  templateLabel,
} from '../analysisRefs';
import { perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import { BLUE_GREEN_PATH, CANARY_PATH } from '../strategy';
import { ScorecardCheckFn } from '../types';

/** Some analysis (step, background, experiment, blue-green pre/post) decides on the new version. */
export const automatedAnalysis: ScorecardCheckFn = input =>
  perRollout(
    'automated-analysis',
    input,
    entry => {
      const uses = analysisUses(entry.rollout);
      if (uses.length === 0) {
        const blueGreen = Boolean(entry.rollout.spec.strategy.blueGreen);
        return {
          result: 'fail',
          evidence: [
            rolloutEvidence(
              entry,
              blueGreen ? BLUE_GREEN_PATH : CANARY_PATH,
              blueGreen
                ? 'no pre- or post-promotion analysis: only people decide whether the new version is good'
                : 'no analysis step, background analysis or experiment analysis: only people decide whether the canary is good',
            ),
          ],
          ...(blueGreen
            ? {
                fix: {
                  text: 'Add prePromotionAnalysis (tests the preview before the switch) or postPromotionAnalysis with a Prometheus AnalysisTemplate.',
                  url: SCORECARD_DOCS.blueGreen,
                },
              }
            : {}),
        };
      }
      return {
        result: 'pass',
        evidence: uses.map(use => {
          const found = resolveTemplate(input.template, entry, use);
          return rolloutEvidence(
            entry,
            use.field,
            `${describeUseKind(use.kind)} with ${templateLabel(use.ref)}${
              found
                ? ''
                : ' (not found in the cluster: the analysis will error)'
            }`,
          );
        }),
      };
    },
    {
      text: 'Add an analysis step or background analysis with a Prometheus AnalysisTemplate, so a bad canary is aborted automatically.',
      url: SCORECARD_DOCS.analysis,
      templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
    },
  );
