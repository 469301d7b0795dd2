import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ClusterStatusBanner } from './ClusterStatusBanner';

describe('ClusterStatusBanner', () => {
  it('names clusters that are down or syncing', async () => {
    await renderInTestApp(
      <ClusterStatusBanner
        clusters={[
          { name: 'eu-prod', status: 'ok' },
          { name: 'us-prod', status: 'error', error: 'connect ECONNREFUSED' },
          { name: 'staging', status: 'syncing' },
        ]}
      />,
    );
    expect(
      screen.getByText(/Cluster us-prod is unreachable: connect ECONNREFUSED/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Cluster staging is syncing/)).toBeInTheDocument();
    expect(screen.queryByText(/eu-prod/)).not.toBeInTheDocument();
  });

  it('renders nothing when all clusters are healthy', async () => {
    await renderInTestApp(
      <ClusterStatusBanner clusters={[{ name: 'eu-prod', status: 'ok' }]} />,
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
