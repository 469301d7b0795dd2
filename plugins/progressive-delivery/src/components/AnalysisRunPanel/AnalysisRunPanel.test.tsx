import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AnalysisRunPanel } from './AnalysisRunPanel';
import { failedAnalysis } from '../../__testUtils__/data';

describe('AnalysisRunPanel', () => {
  it('explains a failure and plots the metric', async () => {
    await renderInTestApp(<AnalysisRunPanel analysisRuns={[failedAnalysis]} />);
    expect(
      screen.getByRole('region', { name: 'AnalysisRun payments-7b9c-2-1' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/the application misbehaved/)).toBeInTheDocument();
    expect(screen.getByText(/rollout was aborted/)).toBeInTheDocument();
    expect(screen.getByText(/3 measurements failed/)).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^success-rate:/ }),
    ).toBeInTheDocument();
  });

  it.each([
    ['error', /could not be taken/],
    ['inconclusive', /met neither condition/],
  ] as const)('explains %s in words', async (outcome, text) => {
    await renderInTestApp(
      <AnalysisRunPanel
        analysisRuns={[{ ...failedAnalysis, outcome, effect: 'pause' }]}
      />,
    );
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('says how to add analysis when there is none', async () => {
    await renderInTestApp(<AnalysisRunPanel analysisRuns={[]} />);
    expect(screen.getByText(/No AnalysisRuns/)).toBeInTheDocument();
  });
});
