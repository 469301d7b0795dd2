import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditTrail } from './AuditTrail';
import { Apis, fakeApi } from '../../__testUtils__/apis';
import { makeAuditEntry } from '../../__testUtils__/data';

const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('AuditTrail', () => {
  it('shows entries and loads older ones', async () => {
    const getEntityAudit = jest
      .fn()
      .mockResolvedValueOnce({ items: [makeAuditEntry()], nextCursor: 'c1' })
      .mockResolvedValueOnce({
        items: [
          makeAuditEntry({
            id: 'a0',
            action: 'abort',
            outcome: 'denied',
            error: 'not allowed',
            reason: 'test',
          }),
        ],
      });
    await renderInTestApp(
      <Apis api={fakeApi({ getEntityAudit })}>
        <AuditTrail entity={entity} />
      </Apis>,
      { mountedRoutes },
    );
    expect(await screen.findByText('promote')).toBeInTheDocument();
    expect(screen.getByText('looks good')).toBeInTheDocument();
    expect(
      screen.getByText('Paused step 1 rev 2 → Progressing step 2 rev 2'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Load older audit entries' }),
    );
    expect(await screen.findByText('abort')).toBeInTheDocument();
    expect(screen.getByText('denied')).toBeInTheDocument();
    expect(getEntityAudit).toHaveBeenLastCalledWith(entity, {
      limit: 20,
      cursor: 'c1',
    });
    expect(
      screen.queryByRole('button', { name: 'Load older audit entries' }),
    ).not.toBeInTheDocument();
  });

  it('says when nothing was recorded', async () => {
    await renderInTestApp(
      <Apis api={fakeApi({})}>
        <AuditTrail entity={entity} />
      </Apis>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText(/No actions recorded yet/),
    ).toBeInTheDocument();
  });
});
