import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * The context Tech Insights hands a fact retriever, with mock services: discovery points
 * `progressive-delivery` at `baseUrl`, auth issues mock service tokens as `tech-insights`.
 */
export function retrieverContext(baseUrl: string) {
  const logger = mockServices.logger.mock();
  const ctx: FactRetrieverContext = {
    config: mockServices.rootConfig(),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => {
        if (pluginId !== 'progressive-delivery') {
          throw new Error(`unexpected plugin ${pluginId}`);
        }
        return baseUrl;
      },
      getExternalBaseUrl: async () => baseUrl,
    }),
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    logger,
  };
  return { ctx, logger };
}

/** Everything the logger mock was called with, as one string (to look for leaked secrets). */
export function allLogged(
  logger: ReturnType<typeof mockServices.logger.mock>,
): string {
  return JSON.stringify(
    [logger.error, logger.warn, logger.info, logger.debug].flatMap(
      fn => fn.mock.calls,
    ),
  );
}
