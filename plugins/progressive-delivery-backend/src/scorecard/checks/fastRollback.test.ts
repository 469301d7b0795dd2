import {
  canaryRollout,
  goldManifests,
  scenario,
  shopManifests,
  withBlueGreen,
  withCanary,
} from '../__testUtils__/scenario';
import { fastRollback } from './fastRollback';

describe('fast-rollback', () => {
  it('passes a routed canary that keeps the previous version up', () => {
    const check = fastRollback(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.scaleDownDelaySeconds',
      detail:
        'the previous version stays up 600s after a promotion: a rollback in that window only moves traffic',
    });
  });

  it('passes blue-green with a scale-down delay, mentioning the abort delay', () => {
    const check = fastRollback(
      scenario(
        withBlueGreen(shopManifests({ preset: 'blue-green' }), {
          abortScaleDownDelaySeconds: 0,
        }),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toMatch(
      /stays up 600s .*kept up for inspection \(abortScaleDownDelaySeconds: 0\)$/,
    );
  });

  it('fails a canary without traffic routing', () => {
    const check = fastRollback(
      scenario(shopManifests({ preset: 'canary-basic' })),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].field).toBe('spec.strategy.canary.trafficRouting');
    expect(check.fix.url).toMatch(/traffic-management/);
  });

  it('fails when the delay is left to the default or set to 0', () => {
    const unset = fastRollback(
      scenario(
        withCanary(goldManifests(), c => {
          const { scaleDownDelaySeconds, ...rest } = c;
          return rest;
        }),
      ),
    );
    expect(unset.result).toBe('fail');
    expect(unset.evidence[0].detail).toMatch(
      /^not set: .*30 seconds \(the default\)/,
    );
    expect(
      fastRollback(
        scenario(
          withCanary(goldManifests(), c => ({
            ...c,
            scaleDownDelaySeconds: 0,
          })),
        ),
      ).evidence[0].detail,
    ).toBe('0: the previous version is scaled down at once after a promotion');
  });

  it('fails with dynamicStableScale', () => {
    const check = fastRollback(
      scenario(
        withCanary(goldManifests(), c => ({ ...c, dynamicStableScale: true })),
      ),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].field).toBe(
      'spec.strategy.canary.dynamicStableScale',
    );
  });

  it('fails when one of the rollouts fails, and does not apply without rollouts', () => {
    expect(
      fastRollback(
        scenario([
          ...goldManifests().map(object => ({ cluster: 'eu', object })),
          {
            cluster: 'us',
            object: canaryRollout({ steps: [{ setWeight: 10 }] }),
          },
        ]),
      ).result,
    ).toBe('fail');
    expect(fastRollback(scenario([])).result).toBe('n/a');
  });
});
