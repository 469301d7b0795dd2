import { screen } from '@testing-library/react';
import { EntityOverviewCard } from './EntityOverviewCard';
import { fakeApi } from '../../__testUtils__/apis';
import { renderForEntity } from '../../__testUtils__/render';
import { makeEntityRollouts } from '../../__testUtils__/data';

describe('EntityOverviewCard', () => {
  it('summarises each rollout and links to the tab', async () => {
    await renderForEntity(<EntityOverviewCard />, {
      api: fakeApi({ getEntityRollouts: async () => makeEntityRollouts() }),
    });
    expect(
      await screen.findByText('checkout · eu-prod/checkout'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status: Paused')).toBeInTheDocument();
    expect(screen.getByText('step 1/7')).toBeInTheDocument();
    expect(screen.getByText('Steps, analysis and actions')).toBeInTheDocument();
  });

  it('explains the label when no rollout matches', async () => {
    await renderForEntity(<EntityOverviewCard />, {
      api: fakeApi({
        getEntityRollouts: async () => makeEntityRollouts({ rollouts: [] }),
      }),
    });
    expect(
      await screen.findByText('No Rollouts found for this entity'),
    ).toBeInTheDocument();
  });
});
