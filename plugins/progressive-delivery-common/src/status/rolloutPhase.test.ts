import { Rollout, RolloutStatus } from '../kubernetes/rollout';
import {
  calculateRolloutPhase,
  isGenerationObserved,
  rolloutPhase,
} from './rolloutPhase';

/** A healthy canary without traffic routing; tests override what their branch needs. */
function canary(
  status: RolloutStatus = {},
  spec: Partial<Rollout['spec']> = {},
  generation = 3,
): Rollout {
  return {
    metadata: { name: 'ro', generation },
    spec: {
      replicas: 2,
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
      ...spec,
    },
    status: {
      observedGeneration: '3',
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      stableRS: 'abc',
      currentPodHash: 'abc',
      ...status,
    },
  };
}

function blueGreen(status: RolloutStatus = {}, postAnalysis = false): Rollout {
  return {
    metadata: { name: 'bg', generation: 1 },
    spec: {
      replicas: 1,
      strategy: {
        blueGreen: {
          activeService: 'active',
          ...(postAnalysis
            ? { postPromotionAnalysis: { templates: [{ templateName: 't' }] } }
            : {}),
        },
      },
    },
    status: {
      observedGeneration: '1',
      replicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
      currentPodHash: 'new',
      stableRS: 'new',
      blueGreen: { activeSelector: 'new' },
      ...status,
    },
  };
}

