import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ProgressiveDeliveryApi, progressiveDeliveryApiRef } from '../../api';
import { EntityProgressiveDeliveryContent } from './EntityProgressiveDeliveryContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', owner: 'team-checkout' },
};

function renderWith(api: ProgressiveDeliveryApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[progressiveDeliveryApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityProgressiveDeliveryContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityProgressiveDeliveryContent', () => {
  it('names the selector and the clusters it watches', async () => {
    await renderWith({
      getClusters: async () => ({
        clusters: [
          {
            name: 'eu-prod',
            title: 'EU production',
            authProvider: 'serviceAccount',
          },
          { name: 'staging', authProvider: 'serviceAccount' },
        ],
      }),
    });
    expect(
      await screen.findByText('backstage.io/kubernetes-id=checkout'),
    ).toBeInTheDocument();
    expect(screen.getByText('EU production')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
  });

  it('says what to configure when no cluster is configured', async () => {
    await renderWith({ getClusters: async () => ({ clusters: [] }) });
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes.clusterLocatorMethods/),
    ).toBeInTheDocument();
  });

  it('shows backend errors', async () => {
    await renderWith({
      getClusters: async () => {
        throw new Error('backend unreachable');
      },
    });
    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
  });
});
