import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID } from './factSchema';
import { progressiveDeliveryFactRetriever } from './progressiveDeliveryFactRetriever';

/** What to add to app-config when the retriever has no schedule, as the warning shows it. */
const SUGGESTED_CONFIG = `techInsights.factRetrievers.${PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID}: { cadence: '0 * * * *', lifecycle: { maxItems: 168 } }`;

/**
 * Tech Insights backend module adding the Progressive Delivery fact retriever
 * (`progressiveDeliveryFactRetriever`).
 *
 * The tech-insights backend schedules a retriever only when
 * `techInsights.factRetrievers.progressiveDeliveryFactRetriever` is configured (cadence,
 * lifecycle); modules cannot give it a default schedule, so this module warns at start-up
 * when that entry is missing.
 * @public
 */
export const techInsightsModuleProgressiveDelivery = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'progressive-delivery',
  register(env) {
    env.registerInit({
      deps: {
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ factRetrievers, config, logger }) {
        factRetrievers.addFactRetrievers({
          [PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID]:
            progressiveDeliveryFactRetriever,
        });
        if (
          !config.has(
            `techInsights.factRetrievers.${PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID}`,
          )
        ) {
          logger.warn(
            `The ${PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID} fact retriever is registered but Tech Insights will not run it without a schedule; add ${SUGGESTED_CONFIG}`,
          );
        }
      },
    });
  },
});
