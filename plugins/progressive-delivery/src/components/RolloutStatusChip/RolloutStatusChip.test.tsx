import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RolloutStatusChip } from './RolloutStatusChip';

describe('RolloutStatusChip', () => {
  it.each(['Healthy', 'Progressing', 'Paused', 'Degraded'] as const)(
    'shows %s',
    async status => {
      await renderInTestApp(
        <RolloutStatusChip info={{ status, aborted: false }} />,
      );
      expect(screen.getByLabelText(`Status: ${status}`)).toHaveTextContent(
        status,
      );
    },
  );

  it('says when a rollout is aborted', async () => {
    await renderInTestApp(
      <RolloutStatusChip info={{ status: 'Degraded', aborted: true }} />,
    );
    expect(screen.getByText('Degraded (aborted)')).toBeInTheDocument();
  });
});
