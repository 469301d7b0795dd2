import { formatWeight, perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import {
  BLUE_GREEN_PATH,
  CANARY_PATH,
  canaryOf,
  fullWeight,
} from '../strategy';
import { ClusterRollout, Finding, ScorecardCheckFn } from '../types';

function judge(entry: ClusterRollout): Finding {
  const { rollout } = entry;
  const canary = canaryOf(rollout);
  if (!canary) {
    const bg = rollout.spec.strategy.blueGreen!;
    const gates: string[] = [];
    if ((bg.prePromotionAnalysis?.templates ?? []).length > 0) {
      gates.push('pre-promotion analysis');
    }
    if (bg.autoPromotionEnabled === false) gates.push('manual promotion');
    if (
      bg.autoPromotionEnabled !== false &&
      typeof bg.autoPromotionSeconds === 'number' &&
      bg.autoPromotionSeconds > 0
    ) {
      gates.push(`a ${bg.autoPromotionSeconds}s hold before promotion`);
    }
    return gates.length > 0
      ? {
          result: 'pass',
          evidence: [
            rolloutEvidence(
              entry,
              BLUE_GREEN_PATH,
              `blue-green: promotion waits for ${gates.join(' and ')}`,
            ),
          ],
        }
      : {
          result: 'fail',
          evidence: [
            rolloutEvidence(
              entry,
              `${BLUE_GREEN_PATH}.autoPromotionEnabled`,
              'blue-green promotes as soon as the new version is ready: no pre-promotion analysis, no manual promotion, no autoPromotionSeconds',
            ),
          ],
          fix: {
            text: 'Gate the blue-green promotion: add prePromotionAnalysis, or set autoPromotionEnabled: false (or autoPromotionSeconds).',
            url: SCORECARD_DOCS.blueGreen,
          },
        };
  }
  const steps = canary.steps ?? [];
  const full = fullWeight(canary);
  const staged = steps.filter(
    s => !(typeof s.setWeight === 'number' && s.setWeight >= full),
  );
  if (staged.length === 0) {
    return {
      result: 'fail',
      evidence: [
        rolloutEvidence(
          entry,
          `${CANARY_PATH}.steps`,
          steps.length === 0
            ? 'canary without steps: the new version replaces the old one like a rolling update'
            : `every step sets the weight to ${formatWeight(full, full)}`,
        ),
      ],
    };
  }
  return {
    result: 'pass',
    evidence: [
      rolloutEvidence(
        entry,
        `${CANARY_PATH}.steps`,
        `canary with ${steps.length} step${steps.length === 1 ? '' : 's'}`,
      ),
    ],
  };
}

/** The new version is released in stages (see the check's description for blue-green). */
export const strategyWithSteps: ScorecardCheckFn = input =>
  perRollout('strategy-with-steps', input, judge, {
    text: 'Add canary steps: shift traffic in stages (e.g. 10%, 25%, 50%) with pauses or analysis between them.',
    url: SCORECARD_DOCS.canary,
    templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
  });
