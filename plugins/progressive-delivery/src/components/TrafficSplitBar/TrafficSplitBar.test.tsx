import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TrafficSplitBar } from './TrafficSplitBar';
import { makeInfo } from '../../__testUtils__/data';

describe('TrafficSplitBar', () => {
  it('shows desired versus actual canary weight', async () => {
    await renderInTestApp(
      <TrafficSplitBar info={makeInfo({ setWeight: 40, actualWeight: 20 })} />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Desired traffic: stable (rev 1) 60%, canary (rev 2) 40%',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Actual traffic: stable (rev 1) 80%, canary (rev 2) 20%',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/still shifting/)).toBeInTheDocument();
  });

  it('shows the new revision as the stable one once fully promoted', async () => {
    const info = makeInfo({
      fullyPromoted: true,
      setWeight: 100,
      actualWeight: 100,
    });
    info.revisions[0].replicaSets[0].tags = ['stable'];
    info.revisions[1].replicaSets[0].tags = [];
    await renderInTestApp(<TrafficSplitBar info={info} />);
    expect(
      screen.getByRole('img', { name: 'Live traffic: stable (rev 2) 100%' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/canary/)).not.toBeInTheDocument();
    expect(screen.getByText(/Fully promoted/)).toBeInTheDocument();
  });

  it('shows active and preview revisions of a blue-green rollout', async () => {
    const info = makeInfo({ strategy: 'BlueGreen', setWeight: undefined });
    info.revisions[0].replicaSets[0].tags = ['preview'];
    info.revisions[1].replicaSets[0].tags = ['stable', 'active'];
    await renderInTestApp(<TrafficSplitBar info={info} />);
    expect(
      screen.getByRole('img', { name: 'Live traffic: active (rev 1) 100%' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Preview revision 2 gets no live traffic/),
    ).toBeInTheDocument();
  });
});
