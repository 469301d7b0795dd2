import { ReactElement, ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { ProgressiveDeliveryApi, progressiveDeliveryApiRef } from '../api';
import { Apis } from './apis';

/** The annotated catalog entity most tests render for. */
export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

/** Renders `ui` in a test app for an entity (the checkout one by default) with these APIs. */
export function renderForEntity(
  ui: ReactElement,
  options: { api: ProgressiveDeliveryApi; entity?: Entity; allow?: boolean },
) {
  return renderInTestApp(
    <Apis api={options.api} allow={options.allow}>
      <EntityProvider entity={options.entity ?? checkoutEntity}>
        {ui}
      </EntityProvider>
    </Apis>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/**
 * A `renderHook` wrapper with the API, and optionally signals and an entity (a function is read
 * on every render, so a test can switch the entity and rerender).
 */
export function hookWrapper(
  api?: ProgressiveDeliveryApi,
  options: { signals?: SignalApi; entity?: Entity | (() => Entity) } = {},
) {
  const apis = [
    ...(api ? [[progressiveDeliveryApiRef, api] as const] : []),
    ...(options.signals ? [[signalApiRef, options.signals] as const] : []),
  ];
  const { entity } = options;
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as any}>
      {entity ? (
        <EntityProvider
          entity={typeof entity === 'function' ? entity() : entity}
        >
          {children}
        </EntityProvider>
      ) : (
        children
      )}
    </TestApiProvider>
  );
}
