import { createRouteRef } from '@backstage/core-plugin-api';

/** The entity tab. @public */
export const entityContentRouteRef = createRouteRef({
  id: 'progressive-delivery:entity-content',
});

/** The ops page across clusters (`/progressive-delivery`). @public */
export const rootRouteRef = createRouteRef({
  id: 'progressive-delivery:ops',
});
