import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { RolloutStepsDescription } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { StepsTimeline } from './StepsTimeline';
import { canarySteps } from '../../__testUtils__/data';

describe('StepsTimeline', () => {
  it('shows every step kind and highlights the current one', async () => {
    await renderInTestApp(<StepsTimeline steps={canarySteps} />);
    const list = screen.getByRole('list', { name: 'Canary steps (8)' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(8);
    const current = list.querySelector('[aria-current="step"]')!;
    expect(current).toHaveTextContent('Pause until promoted');
    expect(current).toHaveTextContent('Waits until someone promotes');
    expect(
      screen.getByText(/Canary receives 20% of traffic/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Analysis templates: success-rate/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/baseline \(stable, 1 replicas\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/X-Canary exact "yes"/)).toBeInTheDocument();
    expect(
      screen.getByText(/10% of matching traffic mirrored/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Canary scaled to 2 replicas/)).toBeInTheDocument();
  });

  it('counts down a timed pause', async () => {
    const endsAt = new Date(Date.now() + 90_000).toISOString();
    const steps: RolloutStepsDescription = {
      ...canarySteps,
      steps: [
        {
          index: 0,
          state: 'current',
          title: 'Pause for 2m',
          kind: 'pause',
          duration: '2m',
          durationSeconds: 120,
          countdown: {
            startedAt: new Date().toISOString(),
            endsAt,
            remainingSeconds: 90,
          },
        },
      ],
    };
    await renderInTestApp(<StepsTimeline steps={steps} />);
    expect(screen.getByRole('timer')).toHaveTextContent(
      /Resumes on its own in (89|90)s/,
    );
  });

  it('shows blue-green stages', async () => {
    await renderInTestApp(
      <StepsTimeline
        steps={{
          strategy: 'BlueGreen',
          steps: [],
          aborted: false,
          managedRoutes: [],
          stages: [
            {
              kind: 'preview',
              state: 'done',
              title: 'Preview ReplicaSet ready',
            },
            {
              kind: 'promote',
              state: 'current',
              title: 'Promote',
              autoPromotion: { enabled: false },
            },
            {
              kind: 'scaleDown',
              state: 'pending',
              title: 'Scale down old revision',
              scaleDownDelaySeconds: 30,
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByRole('list', { name: 'Blue-green stages' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Waits until someone promotes the rollout'),
    ).toBeInTheDocument();
  });
});
