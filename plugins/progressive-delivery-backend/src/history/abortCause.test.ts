import { Rollout } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { abortCause } from './abortCause';

function aborted(status: Rollout['status']): Rollout {
  return {
    metadata: { name: 'web' },
    spec: { strategy: { canary: { steps: [] } } },
    status: { abort: true, abortedAt: '2026-11-26T10:00:00Z', ...status },
  };
}

const condition = (message: string) => ({
  conditions: [
    { type: 'Progressing', status: 'False', reason: 'RolloutAborted', message },
  ],
});

describe('abortCause', () => {
  it('is manual when the controller gives no reason', () => {
    expect(
      abortCause(aborted(condition('Rollout aborted update to revision 3'))),
    ).toBe('manual');
    expect(abortCause(aborted({}))).toBe('manual');
  });

  it('is analysis for a failed or errored run, in any controller version', () => {
    // upstream fixture rollout-aborted/rollout.yaml (an old controller: bare run message)
    expect(
      abortCause(
        aborted({
          canary: {
            currentBackgroundAnalysisRunStatus: {
              name: 'rollout-background-analysis-db976bc44-2',
              status: 'Failed',
              message:
                'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
            },
          },
          ...condition(
            'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
          ),
        }),
      ),
    ).toBe('analysis');
    expect(
      abortCause(
        aborted({
          blueGreen: {
            prePromotionAnalysisRunStatus: { name: 'pre', status: 'Error' },
          },
        }),
      ),
    ).toBe('analysis');
    expect(
      abortCause(
        aborted(
          condition(
            "Rollout aborted update to revision 3: Experiment 'web-exp' owned by the Rollout '\"web\"' has failed: Failed",
          ),
        ),
      ),
    ).toBe('analysis');
  });

  it('is the controller for other reasons (progress deadline)', () => {
    expect(
      abortCause(
        aborted(
          condition(
            'Rollout aborted update to revision 3: ReplicaSet "web-6d4f" has timed out progressing.',
          ),
        ),
      ),
    ).toBe('controller');
  });
});
