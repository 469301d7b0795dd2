import { RetentionPolicy } from './RetentionCleaner';

/** The audit log (config.d.ts: `progressiveDelivery.audit.retentionDays`). */
export const AUDIT_RETENTION: RetentionPolicy = {
  configKey: 'progressiveDelivery.audit.retentionDays',
  defaultDays: 365,
  taskId: 'progressive-delivery-audit-retention',
  items: 'audit rows',
};

/** The rollout history behind the outcome metrics. */
export const HISTORY_RETENTION: RetentionPolicy = {
  configKey: 'progressiveDelivery.history.retentionDays',
  defaultDays: 400,
  taskId: 'progressive-delivery-history-retention',
  items: 'rollout history events',
};

/** The scorecard's daily points: kept well past the longest window (90 days). */
export const SCORECARD_RETENTION: RetentionPolicy = {
  configKey: 'progressiveDelivery.scorecard.retentionDays',
  defaultDays: 400,
  taskId: 'progressive-delivery-scorecard-retention',
  items: 'scorecard history points',
};
