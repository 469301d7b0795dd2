import {
  CanaryStep,
  CanaryStrategy,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

export const CANARY_PATH = 'spec.strategy.canary';
export const BLUE_GREEN_PATH = 'spec.strategy.blueGreen';

export function stepPath(index: number, field?: string): string {
  return `${CANARY_PATH}.steps[${index}]${field ? `.${field}` : ''}`;
}

/** The canary strategy, or undefined for blue-green. */
export function canaryOf(rollout: Rollout): CanaryStrategy | undefined {
  return rollout.spec?.strategy?.blueGreen
    ? undefined
    : rollout.spec?.strategy?.canary ?? {};
}

/** The weight meaning "all traffic" (`maxTrafficWeight`, v1.7; default 100). */
export function fullWeight(canary: CanaryStrategy): number {
  const max = canary.trafficRouting?.maxTrafficWeight;
  return typeof max === 'number' && max > 0 ? max : 100;
}

export function hasTrafficRouting(canary: CanaryStrategy): boolean {
  return Boolean(canary.trafficRouting);
}

/** A pause that waits for a person: `pause: {}` (no duration). */
export function isIndefinitePause(step: CanaryStep): boolean {
  return Boolean(
    step.pause &&
      (step.pause.duration === undefined || step.pause.duration === null),
  );
}

/** The canary weight set while each step runs (the last `setWeight` at or before it). */
export function weightsAtSteps(steps: CanaryStep[]): number[] {
  let weight = 0;
  return steps.map(step => {
    if (typeof step.setWeight === 'number') weight = step.setWeight;
    return weight;
  });
}

/** Traffic an experiment step sends to its pods (weighted experiments, v1.1). */
export function experimentWeight(step: CanaryStep): number {
  return (step.experiment?.templates ?? []).reduce(
    (sum, t) => sum + (typeof t.weight === 'number' ? t.weight : 0),
    0,
  );
}

/** The first step that sends user traffic to the new version (by weight), if any. */
export function firstTrafficStep(
  steps: CanaryStep[],
): { index: number; weight: number; field: string } | undefined {
  for (const [index, step] of steps.entries()) {
    if (typeof step.setWeight === 'number' && step.setWeight > 0) {
      return { index, weight: step.setWeight, field: 'setWeight' };
    }
    const experiment = experimentWeight(step);
    if (experiment > 0) {
      return { index, weight: experiment, field: 'experiment.templates' };
    }
  }
  return undefined;
}

/** Header routes add a route only with a match; without one they remove it. */
export function addsHeaderRoute(step: CanaryStep): boolean {
  return (step.setHeaderRoute?.match?.length ?? 0) > 0;
}

export function addsMirrorRoute(step: CanaryStep): boolean {
  return (step.setMirrorRoute?.match?.length ?? 0) > 0;
}
