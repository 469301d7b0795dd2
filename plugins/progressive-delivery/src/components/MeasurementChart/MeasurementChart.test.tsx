import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { MeasurementChart } from './MeasurementChart';
import {
  conditionThreshold,
  domainOf,
  parseMeasurementValue,
} from './chartMath';
import { failedAnalysis } from '../../__testUtils__/data';

describe('chart math', () => {
  it('parses values, thresholds and domains', () => {
    expect(parseMeasurementValue('[0.85]')).toBe(0.85);
    expect(parseMeasurementValue('12')).toBe(12);
    expect(parseMeasurementValue('n/a')).toBeUndefined();
    expect(conditionThreshold('result[0] >= 0.95')).toBe(0.95);
    expect(conditionThreshold('len(result) > 0')).toBe(0);
    expect(conditionThreshold(undefined)).toBeUndefined();
    expect(domainOf([1, 1])).toEqual([0.9, 1.1]);
  });
});

describe('MeasurementChart', () => {
  it('plots each measurement against the success and failure conditions', async () => {
    await renderInTestApp(
      <MeasurementChart metric={failedAnalysis.metrics[0]} />,
    );
    const chart = screen.getByRole('img', {
      name: /^success-rate: \[0.99\] \(Successful\)/,
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(4);
    expect(chart.querySelectorAll('circle[data-phase="Failed"]')).toHaveLength(
      3,
    );
    expect(screen.getByTestId('success-threshold')).toHaveTextContent(
      'result[0] >= 0.95',
    );
    expect(screen.getByTestId('failure-threshold')).toHaveTextContent(
      'result[0] < 0.9',
    );
  });

  it('says when there is nothing to plot', async () => {
    await renderInTestApp(
      <MeasurementChart
        metric={{ ...failedAnalysis.metrics[0], measurements: [] }}
      />,
    );
    expect(
      screen.getByText('No numeric measurements of success-rate yet.'),
    ).toBeInTheDocument();
  });
});
