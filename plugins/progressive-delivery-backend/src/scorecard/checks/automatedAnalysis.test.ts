import {
  canaryRollout,
  experimentStep,
  scenario,
  shopManifests,
} from '../__testUtils__/scenario';
import { automatedAnalysis } from './automatedAnalysis';

describe('automated-analysis', () => {
  it('passes with a step analysis and background analysis, naming each template', () => {
    const check = automatedAnalysis(
      scenario(
        shopManifests({
          trafficRouting: { type: 'nginx' },
          analysis: { type: 'error-ratio' },
        }),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence.map(e => [e.field, e.detail])).toEqual([
      [
        'spec.strategy.canary.steps[2].analysis.templates[0]',
        'analysis step with AnalysisTemplate shop-error-ratio',
      ],
      [
        'spec.strategy.canary.analysis.templates[0]',
        'background analysis with AnalysisTemplate shop-error-ratio-background',
      ],
    ]);
  });

  it('passes with an experiment step with analyses (upstream experiment-step fixture)', () => {
    const check = automatedAnalysis(
      scenario([canaryRollout({ steps: [experimentStep()] })]),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[0].experiment.analyses[0]',
      detail:
        'experiment analysis with AnalysisTemplate stress-test (not found in the cluster: the analysis will error)',
    });
  });

  it('passes blue-green with pre-promotion analysis', () => {
    const check = automatedAnalysis(
      scenario(
        shopManifests({
          preset: 'blue-green',
          analysis: { type: 'error-ratio' },
        }),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].field).toBe(
      'spec.strategy.blueGreen.prePromotionAnalysis.templates[0]',
    );
  });

  it('fails without analysis, with a fix for the strategy', () => {
    const canary = automatedAnalysis(scenario(shopManifests()));
    expect(canary.result).toBe('fail');
    expect(canary.evidence[0].field).toBe('spec.strategy.canary');
    expect(canary.fix.url).toMatch(/features\/analysis/);

    const blueGreen = automatedAnalysis(
      scenario(shopManifests({ preset: 'blue-green' })),
    );
    expect(blueGreen.result).toBe('fail');
    expect(blueGreen.fix.text).toMatch(/prePromotionAnalysis/);
  });

  it('ignores template references without a name', () => {
    expect(
      automatedAnalysis(
        scenario([
          canaryRollout({ steps: [{ analysis: { templates: [{}] } }] }),
        ]),
      ).result,
    ).toBe('fail');
  });
});
