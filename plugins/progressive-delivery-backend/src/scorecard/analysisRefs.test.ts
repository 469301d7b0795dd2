import { Rollout } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { referencedTemplates } from '../slo/analysisGating';
import { analysisUses } from './analysisRefs';
import {
  canaryRollout,
  goldManifests,
  rolloutOf,
  shopManifests,
} from './__testUtils__/scenario';

describe('analysisUses', () => {
  const rollouts: Rollout[] = [
    rolloutOf(goldManifests()),
    rolloutOf(
      shopManifests({
        preset: 'blue-green',
        analysis: { type: 'error-ratio' },
      }),
    ),
    canaryRollout({
      steps: [
        {
          analysis: {
            templates: [
              { templateName: 'a' },
              {},
              { templateName: 'b', clusterScope: true },
            ],
          },
        },
        {
          experiment: {
            templates: [{ name: 'x', specRef: 'canary' }],
            analyses: [{ name: 'e', templateName: 'c' }],
          },
        },
      ],
      analysis: { templates: [{ templateName: 'd' }] },
    }),
  ];

  it('finds the same templates as referencedTemplates, in the same order', () => {
    for (const rollout of rollouts) {
      expect(analysisUses(rollout).map(u => u.ref)).toEqual(
        referencedTemplates(rollout),
      );
    }
  });

  it('names the field of each reference', () => {
    expect(analysisUses(rollouts[2]).map(u => [u.kind, u.field])).toEqual([
      ['step', 'spec.strategy.canary.steps[0].analysis.templates[0]'],
      ['step', 'spec.strategy.canary.steps[0].analysis.templates[2]'],
      ['experiment', 'spec.strategy.canary.steps[1].experiment.analyses[0]'],
      ['background', 'spec.strategy.canary.analysis.templates[0]'],
    ]);
  });
});
