import { perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import {
  BLUE_GREEN_PATH,
  CANARY_PATH,
  canaryOf,
  hasTrafficRouting,
} from '../strategy';
import { ClusterRollout, Finding, ScorecardCheckFn } from '../types';

/** The promotion scale-down delay, judged the same way for blue-green and routed canaries. */
function judgeDelay(
  entry: ClusterRollout,
  path: string,
  delay: number | undefined,
  abortDelay: number | undefined,
): Finding {
  const field = `${path}.scaleDownDelaySeconds`;
  if (delay === undefined || !(delay > 0)) {
    return {
      result: 'fail',
      evidence: [
        rolloutEvidence(
          entry,
          field,
          delay === undefined
            ? 'not set: the previous version is scaled down 30 seconds (the default) after a promotion; no rollback window was chosen'
            : `${delay}: the previous version is scaled down at once after a promotion`,
        ),
      ],
    };
  }
  let abort = '';
  if (abortDelay === 0) {
    abort =
      '; after an abort the new version is kept up for inspection (abortScaleDownDelaySeconds: 0)';
  } else if (abortDelay !== undefined) {
    abort = `; after an abort the new version is kept ${abortDelay}s (abortScaleDownDelaySeconds)`;
  }
  return {
    result: 'pass',
    evidence: [
      rolloutEvidence(
        entry,
        field,
        `the previous version stays up ${delay}s after a promotion: a rollback in that window only moves traffic${abort}`,
      ),
    ],
  };
}

function judge(entry: ClusterRollout): Finding {
  const canary = canaryOf(entry.rollout);
  if (!canary) {
    const bg = entry.rollout.spec.strategy.blueGreen!;
    return judgeDelay(
      entry,
      BLUE_GREEN_PATH,
      bg.scaleDownDelaySeconds,
      bg.abortScaleDownDelaySeconds,
    );
  }
  if (!hasTrafficRouting(canary)) {
    return {
      result: 'fail',
      evidence: [
        rolloutEvidence(
          entry,
          `${CANARY_PATH}.trafficRouting`,
          'no traffic routing: the old version is scaled down as the new one comes up, so a rollback is a new rolling update',
        ),
      ],
      fix: {
        text: 'Add traffic routing (Istio, NGINX, ALB, SMI, ...) and set scaleDownDelaySeconds, so a rollback only moves traffic back to pods that still run.',
        url: SCORECARD_DOCS.trafficManagement,
        templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
      },
    };
  }
  if (canary.dynamicStableScale) {
    return {
      result: 'fail',
      evidence: [
        rolloutEvidence(
          entry,
          `${CANARY_PATH}.dynamicStableScale`,
          'the stable version is scaled down as the canary grows: an abort has to wait for it to scale back up before traffic returns',
        ),
      ],
      fix: {
        text: 'Leave dynamicStableScale off where the extra pods are affordable: the stable version then stays at full size and an abort moves traffic back at once.',
        url: SCORECARD_DOCS.canary,
      },
    };
  }
  return judgeDelay(
    entry,
    CANARY_PATH,
    canary.scaleDownDelaySeconds,
    canary.abortScaleDownDelaySeconds,
  );
}

/** The previous version stays up after promotion, so a rollback only moves traffic. */
export const fastRollback: ScorecardCheckFn = input =>
  perRollout('fast-rollback', input, judge, {
    text: 'Set scaleDownDelaySeconds (e.g. 600) so the previous version stays up after a promotion and a rollback only moves traffic.',
    url: SCORECARD_DOCS.scaleDownDelay,
  });
