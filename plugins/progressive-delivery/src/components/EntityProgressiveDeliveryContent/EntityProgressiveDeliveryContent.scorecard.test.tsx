import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { EntityProgressiveDeliveryContent } from './EntityProgressiveDeliveryContent';
import { Apis, fakeApi } from '../../__testUtils__/apis';
import { makeEntityRollouts } from '../../__testUtils__/data';
import { makeEntityScorecard } from '../../__testUtils__/scorecardData';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', owner: 'team-checkout' },
};

describe('EntityProgressiveDeliveryContent scorecard section', () => {
  it('shows the scorecard in the tab, above the audit trail', async () => {
    const getEntityScorecard = jest.fn(async () => makeEntityScorecard());
    await renderInTestApp(
      <Apis
        api={fakeApi({
          getEntityRollouts: async () => makeEntityRollouts(),
          getEntityScorecard,
        })}
      >
        <EntityProvider entity={entity}>
          <EntityProgressiveDeliveryContent />
        </EntityProvider>
      </Apis>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const section = await screen.findByRole('region', {
      name: 'Delivery scorecard',
    });
    expect(
      await within(section).findByLabelText('Level: Bronze'),
    ).toBeInTheDocument();
    expect(getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { days: 30 },
    );
    const audit = screen.getByText('Audit trail');
    expect(
      // eslint-disable-next-line no-bitwise
      section.compareDocumentPosition(audit) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
