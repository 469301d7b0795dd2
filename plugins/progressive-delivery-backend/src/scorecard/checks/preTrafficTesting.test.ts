import {
  canaryRollout,
  experimentStep,
  goldManifests,
  headerRouteStep,
  istioManifests,
  scenario,
  shopManifests,
  withBlueGreen,
  withCanary,
} from '../__testUtils__/scenario';
import { preTrafficTesting } from './preTrafficTesting';

describe('pre-traffic-testing', () => {
  it('passes canary pods scaled up at weight 0 (progressive preset)', () => {
    const check = preTrafficTesting(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[1].setCanaryScale',
      detail: 'canary pods run (1 replica) before any traffic reaches them',
    });
  });

  it('passes a header route at weight 0', () => {
    const check = preTrafficTesting(
      scenario(
        withCanary(istioManifests(), c => ({
          ...c,
          steps: [headerRouteStep(), { setWeight: 10 }],
        })),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'only requests carrying x-test reach the canary at weight 0',
    );
  });

  it('passes an experiment with analyses before the first weight (upstream experiment-step)', () => {
    expect(
      preTrafficTesting(
        scenario([
          canaryRollout({ steps: [experimentStep(), { setWeight: 20 }] }),
        ]),
      ).result,
    ).toBe('pass');
  });

  it('fails when users reach the canary first', () => {
    const check = preTrafficTesting(
      scenario(
        withCanary(istioManifests(), c => ({
          ...c,
          steps: [{ setWeight: 10 }, { setCanaryScale: { replicas: 2 } }],
        })),
      ),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[0].setWeight',
      detail:
        'users reach the new version at step 1 (10%) before anything tests it',
    });
    expect(check.fix.url).toMatch(/setcanaryscale/);
  });

  it('does not count matchTrafficWeight, or a scale-up without traffic routing', () => {
    expect(
      preTrafficTesting(
        scenario(
          withCanary(istioManifests(), c => ({
            ...c,
            steps: [
              { setCanaryScale: { matchTrafficWeight: true } },
              { setWeight: 10 },
            ],
          })),
        ),
      ).result,
    ).toBe('fail');
    const basic = preTrafficTesting(
      scenario([
        canaryRollout({
          steps: [{ setCanaryScale: { replicas: 1 } }, { setWeight: 10 }],
        }),
      ]),
    );
    expect(basic.result).toBe('fail');
    expect(basic.evidence[0].detail).toMatch(
      /needs spec.strategy.canary.trafficRouting/,
    );
    expect(basic.fix.url).toMatch(/traffic-management/);
  });

  it('judges blue-green by its preview', () => {
    expect(
      preTrafficTesting(
        scenario(
          shopManifests({
            preset: 'blue-green',
            analysis: { type: 'error-ratio' },
          }),
        ),
      ).evidence[0].field,
    ).toBe('spec.strategy.blueGreen.prePromotionAnalysis');
    // Without analysis the preset promotes by hand: people test the preview.
    expect(
      preTrafficTesting(scenario(shopManifests({ preset: 'blue-green' })))
        .evidence[0].detail,
    ).toBe(
      'preview Service shop-preview lets people test the new version before they promote it',
    );
    const auto = withBlueGreen(shopManifests({ preset: 'blue-green' }), {
      autoPromotionEnabled: true,
    });
    const check = preTrafficTesting(scenario(auto));
    expect(check.result).toBe('fail');
    expect(check.evidence[0].detail).toBe(
      'the preview is promoted automatically, without pre-promotion analysis',
    );
  });
});
