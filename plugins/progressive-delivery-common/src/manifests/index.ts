export type {
  AnalysisOptions,
  AnalysisType,
  GeneratedManifest,
  ManifestObject,
  ProgressiveDeliveryManifests,
  ProgressiveDeliveryOptions,
  RequestMetricOptions,
  SloOptions,
  StrategyPresetId,
  TrafficRouterType,
  TrafficRoutingOptions,
} from './types';
export { ManifestInputError } from './types';
export type { StrategyPreset } from './presets';
export {
  CANARY_HEADER_ROUTE,
  CANARY_MIRROR_ROUTE,
  STRATEGY_PRESETS,
  supportsHeaderRoutes,
  supportsMirrorRoutes,
} from './presets';
export {
  MANIFEST_DEFAULTS,
  buildBurnRateTemplate,
  buildErrorRatioTemplate,
  buildProgressiveDeliveryManifests,
  buildService,
  buildServiceLevelObjective,
  catalogAnnotations,
  manifestNames,
} from './builders';
export type {
  DeploymentMigration,
  DeploymentMigrationOptions,
  MigrationChecklistItem,
} from './migration';
export { buildDeploymentMigration } from './migration';
export type {
  FindingSeverity,
  ManifestFinding,
  ManifestValidationOptions,
  ManifestValidationReport,
} from './validate';
export { MANIFEST_RULES, validateManifests } from './validate';
export type { JsonSchema, SchemaViolation } from './schema/jsonSchema';
export { validateJsonSchema } from './schema/jsonSchema';
export type { CrdSchemaEntry } from './crds';
export { bundledCrdSchemas, crdSchemasFromDefinitions } from './crds';
