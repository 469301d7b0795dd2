import { AnalysisTemplate } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  canaryRollout,
  goldManifests,
  scenario,
  shopManifests,
} from '../__testUtils__/scenario';
import { analysisGatedOnSlo } from './analysisGatedOnSlo';

function template(
  name: string,
  query: string,
  kind: 'AnalysisTemplate' | 'ClusterAnalysisTemplate' = 'AnalysisTemplate',
): AnalysisTemplate {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind,
    metadata: {
      name,
      ...(kind === 'AnalysisTemplate' ? { namespace: 'shop' } : {}),
    },
    spec: {
      metrics: [
        { name: 'm', provider: { prometheus: { address: 'http://p', query } } },
      ],
    },
  };
}

const burnRate = 'sum(http_requests:burnrate5m{slo="shop-availability"})';

describe('analysis-gated-on-slo', () => {
  it("passes with the builders' Pyrra burn-rate analysis", () => {
    const check = analysisGatedOnSlo(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'analysis step: AnalysisTemplate shop-slo-burn-rate queries SLO / burn-rate series',
    );
  });

  it('fails with an error-ratio analysis over raw request counters', () => {
    const check = analysisGatedOnSlo(
      scenario(
        shopManifests({
          analysis: { type: 'error-ratio' },
          preset: 'canary-analysis',
        }),
      ),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].detail).toBe(
      'analysis step: AnalysisTemplate shop-error-ratio does not query SLO or burn-rate series',
    );
  });

  it('passes when one of several templates reads the SLO, listing it first', () => {
    const rollout = canaryRollout({
      steps: [
        { setWeight: 10 },
        { analysis: { templates: [{ templateName: 'latency' }] } },
        {
          analysis: {
            templates: [{ templateName: 'slo', clusterScope: true }],
          },
        },
      ],
    });
    const check = analysisGatedOnSlo(
      scenario([
        rollout,
        template('latency', 'histogram_quantile(0.99, rate(x_bucket[5m]))'),
        template('slo', burnRate, 'ClusterAnalysisTemplate'),
      ]),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence.map(e => e.field)).toEqual([
      'spec.strategy.canary.steps[2].analysis.templates[0]',
      'spec.strategy.canary.steps[1].analysis.templates[0]',
    ]);
    expect(check.evidence[0].detail).toMatch(
      /ClusterAnalysisTemplate slo queries/,
    );
  });

  it('looks templates up in the rollout namespace and cluster only', () => {
    const rollout = canaryRollout({
      steps: [{ analysis: { templates: [{ templateName: 'slo' }] } }],
    });
    const elsewhere = {
      ...template('slo', burnRate),
      metadata: { name: 'slo', namespace: 'other' },
    };
    const check = analysisGatedOnSlo(
      scenario([
        { cluster: 'eu', object: rollout },
        { cluster: 'eu', object: elsewhere },
        { cluster: 'us', object: template('slo', burnRate) },
      ]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].detail).toBe(
      'analysis step: AnalysisTemplate slo is not in the cluster',
    );
  });

  it('fails without any analysis', () => {
    const check = analysisGatedOnSlo(scenario(shopManifests()));
    expect(check.result).toBe('fail');
    expect(check.evidence[0].detail).toBe(
      'no analysis, so nothing reads the SLO',
    );
  });

  it('does not apply without rollouts', () => {
    expect(analysisGatedOnSlo(scenario([])).result).toBe('n/a');
  });
});
