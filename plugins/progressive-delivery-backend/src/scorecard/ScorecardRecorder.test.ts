import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  SCORECARD_SNAPSHOT_TASK_ID,
  scheduleScorecardSnapshots,
} from './ScorecardRecorder';
import { ScorecardService } from './ScorecardService';

describe('scheduleScorecardSnapshots', () => {
  it('schedules an hourly global task that records every entity as the plugin itself', async () => {
    const scheduler = mockServices.scheduler.mock();
    const auth = mockServices.auth.mock();
    const credentials = mockCredentials.service('plugin:progressive-delivery');
    auth.getOwnServiceCredentials.mockResolvedValue(credentials);
    const recordAll = jest.fn().mockResolvedValue(3);
    const logger = mockServices.logger.mock();
    await scheduleScorecardSnapshots({
      scheduler,
      auth,
      logger,
      scorecards: { recordAll } as unknown as ScorecardService,
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: SCORECARD_SNAPSHOT_TASK_ID,
      scope: 'global',
      frequency: { hours: 1 },
      initialDelay: { minutes: 1 },
    });
    await task.fn(new AbortController().signal);
    expect(recordAll).toHaveBeenCalledWith(credentials);
    expect(logger.info).toHaveBeenCalledWith(
      'Scorecard history: recorded 3 entities',
    );
  });
});
