import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  emptyScorecardOutcomes,
  EntityScorecardResponse,
  ScorecardLevel,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { EntityScorecard } from './EntityScorecard';
import { fakeApi, responseError } from '../../__testUtils__/apis';
import { checkoutEntity, renderForEntity } from '../../__testUtils__/render';
import {
  levelRules,
  makeCheck,
  makeEntityScorecard,
  makeOutcomes,
} from '../../__testUtils__/scorecardData';
import { ProgressiveDeliveryApi } from '../../api';

function renderSection(
  getEntityScorecard: ProgressiveDeliveryApi['getEntityScorecard'],
  entity: Entity = checkoutEntity,
) {
  return renderForEntity(<EntityScorecard />, {
    api: fakeApi({ getEntityScorecard }),
    entity,
  });
}

describe('EntityScorecard', () => {
  it('shows progress while loading', async () => {
    await renderSection(() => new Promise(() => {}));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the scorecard cannot be loaded', async () => {
    await renderSection(async () => {
      throw await responseError(403, 'NotAllowedError', 'not allowed to read');
    });
    expect(
      (await screen.findAllByText(/not allowed to read/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByLabelText(/^Level:/)).not.toBeInTheDocument();
  });

  it('says which annotation to add when the entity has none', async () => {
    const getEntityScorecard = jest.fn();
    await renderSection(getEntityScorecard, {
      ...checkoutEntity,
      metadata: { name: 'checkout' },
    });
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(getEntityScorecard).not.toHaveBeenCalled();
  });

  it('says what to label when no workload matches', async () => {
    await renderSection(async () =>
      makeEntityScorecard({
        level: 'none',
        checks: [makeCheck({ result: 'n/a', evidence: [] })],
      }),
    );
    expect(await screen.findByText(/Nothing to score yet/)).toBeInTheDocument();
    expect(
      screen.getByText('No Rollouts found for this entity'),
    ).toBeInTheDocument();
  });

  it('says what to configure without clusters', async () => {
    await renderSection(async () => makeEntityScorecard({ clusters: [] }));
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the level with its rule, and what the next level still needs', async () => {
    await renderSection(async () => makeEntityScorecard());
    expect(await screen.findByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(screen.getByTestId('level-rule')).toHaveTextContent(
      'Bronze: Every workload runs as a Rollout with a stepped strategy.',
    );
    expect(screen.getByTestId('next-level-rule')).toHaveTextContent(
      /^Next level, Silver: Bronze, plus automated analysis.*Failing now: Safe first step\.$/,
    );
    expect(
      screen.getByText('3 of 5 applicable checks pass (1 not applicable).'),
    ).toBeInTheDocument();
  });

  it('does not name the level twice when the rule already starts with it', async () => {
    await renderSection(async () =>
      makeEntityScorecard({
        levelRules: levelRules.map(rule => ({
          ...rule,
          description: `${rule.level}: as the backend words it`,
        })),
      }),
    );
    expect(await screen.findByTestId('level-rule')).toHaveTextContent(
      /^bronze: as the backend words it\.$/,
    );
    expect(screen.getByTestId('next-level-rule')).toHaveTextContent(
      /^Next level, silver: as the backend words it\. Failing now/,
    );
  });

  it.each<[ScorecardLevel, string]>([
    ['none', 'No level'],
    ['bronze', 'Bronze'],
    ['silver', 'Silver'],
    ['gold', 'Gold'],
  ])('labels the %s level in words', async (level, label) => {
    await renderSection(async () => makeEntityScorecard({ level }));
    const badge = await screen.findByLabelText(`Level: ${label}`);
    expect(badge).toHaveTextContent(label);
    expect(badge).toHaveAttribute('data-level', level);
  });

  it('says that no level is reached yet, and that gold has no next level', async () => {
    await renderSection(async () => makeEntityScorecard({ level: 'none' }));
    expect(await screen.findByTestId('level-rule')).toHaveTextContent(
      'No level reached yet.',
    );
    expect(screen.getByTestId('next-level-rule')).toHaveTextContent(
      /^Next level, Bronze: Every workload runs as a Rollout/,
    );
    await renderSection(async () => makeEntityScorecard({ level: 'gold' }));
    expect(await screen.findByLabelText('Level: Gold')).toBeInTheDocument();
    expect(screen.getByText(/^Gold: Silver, plus an SLO/)).toBeInTheDocument();
    expect(screen.getAllByTestId('next-level-rule')).toHaveLength(1);
  });

  it('shows each check with its result in words, the evidence and the fix links', async () => {
    await renderSection(async () => makeEntityScorecard());
    const failing = await screen.findByRole('listitem', {
      name: 'Check Safe first step: Fail',
    });
    expect(failing).toHaveAttribute('data-result', 'fail');
    expect(
      within(failing).getByText('spec.strategy.canary.steps[0].setWeight'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText(
        /first step sends 50% of traffic to the canary/,
      ),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText('eu-prod · Rollout checkout/checkout'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText('Start with setWeight 25 or less.'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByRole('link', {
        name: /^Documentation for Safe first step/,
      }),
    ).toHaveAttribute(
      'href',
      'https://argo-rollouts.readthedocs.io/en/stable/features/canary/',
    );
    expect(
      within(failing).getByRole('link', {
        name: /^Template for Safe first step/,
      }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/add-rollout-progressive-delivery',
    );

    const passing = screen.getByRole('listitem', {
      name: 'Check Runs as a Rollout: Pass',
    });
    // A passing check shows its evidence but no fix.
    expect(
      within(passing).getByText(/the workload is a Rollout/),
    ).toBeVisible();
    expect(within(passing).queryByText(/^Fix:/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('listitem', {
        name: 'Check Pre-traffic testing: Not applicable',
      }),
    ).toBeInTheDocument();
    // A fix without links is still written out.
    const slo = screen.getByRole('listitem', {
      name: 'Check An SLO exists: Fail',
    });
    expect(
      within(slo).getByText('Add a Pyrra ServiceLevelObjective.'),
    ).toBeInTheDocument();
    expect(within(slo).queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows the outcomes, explaining missing numbers', async () => {
    await renderSection(async () =>
      makeEntityScorecard({
        // Rollouts ran and actions were taken, but nothing was promoted or analysed.
        outcomes: {
          ...emptyScorecardOutcomes(30, new Date('2026-01-31T00:00:00.000Z')),
          rolloutsStarted: 5,
          rolloutsCompleted: 4,
          rolloutsAborted: 1,
          actions: { portal: 3, elsewhere: 1 },
        },
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Outcomes over the last 30 days',
    });
    expect(
      within(table).getByText('5 started · 4 completed · 1 aborted'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('No completed rollout in this window'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('no finished analysis run'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText(/3 in the portal · 1 elsewhere/),
    ).toBeInTheDocument();
  });

  it('shows the numbers when there are some', async () => {
    await renderSection(async () => makeEntityScorecard());
    const table = await screen.findByRole('table', {
      name: 'Outcomes over the last 30 days',
    });
    expect(within(table).getByText('median 10m · p90 90m')).toBeInTheDocument();
    expect(within(table).getByText('20%')).toBeInTheDocument();
  });

  it('draws the score history', async () => {
    await renderSection(async () => makeEntityScorecard());
    const chart = await screen.findByRole('img', {
      name: /^Score history: from 1 of 5 checks passing, level none, on 2026-01-20 to 3 of 5/,
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(
      [...chart.querySelectorAll('[data-testid="level-change"]')].map(
        t => t.textContent,
      ),
    ).toEqual(['none', 'bronze']);
  });

  it('says when there is no history yet', async () => {
    await renderSection(async () => makeEntityScorecard({ history: [] }));
    expect(await screen.findByText(/No score history yet/)).toBeInTheDocument();
  });

  it('loads another window and keeps the old one on screen meanwhile', async () => {
    let resolve90: (v: EntityScorecardResponse) => void = () => {};
    const getEntityScorecard = jest.fn(
      (_: unknown, options?: { days?: number }) =>
        options?.days === 90
          ? new Promise<EntityScorecardResponse>(r => (resolve90 = r))
          : Promise.resolve(makeEntityScorecard()),
    );
    await renderSection(getEntityScorecard);
    await screen.findByRole('table', {
      name: 'Outcomes over the last 30 days',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(getEntityScorecard).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { days: 90 },
    );
    expect(await screen.findByText('Loading the last 90 days…')).toBeVisible();
    expect(
      screen.getByRole('table', { name: 'Outcomes over the last 30 days' }),
    ).toBeInTheDocument();
    resolve90(
      makeEntityScorecard({
        outcomes: makeOutcomes({
          window: {
            days: 90,
            from: '2025-11-01T00:00:00Z',
            to: '2026-01-30T00:00:00Z',
          },
        }),
      }),
    );
    expect(
      await screen.findByRole('table', {
        name: 'Outcomes over the last 90 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Last 90 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('keeps showing the other clusters when one is down', async () => {
    await renderSection(async () =>
      makeEntityScorecard({
        clusters: [
          { name: 'eu-prod', status: 'ok' },
          { name: 'us-prod', status: 'error', error: 'connection refused' },
        ],
      }),
    );
    expect(
      await screen.findByText(
        /Cluster us-prod is unreachable: connection refused/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Level: Bronze')).toBeInTheDocument();
  });
});
