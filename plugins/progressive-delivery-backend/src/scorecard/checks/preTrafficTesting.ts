import { CanaryStep } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { formatWeight, perRollout, rolloutEvidence } from '../findings';
import { SCORECARD_DOCS, SCORECARD_TEMPLATE_REFS } from '../fixes';
import {
  addsHeaderRoute,
  addsMirrorRoute,
  BLUE_GREEN_PATH,
  CANARY_PATH,
  canaryOf,
  firstTrafficStep,
  fullWeight,
  hasTrafficRouting,
  stepPath,
} from '../strategy';
import { ClusterRollout, Finding, ScorecardCheckFn } from '../types';

/** What a step does to test the canary while it has no traffic, as [field, words]. */
function testAtZero(step: CanaryStep): [string, string] | undefined {
  const scale = step.setCanaryScale;
  if (
    scale &&
    !scale.matchTrafficWeight &&
    ((scale.replicas ?? 0) > 0 || (scale.weight ?? 0) > 0)
  ) {
    return [
      'setCanaryScale',
      `canary pods run (${
        scale.replicas !== undefined
          ? `${scale.replicas} replica${scale.replicas === 1 ? '' : 's'}`
          : `${scale.weight}% of the replicas`
      }) before any traffic reaches them`,
    ];
  }
  if (addsHeaderRoute(step)) {
    return [
      'setHeaderRoute',
      `only requests carrying ${step
        .setHeaderRoute!.match!.map(m => m.headerName)
        .join(', ')} reach the canary at weight 0`,
    ];
  }
  if (addsMirrorRoute(step)) {
    return [
      'setMirrorRoute',
      'a mirrored copy of requests reaches the canary at weight 0',
    ];
  }
  if ((step.experiment?.analyses ?? []).length > 0) {
    return [
      'experiment',
      'an experiment runs the new version with analyses before it gets traffic',
    ];
  }
  return undefined;
}

function judge(entry: ClusterRollout): Finding {
  const canary = canaryOf(entry.rollout);
  if (!canary) {
    const bg = entry.rollout.spec.strategy.blueGreen!;
    if ((bg.prePromotionAnalysis?.templates ?? []).length > 0) {
      return {
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            `${BLUE_GREEN_PATH}.prePromotionAnalysis`,
            'pre-promotion analysis tests the new version before the switch',
          ),
        ],
      };
    }
    if (bg.previewService && bg.autoPromotionEnabled === false) {
      return {
        result: 'pass',
        evidence: [
          rolloutEvidence(
            entry,
            `${BLUE_GREEN_PATH}.previewService`,
            `preview Service ${bg.previewService} lets people test the new version before they promote it`,
          ),
        ],
      };
    }
    return {
      result: 'fail',
      evidence: [
        rolloutEvidence(
          entry,
          BLUE_GREEN_PATH,
          bg.previewService
            ? 'the preview is promoted automatically, without pre-promotion analysis'
            : 'no preview Service and no pre-promotion analysis',
        ),
      ],
      fix: {
        text: 'Add prePromotionAnalysis against the preview Service, so the new version is tested before the switch.',
        url: SCORECARD_DOCS.blueGreen,
      },
    };
  }
  const steps = canary.steps ?? [];
  const routed = hasTrafficRouting(canary);
  const traffic = firstTrafficStep(steps);
  const end = traffic?.index ?? steps.length;
  for (let i = 0; i < end; i++) {
    const test = testAtZero(steps[i]);
    if (!test) continue;
    const [field, words] = test;
    if (!routed && field !== 'experiment') {
      return {
        result: 'fail',
        evidence: [
          rolloutEvidence(
            entry,
            stepPath(i, field),
            `${field} needs spec.strategy.canary.trafficRouting; the controller refuses it without`,
          ),
        ],
        fix: {
          text: 'Add traffic routing (e.g. Istio or NGINX) so the canary can be tested at weight 0.',
          url: SCORECARD_DOCS.trafficManagement,
        },
      };
    }
    return {
      result: 'pass',
      evidence: [rolloutEvidence(entry, stepPath(i, field), words)],
    };
  }
  return {
    result: 'fail',
    evidence: [
      rolloutEvidence(
        entry,
        traffic
          ? stepPath(traffic.index, traffic.field)
          : `${CANARY_PATH}.steps`,
        traffic
          ? `users reach the new version at step ${
              traffic.index + 1
            } (${formatWeight(
              traffic.weight,
              fullWeight(canary),
            )}) before anything tests it`
          : 'nothing tests the new version before it gets all traffic',
      ),
    ],
  };
}

/** The new version is tested before users reach it (see the check's description). */
export const preTrafficTesting: ScorecardCheckFn = input =>
  perRollout('pre-traffic-testing', input, judge, {
    text: 'Before the first setWeight, scale the canary up at weight 0 (setWeight: 0, setCanaryScale: {replicas: 1}) and route a test header to it (setHeaderRoute), then run an analysis.',
    url: SCORECARD_DOCS.canaryScale,
    templateRef: SCORECARD_TEMPLATE_REFS.addRollout,
  });
