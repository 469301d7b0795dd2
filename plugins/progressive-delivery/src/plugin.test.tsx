import {
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogPlugin, EntityLayout } from '@backstage/plugin-catalog';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import {
  EntityProgressiveDeliveryContent,
  EntityProgressiveDeliveryOverviewCard,
  EntityProgressiveDeliveryScorecardCard,
  isProgressiveDeliveryAvailable,
  progressiveDeliveryApiRef,
  ProgressiveDeliveryPage,
  progressiveDeliveryPlugin,
} from './index';
import { fakeApi } from './__testUtils__/apis';
import { makeEntityRollouts, makeDetail } from './__testUtils__/data';
import { makeEntityScorecard } from './__testUtils__/scorecardData';
import { checkoutEntity } from './__testUtils__/render';

const api = fakeApi({
  getEntityRollouts: async () => makeEntityRollouts(),
  getRolloutDetail: async () => makeDetail(),
  getEntityScorecard: async () => makeEntityScorecard(),
});

function apis() {
  return [
    [progressiveDeliveryApiRef, api],
    [permissionApiRef, mockApis.permission()],
    [catalogApiRef, catalogApiMock({ entities: [checkoutEntity] })],
    [starredEntitiesApiRef, new MockStarredEntitiesApi()],
  ] as const;
}

describe('legacy exports', () => {
  it('exports the plugin, extensions and the availability check', () => {
    expect(progressiveDeliveryPlugin.getId()).toBe('progressive-delivery');
    expect(EntityProgressiveDeliveryOverviewCard).toBeDefined();
    expect(EntityProgressiveDeliveryScorecardCard).toBeDefined();
    expect(ProgressiveDeliveryPage).toBeDefined();
    expect(isProgressiveDeliveryAvailable(checkoutEntity)).toBe(true);
    expect(
      isProgressiveDeliveryAvailable({
        ...checkoutEntity,
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });

  it('mounts the tab, the overview card and the scorecard card in an EntityLayout', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis() as any}>
        <EntityProvider entity={checkoutEntity}>
          <EntityLayout>
            <EntityLayout.Route path="/" title="Overview">
              <>
                <EntityProgressiveDeliveryOverviewCard />
                <EntityProgressiveDeliveryScorecardCard />
              </>
            </EntityLayout.Route>
            <EntityLayout.Route
              path="/progressive-delivery"
              title="Progressive Delivery"
              if={isProgressiveDeliveryAvailable}
            >
              <EntityProgressiveDeliveryContent />
            </EntityLayout.Route>
          </EntityLayout>
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog': catalogPlugin.routes.catalogIndex,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    // The tab and the card title.
    expect(
      (await screen.findAllByText('Progressive Delivery')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      await screen.findByRole('list', { name: 'Rollouts' }),
    ).toBeInTheDocument();
    expect(screen.getByText('step 1/7')).toBeInTheDocument();
    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(screen.getByText('Delivery scorecard')).toBeInTheDocument();
  });
});
