import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityOverviewCard } from './EntityOverviewCard';
import { Apis, fakeApi } from '../../__testUtils__/apis';
import { makeEntityRollouts } from '../../__testUtils__/data';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: {},
};

describe('EntityOverviewCard', () => {
  it('summarises each rollout and links to the tab', async () => {
    await renderInTestApp(
      <Apis
        api={fakeApi({ getEntityRollouts: async () => makeEntityRollouts() })}
      >
        <EntityProvider entity={entity}>
          <EntityOverviewCard />
        </EntityProvider>
      </Apis>,
    );
    expect(
      await screen.findByText('checkout · eu-prod/checkout'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status: Paused')).toBeInTheDocument();
    expect(screen.getByText('step 1/7')).toBeInTheDocument();
    expect(screen.getByText('Steps, analysis and actions')).toBeInTheDocument();
  });

  it('explains the label when no rollout matches', async () => {
    await renderInTestApp(
      <Apis
        api={fakeApi({
          getEntityRollouts: async () => makeEntityRollouts({ rollouts: [] }),
        })}
      >
        <EntityProvider entity={entity}>
          <EntityOverviewCard />
        </EntityProvider>
      </Apis>,
    );
    expect(
      await screen.findByText('No Rollouts found for this entity'),
    ).toBeInTheDocument();
  });
});
