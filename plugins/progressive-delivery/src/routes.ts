import { createRouteRef } from '@backstage/core-plugin-api';

/** The entity tab. @public */
export const entityContentRouteRef = createRouteRef({
  id: 'progressive-delivery:entity-content',
});
