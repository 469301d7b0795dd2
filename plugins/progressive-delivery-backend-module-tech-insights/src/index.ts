/**
 * Tech Insights fact retriever publishing the Progressive Delivery scorecard facts
 * (Argo Rollouts maturity checks, level, rollout outcomes).
 *
 * @packageDocumentation
 */
export { techInsightsModuleProgressiveDelivery as default } from './module';
export {
  createProgressiveDeliveryFactRetriever,
  progressiveDeliveryFactRetriever,
  type ProgressiveDeliveryFactRetrieverOptions,
} from './progressiveDeliveryFactRetriever';
export {
  PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID,
  PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION,
  checkFactName,
  progressiveDeliveryFactSchema,
} from './factSchema';
export { scorecardSummaryToFact } from './scorecardFacts';
