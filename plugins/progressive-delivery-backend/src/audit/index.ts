export * from './types';
export {
  KnexAuditStore,
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
} from './KnexAuditStore';
