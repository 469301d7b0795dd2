import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a cleaner needs of a store. */
export interface RetentionTarget {
  /** Deletes what is older than `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

/** One kind of stored data and how long it is kept. */
export interface RetentionPolicy {
  /** Config key of the number of days to keep, e.g. `progressiveDelivery.audit.retentionDays`. */
  configKey: string;
  /** Days kept when the key is not set. */
  defaultDays: number;
  /** Scheduler task id, unique per policy. */
  taskId: string;
  /** What is deleted, for the logs: `audit rows`. */
  items: string;
}

/** The policy's retention in days from config: its default when unset, 0 keeps forever. */
export function readRetentionDays(
  config: RootConfigService,
  policy: RetentionPolicy,
): number {
  const days = config.getOptionalNumber(policy.configKey) ?? policy.defaultDays;
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(
      `Invalid ${policy.configKey}: ${days}; use a whole number of days, 0 to keep forever`,
    );
  }
  return days;
}

/**
 * Deletes what a store holds beyond the retention period, once a day on one backend instance
 * (global scope).
 */
export class RetentionCleaner {
  /** Schedules the task unless retention is 0; returns the cleaner (for `runOnce`). */
  static async schedule(options: {
    policy: RetentionPolicy;
    config: RootConfigService;
    scheduler: SchedulerService;
    logger: LoggerService;
    target: RetentionTarget;
    now?: () => Date;
  }): Promise<RetentionCleaner> {
    const { policy, logger } = options;
    const cleaner = new RetentionCleaner(
      policy,
      options.target,
      logger,
      readRetentionDays(options.config, policy),
      options.now ?? (() => new Date()),
    );
    if (cleaner.retentionDays === 0) {
      logger.info(
        `Retention disabled (${policy.configKey}: 0): ${policy.items} are kept forever`,
      );
      return cleaner;
    }
    await options.scheduler.scheduleTask({
      id: policy.taskId,
      scope: 'global',
      frequency: { hours: 24 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 5 },
      fn: async () => {
        await cleaner.runOnce();
      },
    });
    return cleaner;
  }

  private constructor(
    private readonly policy: RetentionPolicy,
    private readonly target: RetentionTarget,
    private readonly logger: LoggerService,
    readonly retentionDays: number,
    private readonly now: () => Date,
  ) {}

  /** One retention pass; returns how many were deleted (0 when retention is off). */
  async runOnce(): Promise<number> {
    if (this.retentionDays === 0) {
      return 0;
    }
    const cutoff = new Date(this.now().getTime() - this.retentionDays * DAY_MS);
    const deleted = await this.target.deleteOlderThan(cutoff);
    if (deleted > 0) {
      this.logger.info(
        `Retention: deleted ${deleted} ${
          this.policy.items
        } older than ${cutoff.toISOString()}`,
      );
    }
    return deleted;
  }
}
