import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OpsRollout } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { OpsPage } from './OpsPage';
import { filterOptions, filterRollouts, NO_FILTERS } from './filterRollouts';
import { progressiveDeliveryApiRef } from '../../api';
import { fakeApi, permissionApi } from '../../__testUtils__/apis';
import { makeAuditEntry, makeRollout } from '../../__testUtils__/data';
import { makeOrgScorecards } from '../../__testUtils__/scorecardData';

function ops(
  overrides: Parameters<typeof makeRollout>[0],
  info: Parameters<typeof makeRollout>[1],
  extra: Partial<OpsRollout> = {},
): OpsRollout {
  return {
    ...makeRollout(overrides, info),
    entityRef: `component:default/${info?.name ?? 'checkout'}`,
    owner: 'group:default/team-checkout',
    ...extra,
  };
}

const rollouts: OpsRollout[] = [
  ops({}, {}),
  ops(
    { name: 'payments', cluster: 'us-prod', namespace: 'payments' },
    {
      name: 'payments',
      namespace: 'payments',
      status: 'Degraded',
      aborted: true,
    },
    {
      owner: 'group:default/team-payments',
      attention: { reason: 'aborted', message: 'analysis failed' },
    },
  ),
];

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('filterRollouts', () => {
  it('filters by cluster, namespace, status and owner', () => {
    expect(
      filterRollouts(rollouts, { ...NO_FILTERS, cluster: 'us-prod' }),
    ).toHaveLength(1);
    expect(
      filterRollouts(rollouts, { ...NO_FILTERS, status: 'Aborted' })[0].name,
    ).toBe('payments');
    expect(
      filterRollouts(rollouts, {
        ...NO_FILTERS,
        owner: 'group:default/team-checkout',
      })[0].name,
    ).toBe('checkout');
    expect(
      filterRollouts(rollouts, { ...NO_FILTERS, namespace: 'nope' }),
    ).toHaveLength(0);
    expect(filterOptions(rollouts, 'status')).toEqual(['Aborted', 'Paused']);
  });
});

describe('OpsPage', () => {
  it('lists every rollout, the attention view and, when allowed, the audit log', async () => {
    const getOpsRollouts = jest.fn(
      async ({ attention }: { attention?: boolean } = {}) => ({
        rollouts: attention ? rollouts.filter(r => r.attention) : rollouts,
        clusters: [
          { name: 'eu-prod', status: 'ok' as const },
          { name: 'us-prod', status: 'ok' as const },
          { name: 'staging', status: 'error' as const, error: 'timeout' },
        ],
      }),
    );
    const getAudit = jest.fn(async () => ({ items: [makeAuditEntry()] }));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [progressiveDeliveryApiRef, fakeApi({ getOpsRollouts, getAudit })],
          [permissionApiRef, permissionApi(true)],
        ]}
      >
        <OpsPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    const all = await screen.findByRole('table', { name: 'All rollouts' });
    expect(within(all).getAllByRole('row')).toHaveLength(3);
    expect(
      screen.getByText(/Cluster staging is unreachable: timeout/),
    ).toBeInTheDocument();
    expect(within(all).getAllByText('payments').length).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('tab', { name: 'Needs attention' }));
    const attention = await screen.findByRole('table', {
      name: 'Rollouts needing attention',
    });
    expect(within(attention).getAllByRole('row')).toHaveLength(2);
    expect(within(attention).getByText(/analysis failed/)).toBeInTheDocument();
    expect(getOpsRollouts).toHaveBeenLastCalledWith({ attention: true });

    await userEvent.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect(
      await screen.findByRole('table', { name: 'Audit trail' }),
    ).toBeInTheDocument();
    expect(getAudit).toHaveBeenCalled();
  });

  it('filters the table', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            progressiveDeliveryApiRef,
            fakeApi({
              getOpsRollouts: async () => ({
                rollouts,
                clusters: [{ name: 'eu-prod', status: 'ok' }],
              }),
            }),
          ],
          [permissionApiRef, permissionApi(true)],
        ]}
      >
        <OpsPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await screen.findByRole('table', { name: 'All rollouts' });
    await userEvent.click(screen.getByRole('button', { name: /^Cluster/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'us-prod' }),
    );
    const table = screen.getByRole('table', { name: 'All rollouts' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(
      screen.getByText('1 of 2 rollouts · refreshing every 30 s'),
    ).toBeInTheDocument();
  });

  it('opens the organisation scorecards next to the rollouts', async () => {
    const getOrgScorecards = jest.fn(async () => makeOrgScorecards());
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            progressiveDeliveryApiRef,
            fakeApi({
              getOpsRollouts: async () => ({
                rollouts,
                clusters: [{ name: 'eu-prod', status: 'ok' }],
              }),
              getOrgScorecards,
            }),
          ],
          [permissionApiRef, permissionApi(true)],
        ]}
      >
        <OpsPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await screen.findByRole('table', { name: 'All rollouts' });
    expect(getOrgScorecards).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('tab', { name: 'Scorecards' }));
    expect(
      await screen.findByRole('table', { name: 'Entity scorecards' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAttribute(
      'aria-labelledby',
      'pd-tab-scorecards',
    );
    expect(getOrgScorecards).toHaveBeenCalledWith({ days: 30 });
  });

  it('says what to configure without clusters', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            progressiveDeliveryApiRef,
            fakeApi({
              getOpsRollouts: async () => ({ rollouts: [], clusters: [] }),
            }),
          ],
          [permissionApiRef, permissionApi(true)],
        ]}
      >
        <OpsPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });
});
