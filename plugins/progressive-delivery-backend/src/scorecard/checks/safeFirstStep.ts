import { formatWeight, perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS } from '../fixes';
import {
  addsHeaderRoute,
  addsMirrorRoute,
  BLUE_GREEN_PATH,
  CANARY_PATH,
  canaryOf,
  experimentWeight,
  fullWeight,
  hasTrafficRouting,
  stepPath,
} from '../strategy';
import { ClusterRollout, Finding, ScorecardCheckFn } from '../types';

/** Above this share of the traffic, a first step is not "small". */
export const SAFE_FIRST_WEIGHT_PERCENT = 25;

function judge(entry: ClusterRollout): Finding {
  const canary = canaryOf(entry.rollout);
  if (!canary) {
    return {
      result: 'n/a',
      evidence: [
        rolloutEvidence(
          entry,
          BLUE_GREEN_PATH,
          'blue-green switches all traffic at once by design; its safety comes from testing the preview',
        ),
      ],
    };
  }
  const steps = canary.steps ?? [];
  const full = fullWeight(canary);
  const routed = hasTrafficRouting(canary);
  for (const [i, step] of steps.entries()) {
    if (routed && addsHeaderRoute(step)) {
      const headers = step
        .setHeaderRoute!.match!.map(m => m.headerName)
        .join(', ');
      return {
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            stepPath(i, 'setHeaderRoute'),
            `the canary first gets only requests carrying the header ${headers}`,
          ),
        ],
      };
    }
    if (routed && addsMirrorRoute(step)) {
      return {
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            stepPath(i, 'setMirrorRoute'),
            'the canary first gets a mirrored copy of requests; users never see its answers',
          ),
        ],
      };
    }
    const experiment = experimentWeight(step);
    const weight =
      typeof step.setWeight === 'number' && step.setWeight > 0
        ? step.setWeight
        : experiment;
    if (weight > 0) {
      const field = stepPath(
        i,
        step.setWeight ? 'setWeight' : 'experiment.templates',
      );
      const share = (weight / full) * 100;
      const approx = routed
        ? ''
        : ' (without traffic routing, approximated by the share of pods)';
      const sends = `first step sends ${formatWeight(
        weight,
        full,
      )} of the traffic to the new version${approx}`;
      const safe = share <= SAFE_FIRST_WEIGHT_PERCENT;
      return {
        result: safe ? 'pass' : 'fail',
        evidence: [
          rolloutEvidence(
            entry,
            field,
            safe ? sends : `${sends}, more than ${SAFE_FIRST_WEIGHT_PERCENT}%`,
          ),
        ],
      };
    }
  }
  return {
    result: 'fail',
    evidence: [
      rolloutEvidence(
        entry,
        `${CANARY_PATH}.steps`,
        steps.length === 0
          ? 'no steps: the new version gets all traffic at once'
          : 'no step sends part of the traffic: the new version gets all of it after the last step',
      ),
    ],
  };
}

/** The first exposure is small: ≤ 25% of the traffic, or header-only / mirrored traffic. */
export const safeFirstStep: ScorecardCheckFn = input =>
  perRollout('safe-first-step', input, judge, {
    text: `Start small: make the first step setWeight: 10 (at most ${SAFE_FIRST_WEIGHT_PERCENT}), or route only requests with a test header to the canary first (setHeaderRoute).`,
    url: SCORECARD_DOCS.canary,
  });
