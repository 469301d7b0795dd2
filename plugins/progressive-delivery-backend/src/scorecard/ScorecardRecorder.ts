import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ScorecardService } from './ScorecardService';

export const SCORECARD_SNAPSHOT_TASK_ID =
  'progressive-delivery-scorecard-snapshots';

/**
 * Scores every annotated entity once an hour (on one backend instance), so each entity's
 * history has a point per day even when nobody opens its page.
 */
export async function scheduleScorecardSnapshots(options: {
  scheduler: SchedulerService;
  auth: AuthService;
  logger: LoggerService;
  scorecards: ScorecardService;
}): Promise<void> {
  const { scheduler, auth, logger, scorecards } = options;
  await scheduler.scheduleTask({
    id: SCORECARD_SNAPSHOT_TASK_ID,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    // Leaves the watches time to sync after a start.
    initialDelay: { minutes: 1 },
    fn: async () => {
      const credentials = await auth.getOwnServiceCredentials();
      const written = await scorecards.recordAll(credentials);
      logger.info(`Scorecard history: recorded ${written} entities`);
    },
  });
}
