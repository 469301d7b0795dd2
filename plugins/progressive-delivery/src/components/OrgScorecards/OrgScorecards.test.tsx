import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrgScorecards } from './OrgScorecards';
import { downloadCsv } from './downloadCsv';
import { Apis, fakeApi } from '../../__testUtils__/apis';
import { makeOrgScorecards } from '../../__testUtils__/scorecardData';
import { ProgressiveDeliveryApi } from '../../api';

jest.mock('./downloadCsv', () => ({ downloadCsv: jest.fn() }));

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderView(
  getOrgScorecards: ProgressiveDeliveryApi['getOrgScorecards'],
) {
  await renderInTestApp(
    <Apis api={fakeApi({ getOrgScorecards })}>
      <OrgScorecards />
    </Apis>,
    { mountedRoutes },
  );
}

/** The text of each body row's cells. */
function bodyRows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('OrgScorecards', () => {
  beforeEach(() => jest.mocked(downloadCsv).mockClear());

  it('shows progress while loading', async () => {
    await renderView(() => new Promise(() => {}));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    await renderView(async () => {
      throw new Error('scorecards unavailable');
    });
    expect(
      (await screen.findAllByText(/scorecards unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('says what to annotate when there is no entity, and what to configure without clusters', async () => {
    await renderView(async () => makeOrgScorecards({ entities: [] }));
    expect(await screen.findByText('No entity to score')).toBeInTheDocument();
    await renderView(async () => makeOrgScorecards({ clusters: [] }));
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('ranks entities best first with level, score, trend and key outcomes', async () => {
    const getOrgScorecards = jest.fn(async () =>
      makeOrgScorecards({
        clusters: [
          { name: 'eu-prod', status: 'ok' },
          { name: 'us-prod', status: 'syncing' },
        ],
      }),
    );
    await renderView(getOrgScorecards);
    const table = await screen.findByRole('table', {
      name: 'Entity scorecards',
    });
    expect(getOrgScorecards).toHaveBeenCalledWith({ days: 30 });
    const rows = bodyRows(table);
    expect(rows.map(r => r[0])).toEqual(['Payments', 'Checkout', 'Cart']);
    expect(rows[1].slice(3, 10)).toEqual([
      'Silver',
      '7 / 9',
      '+2',
      '4 / 5',
      '1',
      '10m',
      '20%',
    ]);
    expect(rows[2][5]).toBe('−1');
    expect(rows[2].slice(8)).toEqual(['—', '—']);
    expect(
      within(table).getByLabelText('no completed rollout'),
    ).toBeInTheDocument();
    expect(
      within(table).getByLabelText('no finished analysis run'),
    ).toBeInTheDocument();
    expect(
      within(table).getByLabelText(
        'Trend: 2 more passing checks than 30 days ago',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Cluster us-prod is syncing/)).toBeInTheDocument();
    expect(
      screen.getByText(/3 of 3 entities · last 30 days/),
    ).toBeInTheDocument();
  });

  it('groups by team and by system and ranks the groups', async () => {
    await renderView(async () => makeOrgScorecards());
    await screen.findByRole('table', { name: 'Entity scorecards' });

    await userEvent.click(screen.getByRole('button', { name: 'By team' }));
    const teams = screen.getByRole('table', {
      name: 'Teams ranked by scorecard',
    });
    expect(bodyRows(teams)).toEqual([
      ['1', 'team-payments', '1', '1 gold', '100%', '—'],
      ['2', 'team-checkout', '2', '1 silver · 1 bronze', '58%', '+0.5'],
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'By system' }));
    const systems = screen.getByRole('table', {
      name: 'Systems ranked by scorecard',
    });
    expect(bodyRows(systems).map(r => [r[0], r[1], r[2]])).toEqual([
      ['1', 'billing', '1'],
      ['2', 'storefront', '2'],
    ]);
  });

  it('filters by level, owner, system and text', async () => {
    await renderView(async () => makeOrgScorecards());
    await screen.findByRole('table', { name: 'Entity scorecards' });

    await userEvent.click(screen.getByRole('button', { name: /^Level/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'gold' }));
    expect(
      bodyRows(screen.getByRole('table', { name: 'Entity scorecards' })).map(
        r => r[0],
      ),
    ).toEqual(['Payments']);
    await userEvent.click(screen.getByRole('button', { name: /^Level/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Any' }));

    await userEvent.click(screen.getByRole('button', { name: /^Owner/ }));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'group:default/team-checkout',
      }),
    );
    await userEvent.type(screen.getByLabelText('Search entities'), 'cart');
    expect(
      bodyRows(screen.getByRole('table', { name: 'Entity scorecards' })).map(
        r => r[0],
      ),
    ).toEqual(['Cart']);
    expect(screen.getByText(/1 of 3 entities/)).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Search entities'), 'zzz');
    expect(
      screen.getByText('No entity matches these filters.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('downloads what is shown as CSV: the filtered entities, or the ranked groups', async () => {
    await renderView(async () => makeOrgScorecards());
    await screen.findByRole('table', { name: 'Entity scorecards' });
    await userEvent.type(
      screen.getByLabelText('Search entities'),
      'team-checkout',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(downloadCsv).toHaveBeenCalledTimes(1);
    const [filename, csv] = jest.mocked(downloadCsv).mock.calls[0];
    expect(filename).toMatch(/^scorecards-30d-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^entity,title,owner,system,level,passed,/);
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
      'component:default/checkout',
      'component:default/cart',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'By team' }));
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const [groupFile, groupCsv] = jest.mocked(downloadCsv).mock.calls[1];
    expect(groupFile).toMatch(/^scorecards-by-owner-30d-/);
    expect(groupCsv.split('\r\n')[1]).toBe(
      '1,group:default/team-checkout,2,0,1,1,0,1.5,0.5764,0.5',
    );
  });

  it('loads another window', async () => {
    const getOrgScorecards = jest.fn(async ({ days }: { days?: number } = {}) =>
      makeOrgScorecards({ windowDays: days ?? 30 }),
    );
    await renderView(getOrgScorecards);
    await screen.findByRole('table', { name: 'Entity scorecards' });
    await userEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(getOrgScorecards).toHaveBeenLastCalledWith({ days: 7 });
    expect(
      await screen.findByText(/3 of 3 entities · last 7 days/),
    ).toBeInTheDocument();
  });
});
