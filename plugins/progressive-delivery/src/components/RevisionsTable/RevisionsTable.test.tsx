import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RevisionsTable } from './RevisionsTable';
import { makeInfo } from '../../__testUtils__/data';

describe('RevisionsTable', () => {
  it('lists revisions with images, ReplicaSets and pods', async () => {
    await renderInTestApp(<RevisionsTable info={makeInfo()} />);
    expect(
      screen.getByRole('table', { name: 'Revisions of checkout' }),
    ).toBeInTheDocument();
    expect(screen.getByText('checkout-7b9c')).toBeInTheDocument();
    expect(screen.getByText('registry/checkout:1.0')).toBeInTheDocument();
    expect(screen.getByText('canary')).toBeInTheDocument();
    expect(
      screen.getByText('checkout-5d4f-bbbbb — Running, ready 1/1, 2 restarts'),
    ).toBeInTheDocument();
  });
});
