export * from './types';
export {
  KnexAuditStore,
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
} from './KnexAuditStore';
export {
  AuditCleaner,
  readAuditRetentionDays,
  AUDIT_DEFAULT_RETENTION_DAYS,
  AUDIT_RETENTION_CONFIG_KEY,
} from './AuditCleaner';
