/**
 * Argo Rollouts controller model for the simulated clusters.
 *
 * `createRolloutController` returns a controller that watches the store and moves Rollouts,
 * AnalysisRuns, Experiments, ReplicaSets and Pods the way the Argo Rollouts controller (and the
 * Kubernetes ReplicaSet controller) would, reacting to the patches the kubectl plugin sends
 * (promote, promote --full, abort, retry, restart, pause, resume, undo). Timed work (pause
 * durations, measurement intervals, scale-down delays, auto-promotion) is scheduled on the
 * given clock.
 *
 * Simulated metric results: `options.metricOutcome` if given; otherwise `job` and `web` metrics
 * succeed and other providers read the annotation `simulator.pdelivery.dev/metric-outcome`
 * from the AnalysisRun, else its owner (Experiment / Rollout): `success`, `failure`,
 * `inconclusive`, `error`, or `failure-after:N` / `error-after:N` / `inconclusive-after:N`
 * (the first N measurements of each metric succeed, the rest take the given outcome);
 * default `success`.
 */
import { RolloutController, RolloutControllerOptions } from '../types';
import { RolloutControllerEngine } from './engine';

export {
  METRIC_OUTCOME_ANNOTATION,
  REDEPLOY_AFTER_ANNOTATION,
  REDEPLOY_IMAGES_ANNOTATION,
} from './engine';

export function createRolloutController(
  options: RolloutControllerOptions,
): RolloutController {
  const engine = new RolloutControllerEngine({
    store: options.store,
    clock: options.clock,
    clusterName: options.clusterName,
    metricOutcome: options.metricOutcome,
  });
  return {
    start: () => engine.start(),
    stop: () => engine.stop(),
    reconcileAll: () => engine.reconcileAll(),
  };
}
