import { render, screen } from '@testing-library/react';
import { ScorecardTrend, signedNumber } from './ScorecardTrend';

describe('ScorecardTrend', () => {
  it('writes the sign and the meaning, not only an arrow', () => {
    render(<ScorecardTrend trend={2} days={30} />);
    expect(
      screen.getByLabelText('Trend: 2 more passing checks than 30 days ago'),
    ).toHaveTextContent('+2');
  });

  it('shows a fall, no change and no history', () => {
    const { rerender } = render(<ScorecardTrend trend={-1} days={7} />);
    expect(
      screen.getByLabelText('Trend: 1 fewer passing check than 7 days ago'),
    ).toHaveTextContent('−1');
    rerender(<ScorecardTrend trend={0} days={7} />);
    expect(
      screen.getByLabelText('Trend: no change over 7 days'),
    ).toHaveTextContent('±0');
    rerender(<ScorecardTrend trend={null} days={90} />);
    expect(
      screen.getByLabelText('No trend: no score history from 90 days ago'),
    ).toHaveTextContent('—');
  });

  it('rounds means to one decimal', () => {
    expect(signedNumber(1.25)).toBe('+1.3');
    expect(signedNumber(-0.04)).toBe('±0');
  });
});
