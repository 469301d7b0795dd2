import * as api from './index';

describe('package index', () => {
  it('exports the status model, step and analysis descriptions, action rules and guards', () => {
    for (const name of [
      'describeRollout',
      'rolloutPhase',
      'calculateRolloutPhase',
      'describeSteps',
      'describeAnalysisRun',
      'availableActions',
      'isActionAvailable',
      'isRollout',
      'isReplicaSet',
      'isPod',
      'isAnalysisRun',
      'isExperiment',
      'isDeployment',
      'isServiceLevelObjective',
      'describePod',
      'humanDuration',
      'durationSeconds',
      // existing exports stay
      'ROLLOUT_ACTIONS',
      'isRolloutAction',
      'rolloutReadPermission',
      'isProgressiveDeliveryAvailable',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name]).toMatch(
        /function|object/,
      );
    }
  });
});
