import { CanaryStep } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { formatWeight, perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS } from '../fixes';
import {
  BLUE_GREEN_PATH,
  CANARY_PATH,
  canaryOf,
  fullWeight,
  isIndefinitePause,
  stepPath,
  weightsAtSteps,
} from '../strategy';
import { ClusterRollout, Finding, ScorecardCheckFn } from '../types';

function runsAnalysis(step: CanaryStep): boolean {
  return (
    (step.analysis?.templates ?? []).some(t => t.templateName) ||
    (step.experiment?.analyses ?? []).some(a => a.templateName)
  );
}

function judge(entry: ClusterRollout): Finding {
  const canary = canaryOf(entry.rollout);
  if (!canary) {
    const bg = entry.rollout.spec.strategy.blueGreen!;
    if (bg.autoPromotionEnabled !== false) {
      return {
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            `${BLUE_GREEN_PATH}.autoPromotionEnabled`,
            'promotion is automatic: no manual pause',
          ),
        ],
      };
    }
    const analyses = [
      (bg.prePromotionAnalysis?.templates ?? []).length > 0 &&
        'pre-promotion analysis',
      (bg.postPromotionAnalysis?.templates ?? []).length > 0 &&
        'post-promotion analysis',
    ].filter((a): a is string => Boolean(a));
    return analyses.length > 0
      ? {
          result: 'pass',
          evidence: [
            rolloutEvidence(
              entry,
              `${BLUE_GREEN_PATH}.autoPromotionEnabled`,
              `manual promotion, guarded by ${analyses.join(' and ')}`,
            ),
          ],
        }
      : {
          result: 'fail',
          evidence: [
            rolloutEvidence(
              entry,
              `${BLUE_GREEN_PATH}.autoPromotionEnabled`,
              'manual promotion (autoPromotionEnabled: false) with no pre- or post-promotion analysis: the switch to the new version rests on a person alone',
            ),
          ],
          fix: {
            text: 'Add prePromotionAnalysis (checks the preview before the person promotes) or postPromotionAnalysis (rolls back a bad switch).',
            url: SCORECARD_DOCS.blueGreen,
          },
        };
  }

  const steps = canary.steps ?? [];
  const full = fullWeight(canary);
  const weights = weightsAtSteps(steps);
  const background = (canary.analysis?.templates ?? []).some(
    t => t.templateName,
  );
  const backgroundFrom = canary.analysis?.startingStep ?? 0;
  const findings: Finding[] = [];
  for (const [i, step] of steps.entries()) {
    // A pause once the canary has all traffic releases none.
    if (!isIndefinitePause(step) || weights[i] >= full) continue;
    const field = stepPath(i, 'pause');
    const at = formatWeight(weights[i], full);
    if (background && i >= backgroundFrom) {
      findings.push({
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            field,
            `waits for a person at ${at}; background analysis watches from step ${
              backgroundFrom + 1
            } on`,
          ),
        ],
      });
      continue;
    }
    // The steps at the pause's weight (from the setWeight that set it) and every later one
    // short of full traffic.
    let stageStart = i;
    while (stageStart > 0 && typeof steps[stageStart].setWeight !== 'number') {
      stageStart--;
    }
    const guard = steps.findIndex(
      (s, j) => j >= stageStart && weights[j] < full && runsAnalysis(s),
    );
    findings.push(
      guard >= 0
        ? {
            result: 'pass',
            evidence: [
              rolloutEvidence(
                entry,
                field,
                `waits for a person at ${at}; the analysis of step ${
                  guard + 1
                } checks the canary before full traffic`,
              ),
            ],
          }
        : {
            result: 'fail',
            evidence: [
              rolloutEvidence(
                entry,
                field,
                `waits for a person at ${at}, and no analysis runs at this weight or later before full traffic: the promotion rests on a person alone`,
              ),
            ],
          },
    );
  }
  if (findings.length === 0) {
    return {
      result: 'pass',
      evidence: [
        rolloutEvidence(
          entry,
          `${CANARY_PATH}.steps`,
          'no pause without duration before full traffic',
        ),
      ],
    };
  }
  const failed = findings.filter(f => f.result === 'fail');
  return {
    result: failed.length > 0 ? 'fail' : 'pass',
    evidence: [...failed, ...findings.filter(f => f.result === 'pass')].flatMap(
      f => f.evidence,
    ),
  };
}

/** Every `pause: {}` before full traffic is watched by an analysis (see the check's description). */
export const noUnguardedManualPause: ScorecardCheckFn = input =>
  perRollout('no-unguarded-manual-pause', input, judge, {
    text: 'Guard manual pauses: add background analysis (spec.strategy.canary.analysis) or an analysis step after the pause, or replace pause: {} with a timed pause followed by analysis.',
    url: SCORECARD_DOCS.analysis,
  });
