import {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AuditStore } from './types';

export const AUDIT_RETENTION_CONFIG_KEY =
  'progressiveDelivery.audit.retentionDays';
export const AUDIT_DEFAULT_RETENTION_DAYS = 365;
export const AUDIT_RETENTION_TASK_ID = 'progressive-delivery-audit-retention';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `progressiveDelivery.audit.retentionDays`: default 365, 0 keeps rows forever. */
export function readAuditRetentionDays(config: RootConfigService): number {
  const days =
    config.getOptionalNumber(AUDIT_RETENTION_CONFIG_KEY) ??
    AUDIT_DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(
      `Invalid ${AUDIT_RETENTION_CONFIG_KEY}: ${days}; use a whole number of days, 0 to keep forever`,
    );
  }
  return days;
}

/**
 * Deletes audit rows older than the retention period, once a day on one backend instance
 * (global scope). `initiated` rows within the store's grace period are never deleted.
 */
export class AuditCleaner {
  /** Schedules the task unless retention is 0; returns the cleaner (for `runOnce`). */
  static async schedule(options: {
    config: RootConfigService;
    scheduler: SchedulerService;
    logger: LoggerService;
    store: AuditStore;
    now?: () => Date;
  }): Promise<AuditCleaner> {
    const retentionDays = readAuditRetentionDays(options.config);
    const cleaner = new AuditCleaner(
      options.store,
      options.logger,
      retentionDays,
      options.now ?? (() => new Date()),
    );
    if (retentionDays === 0) {
      options.logger.info('Audit retention disabled: rows are kept forever');
      return cleaner;
    }
    await options.scheduler.scheduleTask({
      id: AUDIT_RETENTION_TASK_ID,
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
    private readonly store: AuditStore,
    private readonly logger: LoggerService,
    readonly retentionDays: number,
    private readonly now: () => Date,
  ) {}

  /** One retention pass; returns the number of deleted rows (0 when retention is off). */
  async runOnce(): Promise<number> {
    if (this.retentionDays === 0) {
      return 0;
    }
    const cutoff = new Date(this.now().getTime() - this.retentionDays * DAY_MS);
    const deleted = await this.store.deleteOlderThan(cutoff);
    if (deleted > 0) {
      this.logger.info(
        `Audit retention: deleted ${deleted} row(s) older than ${cutoff.toISOString()}`,
      );
    }
    return deleted;
  }
}