describe('rolloutPhase (reference §1.1, first match wins)', () => {
  it('i. healthy when nothing is pending', () => {
    expect(rolloutPhase(canary())).toEqual({ status: 'Healthy', message: '' });
    expect(rolloutPhase(blueGreen())).toEqual({
      status: 'Healthy',
      message: '',
    });
  });

  describe('1. generation not observed', () => {
    it('is Progressing when the numeric observedGeneration is behind', () => {
      expect(
        rolloutPhase(canary({ observedGeneration: '2', phase: 'Healthy' })),
      ).toEqual({
        status: 'Progressing',
        message: 'waiting for rollout spec update to be observed',
      });
    });
    it('counts a v0.9 spec hash as observed', () => {
      const ro = canary({ observedGeneration: '7d8f9c6b5' });
      expect(isGenerationObserved(ro)).toBe(true);
      expect(rolloutPhase(ro).status).toBe('Healthy');
    });
    it('counts a number above the generation as observed', () => {
      expect(isGenerationObserved(canary({ observedGeneration: '9' }))).toBe(
        true,
      );
    });
    it('counts a missing observedGeneration as observed', () => {
      expect(
        isGenerationObserved(canary({ observedGeneration: undefined })),
      ).toBe(true);
    });
    it('outranks everything else, even InvalidSpec', () => {
      const ro = canary({
        observedGeneration: '1',
        conditions: [{ type: 'InvalidSpec', status: 'True', message: 'bad' }],
      });
      expect(rolloutPhase(ro).message).toBe(
        'waiting for rollout spec update to be observed',
      );
    });
  });

  it('2. unpausing: controllerPause with no pause conditions', () => {
    expect(
      rolloutPhase(canary({ controllerPause: true, pauseConditions: [] })),
    ).toEqual({
      status: 'Progressing',
      message: 'waiting for rollout to unpause',
    });
    // With a pause condition it is simply paused.
    expect(
      rolloutPhase(
        canary({
          controllerPause: true,
          pauseConditions: [
            { reason: 'CanaryPauseStep', startTime: '2024-01-01T00:00:00Z' },
          ],
        }),
      ),
    ).toEqual({ status: 'Paused', message: 'CanaryPauseStep' });
  });

  it('3. ignores the workloadRef generation annotation, like every client', () => {
    const ro = canary({ workloadObservedGeneration: '1' });
    ro.metadata.annotations = {
      'rollout.argoproj.io/workload-generation': '2',
    };
    expect(rolloutPhase(ro).status).toBe('Healthy');
  });

  it('4. returns a controller-computed phase and message unchanged', () => {
    expect(
      rolloutPhase(
        canary({
          phase: 'Paused',
          message: 'CanaryPauseStep',
          updatedReplicas: 0,
        }),
      ),
    ).toEqual({ status: 'Paused', message: 'CanaryPauseStep' });
    expect(rolloutPhase(canary({ phase: 'Degraded' }))).toEqual({
      status: 'Degraded',
      message: '',
    });
  });

  describe('5. fallback for controllers without status.phase', () => {
    it('a. InvalidSpec condition → Degraded with its message', () => {
      expect(
        rolloutPhase(
          canary({
            conditions: [
              { type: 'Available', status: 'True', reason: 'AvailableReason' },
              {
                type: 'InvalidSpec',
                status: 'True',
                reason: 'InvalidSpec',
                message: 'no selector',
              },
            ],
          }),
        ),
      ).toEqual({ status: 'Degraded', message: 'InvalidSpec: no selector' });
    });
    it('a. RolloutAborted reason → Degraded "<reason>: <message>"', () => {
      expect(
        rolloutPhase(
          canary({
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'RolloutAborted',
                message: 'analysis failed',
              },
            ],
          }),
        ),
      ).toEqual({
        status: 'Degraded',
        message: 'RolloutAborted: analysis failed',
      });
    });
    it('a. ProgressDeadlineExceeded → Degraded, outranking a pause', () => {
      expect(
        rolloutPhase(
          canary(
            {
              conditions: [
                {
                  type: 'Progressing',
                  status: 'False',
                  reason: 'ProgressDeadlineExceeded',
                  message: 'timed out',
                },
              ],
              pauseConditions: [
                {
                  reason: 'InconclusiveAnalysisRun',
                  startTime: '2024-01-01T00:00:00Z',
                },
              ],
            },
            { paused: true },
          ),
        ),
      ).toEqual({
        status: 'Degraded',
        message: 'ProgressDeadlineExceeded: timed out',
      });
    });
    it('a. takes the first matching condition in order', () => {
      expect(
        rolloutPhase(
          canary({
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'RolloutAborted',
                message: 'first',
              },
              { type: 'InvalidSpec', status: 'True', message: 'second' },
            ],
          }),
        ).message,
      ).toBe('RolloutAborted: first');
    });
    it('b. spec.paused → Paused "manually paused" (before pause conditions)', () => {
      expect(
        rolloutPhase(
          canary(
            {
              pauseConditions: [
                {
                  reason: 'CanaryPauseStep',
                  startTime: '2024-01-01T00:00:00Z',
                },
              ],
            },
            { paused: true },
          ),
        ),
      ).toEqual({ status: 'Paused', message: 'manually paused' });
    });
    it.each([
      'CanaryPauseStep',
      'BlueGreenPause',
      'InconclusiveAnalysisRun',
      'InconclusiveExperiment',
    ])('c. first pause condition %s → Paused with the reason', reason => {
      expect(
        rolloutPhase(
          canary({
            pauseConditions: [
              { reason, startTime: '2024-01-01T00:00:00Z' },
              { reason: 'Other', startTime: '2024-01-01T00:00:00Z' },
            ],
          }),
        ),
      ).toEqual({ status: 'Paused', message: reason });
    });
    it('d. restartAt not yet reached → "rollout is restarting"', () => {
      const restartAt = '2024-05-01T10:00:00Z';
      expect(rolloutPhase(canary({}, { restartAt }))).toEqual({
        status: 'Progressing',
        message: 'rollout is restarting',
      });
      expect(
        rolloutPhase(
          canary({ restartedAt: '2024-04-01T10:00:00Z' }, { restartAt }),
        ).message,
      ).toBe('rollout is restarting');
      // The same instant written differently counts as done.
      expect(
        rolloutPhase(
          canary({ restartedAt: '2024-05-01T10:00:00.000Z' }, { restartAt }),
        ).status,
      ).toBe('Healthy');
    });
    it('e. fewer updated replicas than desired (spec.replicas defaults to 1)', () => {
      expect(rolloutPhase(canary({ updatedReplicas: 1 }))).toEqual({
        status: 'Progressing',
        message: 'more replicas need to be updated',
      });
      const noReplicas = canary({
        updatedReplicas: 0,
        availableReplicas: 0,
        replicas: 0,
      });
      delete noReplicas.spec.replicas;
      expect(rolloutPhase(noReplicas).message).toBe(
        'more replicas need to be updated',
      );
    });
    it('f. updated replicas not yet available', () => {
      expect(rolloutPhase(canary({ availableReplicas: 1 }))).toEqual({
        status: 'Progressing',
        message: 'updated replicas are still becoming available',
      });
    });
    it('g. blue-green: active service not yet switched', () => {
      expect(
        rolloutPhase(blueGreen({ blueGreen: { activeSelector: 'old' } })),
      ).toEqual({
        status: 'Progressing',
        message: 'active service cutover pending',
      });
      expect(rolloutPhase(blueGreen({ blueGreen: {} })).message).toBe(
        'active service cutover pending',
      );
    });
    it('g. blue-green: switched, post-promotion analysis still running', () => {
      expect(
        rolloutPhase(
          blueGreen(
            {
              stableRS: 'old',
              blueGreen: {
                activeSelector: 'new',
                postPromotionAnalysisRunStatus: {
                  name: 'r',
                  status: 'Running',
                },
              },
            },
            true,
          ),
        ),
      ).toEqual({
        status: 'Progressing',
        message: 'waiting for analysis to complete',
      });
      // Not started yet counts the same.
      expect(rolloutPhase(blueGreen({ stableRS: 'old' }, true)).message).toBe(
        'waiting for analysis to complete',
      );
    });
    it('g. blue-green: switched, analysis done or absent, stable not yet moved', () => {
      expect(
        rolloutPhase(
          blueGreen(
            {
              stableRS: 'old',
              blueGreen: {
                activeSelector: 'new',
                postPromotionAnalysisRunStatus: {
                  name: 'r',
                  status: 'Successful',
                },
              },
            },
            true,
          ),
        ).message,
      ).toBe('waiting for post-promotion verification to complete');
      expect(rolloutPhase(blueGreen({ stableRS: '' })).message).toBe(
        'waiting for post-promotion verification to complete',
      );
    });
    it('h. basic canary: old replicas still running', () => {
      expect(rolloutPhase(canary({ replicas: 3 }))).toEqual({
        status: 'Progressing',
        message: 'old replicas are pending termination',
      });
    });
    it('h. canary with traffic routing does not wait for old replicas', () => {
      const ro = canary({ replicas: 3 });
      ro.spec.strategy.canary!.trafficRouting = { smi: {} };
      expect(rolloutPhase(ro).status).toBe('Healthy');
    });
    it('h. canary: steps not finished (stableRS differs or is empty)', () => {
      expect(rolloutPhase(canary({ stableRS: 'old' }))).toEqual({
        status: 'Progressing',
        message: 'waiting for all steps to complete',
      });
      expect(rolloutPhase(canary({ stableRS: undefined })).message).toBe(
        'waiting for all steps to complete',
      );
    });
    it('handles a rollout with no status at all', () => {
      const ro = canary();
      delete ro.status;
      expect(calculateRolloutPhase(ro)).toEqual({
        status: 'Progressing',
        message: 'more replicas need to be updated',
      });
    });
  });
});
