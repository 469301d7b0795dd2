import { BlueGreenStrategy } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  canaryRollout,
  istioManifests,
  scenario,
  shopManifests,
  withBlueGreen,
  withCanary,
} from '../__testUtils__/scenario';
import { strategyWithSteps } from './strategyWithSteps';

const blueGreen = (fields: Partial<BlueGreenStrategy>) =>
  withBlueGreen(shopManifests({ preset: 'blue-green' }), fields);

describe('strategy-with-steps', () => {
  it('passes for canary presets', () => {
    for (const preset of ['progressive', 'canary-basic'] as const) {
      const check = strategyWithSteps(scenario(shopManifests({ preset })));
      expect(check.result).toBe('pass');
      expect(check.evidence[0]).toMatchObject({
        field: 'spec.strategy.canary.steps',
        detail: expect.stringMatching(/^canary with \d+ steps$/),
      });
    }
  });

  it('fails for a canary without steps, or whose only step is full traffic', () => {
    expect(
      strategyWithSteps(scenario([canaryRollout({})])).evidence[0].detail,
    ).toMatch(/like a rolling update/);
    expect(
      strategyWithSteps(scenario([canaryRollout({ steps: [] })])).result,
    ).toBe('fail');
    expect(
      strategyWithSteps(
        scenario([canaryRollout({ steps: [{ setWeight: 100 }] })]),
      ).result,
    ).toBe('fail');
    // With maxTrafficWeight 1000, setWeight 100 is a tenth.
    expect(
      strategyWithSteps(
        scenario(
          withCanary(istioManifests(), c => ({
            ...c,
            trafficRouting: { ...c.trafficRouting, maxTrafficWeight: 1000 },
            steps: [{ setWeight: 100 }],
          })),
        ),
      ).result,
    ).toBe('pass');
  });

  it('passes a blue-green rollout whose promotion waits for analysis, a person or a timer', () => {
    // The blue-green preset without analysis promotes manually.
    expect(
      strategyWithSteps(scenario(shopManifests({ preset: 'blue-green' })))
        .evidence[0].detail,
    ).toBe('blue-green: promotion waits for manual promotion');
    expect(
      strategyWithSteps(
        scenario(
          shopManifests({
            preset: 'blue-green',
            analysis: { type: 'error-ratio' },
          }),
        ),
      ).evidence[0].detail,
    ).toBe('blue-green: promotion waits for pre-promotion analysis');
    expect(
      strategyWithSteps(
        scenario(
          blueGreen({ autoPromotionEnabled: true, autoPromotionSeconds: 300 }),
        ),
      ).result,
    ).toBe('pass');
  });

  it('fails a blue-green rollout that promotes as soon as it is ready', () => {
    const check = strategyWithSteps(
      scenario(blueGreen({ autoPromotionEnabled: true })),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].field).toBe(
      'spec.strategy.blueGreen.autoPromotionEnabled',
    );
    expect(check.fix.url).toMatch(/bluegreen/);
  });

  it('fails when any rollout of the entity fails, and does not apply without rollouts', () => {
    const check = strategyWithSteps(
      scenario([
        {
          cluster: 'eu',
          object: canaryRollout({ steps: [{ setWeight: 20 }] }),
        },
        { cluster: 'us', object: canaryRollout({}) },
      ]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence.map(e => e.cluster)).toEqual(['us', 'eu']);
    expect(strategyWithSteps(scenario([])).result).toBe('n/a');
  });
});
