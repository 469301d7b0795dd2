import {
  type FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { techInsightsModuleProgressiveDelivery } from './module';
import { progressiveDeliveryFactRetriever } from './progressiveDeliveryFactRetriever';

async function startModule(config: mockServices.rootConfig.Options['data']) {
  const added: Record<string, FactRetriever> = {};
  const logger = mockServices.logger.mock();
  await startTestBackend({
    extensionPoints: [
      [
        techInsightsFactRetrieversExtensionPoint,
        {
          addFactRetrievers: (retrievers: Record<string, FactRetriever>) =>
            Object.assign(added, retrievers),
        },
      ],
    ],
    features: [
      techInsightsModuleProgressiveDelivery,
      mockServices.rootConfig.factory({ data: config }),
      logger.factory,
    ],
  });
  return { added, logger };
}

describe('techInsightsModuleProgressiveDelivery', () => {
  it('adds the retriever under its id, the name Tech Insights reads its schedule by', async () => {
    const { added, logger } = await startModule({
      techInsights: {
        factRetrievers: {
          progressiveDeliveryFactRetriever: {
            cadence: '0 * * * *',
            lifecycle: { maxItems: 168 },
          },
        },
      },
    });

    expect(added).toEqual({
      progressiveDeliveryFactRetriever: progressiveDeliveryFactRetriever,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('warns that the retriever will not run without a schedule', async () => {
    const { added, logger } = await startModule({});

    expect(Object.keys(added)).toEqual(['progressiveDeliveryFactRetriever']);
    expect(logger.warn).toHaveBeenCalledWith(
      "The progressiveDeliveryFactRetriever fact retriever is registered but Tech Insights will not run it without a schedule; add techInsights.factRetrievers.progressiveDeliveryFactRetriever: { cadence: '0 * * * *', lifecycle: { maxItems: 168 } }",
    );
  });
});
