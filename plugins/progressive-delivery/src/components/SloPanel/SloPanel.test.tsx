import { renderInTestApp } from '@backstage/test-utils';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { Theme } from '@material-ui/core/styles';
import { screen, within } from '@testing-library/react';
import { EntitySlosResponse } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { SloPanel } from './SloPanel';
import { Apis, fakeApi } from '../../__testUtils__/apis';
import { checkoutEntity } from '../../__testUtils__/render';
import { makeRollout } from '../../__testUtils__/data';
import {
  makeBurningSlo,
  makeEntitySlos,
  makeExhaustedSlo,
  makeSlo,
  makeUnknownSlo,
  quietTiers,
} from '../../__testUtils__/slos';

function renderPanel(
  getEntitySlos: () => Promise<EntitySlosResponse>,
  props: Partial<Parameters<typeof SloPanel>[0]> = {},
) {
  return renderInTestApp(
    <Apis api={fakeApi({ getEntitySlos })}>
      <SloPanel entity={checkoutEntity} {...props} />
    </Apis>,
  );
}

const answer = (response: EntitySlosResponse) => async () => response;

describe('SloPanel', () => {
  it('shows progress while loading', async () => {
    await renderPanel(() => new Promise(() => {}));
    expect(
      screen.getByRole('progressbar', { name: 'Loading SLOs' }),
    ).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderPanel(async () => {
      throw new Error('backend unreachable');
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the SLOs: backend unreachable',
    );
  });

  it('says how to add a Pyrra SLO when there is none', async () => {
    await renderPanel(answer(makeEntitySlos([])));
    const empty = await screen.findByTestId('no-slos');
    expect(empty).toHaveTextContent(
      'No service level objectives for this entity',
    );
    expect(
      within(empty).getByText('backstage.io/kubernetes-id: checkout'),
    ).toBeInTheDocument();
    expect(empty).toHaveTextContent(
      '“New service with progressive delivery” template',
    );
    expect(
      within(empty).getByRole('link', { name: /^Pyrra documentation/ }),
    ).toHaveAttribute('href', 'https://github.com/pyrra-dev/pyrra#readme');
    expect(
      within(empty).getByLabelText('Example ServiceLevelObjective'),
    ).toHaveTextContent(
      'total: { metric: "http_requests_total{service=\\"checkout\\"}" }',
    );
  });

  it('shows a healthy SLO: objective, availability, budget gauge, quiet tiers and source', async () => {
    await renderPanel(answer(makeEntitySlos([makeSlo()])));
    const card = await screen.findByRole('article', {
      name: 'SLO checkout-availability in eu-prod',
    });
    expect(within(card).getByLabelText('SLO status: Healthy')).toBeVisible();
    expect(within(card).getByText('99.5% in 4w')).toBeInTheDocument();
    expect(within(card).getByText('99.85%')).toBeInTheDocument();
    expect(card).toHaveTextContent('150 errors of 100,000 requests');
    expect(
      within(card).getByRole('img', {
        name: 'Error budget of checkout-availability: 70% left, 30% used',
      }),
    ).toBeInTheDocument();
    const table = within(card).getByRole('table', {
      name: 'Burn-rate alerts of checkout-availability',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(
      within(table)
        .getAllByTestId('alert-state')
        .map(chip => chip.textContent),
    ).toEqual(['Inactive', 'Inactive', 'Inactive', 'Inactive']);
    const fast = within(table).getByTestId('burn-rate-tier-14');
    expect(fast).toHaveTextContent('critical');
    expect(fast).toHaveTextContent('14×');
    expect(fast).toHaveTextContent('7%');
    expect(fast).toHaveTextContent('5m: 0.1% errors (burn 0.2×)');
    expect(fast).toHaveTextContent('1h: 0.1% errors (burn 0.2×)');
    expect(fast).toHaveTextContent('2m');
    expect(fast).toHaveTextContent('budget gone in 2d');
    expect(card).toHaveTextContent(
      "From Pyrra's recording rules on Prometheus 'eu'.",
    );
    expect(screen.queryByTestId('slo-demo-note')).not.toBeInTheDocument();
  });

  it('flags a burning SLO and its firing tier', async () => {
    await renderPanel(answer(makeEntitySlos([makeBurningSlo()])));
    expect(
      await screen.findByLabelText('SLO status: Burning: alert firing'),
    ).toBeInTheDocument();
    const fast = screen.getByTestId('burn-rate-tier-14');
    expect(within(fast).getByTestId('alert-state')).toHaveTextContent('Firing');
    expect(fast).toHaveTextContent(
      '5m: 12% errors (burn 24×) · above threshold',
    );
    expect(fast).toHaveTextContent(
      '1h: 9% errors (burn 18×) · above threshold',
    );
    expect(
      within(screen.getByTestId('burn-rate-tier-7')).getByTestId('alert-state'),
    ).toHaveTextContent('Inactive');
  });

  it('shows a pending alert and, without Pyrra rules, whether a tier is exceeded', async () => {
    const tiers = quietTiers();
    tiers[1] = { ...tiers[1], exceeded: true, alertState: 'pending' };
    const noRules = quietTiers().map(({ alertState: _, ...t }) => t);
    noRules[2] = { ...noRules[2], exceeded: true };
    await renderPanel(
      answer(
        makeEntitySlos([
          makeSlo({ burnRates: tiers }),
          makeSlo({
            name: 'checkout-raw',
            source: 'raw',
            burnRates: noRules,
            burning: true,
          }),
        ]),
      ),
    );
    const withRules = await screen.findByRole('article', {
      name: 'SLO checkout-availability in eu-prod',
    });
    const pending = within(
      within(withRules).getByTestId('burn-rate-tier-7'),
    ).getByTestId('alert-state');
    expect(pending).toHaveTextContent('Pending');
    expect(pending).toHaveAttribute(
      'title',
      expect.stringContaining('the alert fires after 15m'),
    );
    const raw = screen.getByRole('article', {
      name: 'SLO checkout-raw in eu-prod',
    });
    expect(
      within(raw)
        .getAllByTestId('alert-state')
        .map(chip => chip.textContent),
    ).toEqual([
      'Below threshold',
      'Below threshold',
      'Exceeded',
      'Below threshold',
    ]);
    expect(raw).toHaveTextContent("Pyrra's recording rules were not found");
  });

  it('shows an exhausted budget with the overspend', async () => {
    await renderPanel(answer(makeEntitySlos([makeExhaustedSlo()])));
    expect(
      await screen.findByLabelText('SLO status: Budget exhausted'),
    ).toBeInTheDocument();
    const gauge = screen.getByRole('img', {
      name: 'Error budget of checkout-availability: Exhausted, overspent by 40% of the budget',
    });
    expect(gauge.querySelector('[data-part="exhausted"]')).not.toBeNull();
    expect(gauge.querySelector('[data-part="remaining"]')).toBeNull();
    expect(screen.getByTestId('error-budget-headline')).toHaveTextContent(
      'Exhausted',
    );
    expect(screen.getByText('overspent by 40% of the budget')).toBeVisible();
    expect(screen.getByText('At or below the objective')).toBeVisible();
  });

  it.each([
    [
      'no-prometheus',
      "No Prometheus server is configured for cluster 'eu-prod' (progressiveDelivery.prometheus)",
      'No Prometheus server is configured for cluster eu-prod',
      /under progressiveDelivery\.prometheus in app-config\.yaml.*clusters listing eu-prod.*demoMetrics: true/,
    ],
    [
      'timeout',
      'Prometheus did not answer within 5s',
      'Prometheus did not answer in time',
      /took longer than its timeoutSeconds/,
    ],
    [
      'prometheus-error',
      'connect ECONNREFUSED 127.0.0.1:9090',
      'Prometheus could not be queried',
      /Check its url and token/,
    ],
    [
      'no-data',
      'No samples of http_requests_total{service="checkout"} in the last 4w',
      'No data for this SLO',
      /check that the service is scraped/,
    ],
    [
      'invalid-slo',
      'target must be between 0 and 100, got 120',
      'The ServiceLevelObjective cannot be read',
      /Fix spec\.target .* of checkout\/checkout-availability/,
    ],
    [
      'pending',
      'Prometheus did not answer within 2s; the state is still being computed',
      'Still being computed',
      /appears shortly/,
    ],
  ] as const)(
    'explains an unknown state: %s',
    async (reason, message, title, advice) => {
      await renderPanel(
        answer(makeEntitySlos([makeUnknownSlo(reason, message)])),
      );
      const explanation = await screen.findByTestId(`slo-unknown-${reason}`);
      expect(explanation).toHaveTextContent(title);
      expect(explanation).toHaveTextContent(advice);
      expect(explanation).toHaveTextContent(`Details: ${message}`);
      expect(screen.getByLabelText('SLO status: Unknown')).toBeVisible();
      expect(screen.getByText('99.5% in 4w')).toBeVisible();
      expect(
        screen.queryByTestId('error-budget-gauge'),
      ).not.toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
    },
  );

  it('marks demo data', async () => {
    await renderPanel(
      answer(
        makeEntitySlos(
          [makeSlo({ demo: true, source: 'demo', prometheus: 'demo' })],
          { demo: true },
        ),
      ),
    );
    expect(await screen.findByTestId('slo-demo-note')).toHaveTextContent(
      'Demo data: these numbers come from the built-in demo metrics',
    );
    expect(screen.getByText('demo data')).toBeVisible();
    expect(
      screen.getByText(/Demo data from the built-in demo metrics/),
    ).toBeVisible();
  });

  it('marks demo data when only the source says so', async () => {
    await renderPanel(answer(makeEntitySlos([makeSlo({ source: 'demo' })])));
    expect(await screen.findByTestId('slo-demo-note')).toBeInTheDocument();
  });

  it('names the rollouts gated on the error budget', async () => {
    await renderPanel(answer(makeEntitySlos([makeSlo()])), {
      rollouts: [
        makeRollout({ gatedOnErrorBudget: { templates: ['slo-burn-rate'] } }),
        makeRollout({ name: 'checkout-worker' }),
      ],
    });
    const note = await screen.findByText(/Gated on the error budget/);
    expect(note).toHaveTextContent(
      'the analysis of rollout checkout in eu-prod (slo-burn-rate) queries SLO or burn-rate series',
    );
    expect(note).not.toHaveTextContent('checkout-worker');
  });

  it('says when the numbers are stale', async () => {
    await renderPanel(
      answer(
        makeEntitySlos([
          makeSlo({
            freshness: { lastSampleAt: null, ageSeconds: null, stale: true },
          }),
        ]),
      ),
    );
    expect(
      await screen.findByText(
        /No sample of the SLO metric in the last 5 minutes/,
      ),
    ).toBeInTheDocument();
  });

  it('draws the panel and the gauge with the dark theme palette', async () => {
    const dark = themes.dark.getTheme('v4') as Theme;
    const light = themes.light.getTheme('v4') as Theme;
    await renderInTestApp(
      <UnifiedThemeProvider theme={themes.dark}>
        <Apis
          api={fakeApi({
            getEntitySlos: answer(makeEntitySlos([makeBurningSlo()])),
          })}
        >
          <SloPanel entity={checkoutEntity} />
        </Apis>
      </UnifiedThemeProvider>,
    );
    const gauge = await screen.findByTestId('error-budget-gauge');
    const remaining = gauge.querySelector('[data-part="remaining"]')!;
    const consumed = gauge.querySelector('[data-part="consumed"]')!;
    expect(remaining.getAttribute('stroke')).toBe(dark.palette.success.main);
    expect(consumed.getAttribute('stroke')).toBe(dark.palette.action.disabled);
    expect(consumed.getAttribute('stroke')).not.toBe(
      light.palette.action.disabled,
    );
    // The card itself is a themed Paper: dark background, light text.
    const card = screen.getByRole('article', {
      name: 'SLO checkout-availability in eu-prod',
    });
    expect(dark.palette.background.paper).toBe('#424242');
    expect(getComputedStyle(card).backgroundColor).toBe('rgb(66, 66, 66)');
    // The highlighted (firing) row uses the theme's selection tint, not a light grey.
    const firingCell = within(
      screen.getByTestId('burn-rate-tier-14'),
    ).getByText('critical');
    expect(getComputedStyle(firingCell).backgroundColor).toBe(
      dark.palette.action.selected.replace(/,\s*/g, ', '),
    );
    expect(screen.getByText('Firing')).toBeVisible();
  });
});
