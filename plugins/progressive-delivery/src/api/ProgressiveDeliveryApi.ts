import { createApiRef } from '@backstage/core-plugin-api';

/** A cluster the backend is configured to watch. @public */
export interface ConfiguredCluster {
  name: string;
  title?: string;
  authProvider: string;
}

/** Client for the progressive-delivery backend. @public */
export interface ProgressiveDeliveryApi {
  getClusters(): Promise<{ clusters: ConfiguredCluster[] }>;
}

/** @public */
export const progressiveDeliveryApiRef = createApiRef<ProgressiveDeliveryApi>({
  id: 'plugin.progressive-delivery.service',
});
