import { screen, within } from '@testing-library/react';
import { EntityProgressiveDeliveryContent } from './EntityProgressiveDeliveryContent';
import { fakeApi } from '../../__testUtils__/apis';
import { renderForEntity } from '../../__testUtils__/render';
import { makeEntityRollouts } from '../../__testUtils__/data';
import { makeEntityScorecard } from '../../__testUtils__/scorecardData';

describe('EntityProgressiveDeliveryContent scorecard section', () => {
  it('shows the scorecard in the tab, above the audit trail', async () => {
    const getEntityScorecard = jest.fn(async () => makeEntityScorecard());
    await renderForEntity(<EntityProgressiveDeliveryContent />, {
      api: fakeApi({
        getEntityRollouts: async () => makeEntityRollouts(),
        getEntityScorecard,
      }),
    });
    const section = await screen.findByRole('region', {
      name: 'Delivery scorecard',
    });
    expect(
      await within(section).findByLabelText('Level: Bronze'),
    ).toBeInTheDocument();
    expect(getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { days: 30 },
    );
    const audit = screen.getByText('Audit trail');
    expect(
      // eslint-disable-next-line no-bitwise
      section.compareDocumentPosition(audit) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
