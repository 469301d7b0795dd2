import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { EntityScorecardCard } from './EntityScorecardCard';
import { fakeApi } from '../../__testUtils__/apis';
import { checkoutEntity, renderForEntity } from '../../__testUtils__/render';
import {
  makeCheck,
  makeEntityScorecard,
} from '../../__testUtils__/scorecardData';
import { ProgressiveDeliveryApi } from '../../api';

function renderCard(
  getEntityScorecard: ProgressiveDeliveryApi['getEntityScorecard'],
  entity: Entity = checkoutEntity,
) {
  return renderForEntity(<EntityScorecardCard />, {
    api: fakeApi({ getEntityScorecard }),
    entity,
  });
}

describe('EntityScorecardCard', () => {
  it('shows the level, the score and the first failing checks with their fix', async () => {
    const getEntityScorecard = jest.fn(async () => makeEntityScorecard());
    await renderCard(getEntityScorecard);
    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { days: 30 },
    );
    expect(
      screen.getByText('3 of 5 applicable checks pass'),
    ).toBeInTheDocument();
    const failing = screen.getByRole('list', { name: 'Failing checks' });
    expect(within(failing).getByText('Fail: Safe first step')).toBeVisible();
    expect(
      within(failing).getByRole('link', {
        name: /^Template for Safe first step/,
      }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/add-rollout-progressive-delivery',
    );
    expect(within(failing).getByText('Fail: An SLO exists')).toBeVisible();
    // Passing checks are left to the tab.
    expect(screen.queryByText(/Runs as a Rollout/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Every check, outcomes and history/ }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(/progressive-delivery#scorecard$/),
    );
  });

  it('lists at most three failing checks and counts the rest', async () => {
    await renderCard(async () =>
      makeEntityScorecard({
        checks: ['a', 'b', 'c', 'd', 'e'].map(t =>
          makeCheck({ id: t as never, title: `Check ${t}`, result: 'fail' }),
        ),
      }),
    );
    const failing = await screen.findByRole('list', { name: 'Failing checks' });
    expect(within(failing).getAllByRole('heading')).toHaveLength(3);
    expect(within(failing).getByText('and 2 more failing')).toBeInTheDocument();
  });

  it('says so when every applicable check passes', async () => {
    await renderCard(async () =>
      makeEntityScorecard({
        level: 'gold',
        checks: [
          makeCheck(),
          makeCheck({ id: 'pre-traffic-testing', result: 'n/a' }),
        ],
      }),
    );
    expect(await screen.findByLabelText('Level: Gold')).toBeInTheDocument();
    expect(screen.getByText('Every applicable check passes.')).toBeVisible();
  });

  it('explains what to configure without annotations or workloads', async () => {
    const getEntityScorecard = jest.fn(async () =>
      makeEntityScorecard({ checks: [makeCheck({ result: 'n/a' })] }),
    );
    await renderCard(getEntityScorecard, {
      ...checkoutEntity,
      metadata: { name: 'checkout' },
    });
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(getEntityScorecard).not.toHaveBeenCalled();

    await renderCard(getEntityScorecard);
    expect(await screen.findByText(/Nothing to score yet/)).toBeInTheDocument();
  });

  it('shows the error', async () => {
    await renderCard(async () => {
      throw new Error('backend down');
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
