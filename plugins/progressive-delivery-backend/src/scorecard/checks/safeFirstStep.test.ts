import {
  canaryRollout,
  goldManifests,
  headerRouteStep,
  istioManifests,
  scenario,
  shopManifests,
  withCanary,
} from '../__testUtils__/scenario';
import { safeFirstStep } from './safeFirstStep';

describe('safe-first-step', () => {
  it('passes a first weight of at most 25%', () => {
    // canary-basic: 20%, pause, 40%, ... (the upstream canary-demo steps)
    const check = safeFirstStep(
      scenario(shopManifests({ preset: 'canary-basic' })),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[0].setWeight',
      detail:
        'first step sends 20% of the traffic to the new version (without traffic routing, approximated by the share of pods)',
    });
    expect(
      safeFirstStep(scenario([canaryRollout({ steps: [{ setWeight: 25 }] })]))
        .result,
    ).toBe('pass');
  });

  it('fails a first weight above 25%', () => {
    const check = safeFirstStep(
      scenario([canaryRollout({ steps: [{ pause: {} }, { setWeight: 50 }] })]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[1].setWeight',
      detail: expect.stringMatching(/sends 50% .* more than 25%$/),
    });
  });

  it('reads weights against maxTrafficWeight', () => {
    const check = safeFirstStep(
      scenario(
        withCanary(istioManifests(), c => ({
          ...c,
          trafficRouting: { ...c.trafficRouting, maxTrafficWeight: 1000 },
          steps: [{ setWeight: 0 }, { setWeight: 200 }],
        })),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'first step sends 200 of 1000 (20%) of the traffic to the new version',
    );
  });

  it('passes header-only traffic first, whatever the weights after it', () => {
    const check = safeFirstStep(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[2].setHeaderRoute',
      detail:
        'the canary first gets only requests carrying the header x-canary',
    });
    expect(
      safeFirstStep(
        scenario(
          withCanary(istioManifests(), c => ({
            ...c,
            steps: [headerRouteStep(), { setWeight: 50 }],
          })),
        ),
      ).result,
    ).toBe('pass');
  });

  it('passes mirrored traffic first', () => {
    expect(
      safeFirstStep(
        scenario(
          withCanary(istioManifests(), c => ({
            ...c,
            steps: [
              {
                setMirrorRoute: {
                  name: 'm',
                  percentage: 50,
                  match: [{ path: { prefix: '/' } }],
                },
              },
              { setWeight: 50 },
            ],
          })),
        ),
      ).evidence[0].field,
    ).toBe('spec.strategy.canary.steps[0].setMirrorRoute');
  });

  it('does not count a route removal or a route without traffic routing', () => {
    expect(
      safeFirstStep(
        scenario(
          withCanary(istioManifests(), c => ({
            ...c,
            steps: [{ setHeaderRoute: { name: 'h' } }, { setWeight: 50 }],
          })),
        ),
      ).result,
    ).toBe('fail');
    expect(
      safeFirstStep(
        scenario([
          canaryRollout({ steps: [headerRouteStep(), { setWeight: 50 }] }),
        ]),
      ).result,
    ).toBe('fail');
  });

  it('judges a weighted experiment as the first exposure', () => {
    const check = safeFirstStep(
      scenario(
        withCanary(istioManifests(), c => ({
          ...c,
          steps: [
            {
              experiment: {
                templates: [
                  { name: 'a', specRef: 'canary', weight: 30 },
                  { name: 'b', specRef: 'stable', weight: 30 },
                ],
              },
            },
            { setWeight: 10 },
          ],
        })),
      ),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].field).toBe(
      'spec.strategy.canary.steps[0].experiment.templates',
    );
  });

  it('fails when nothing sends partial traffic', () => {
    expect(
      safeFirstStep(scenario([canaryRollout({})])).evidence[0].detail,
    ).toBe('no steps: the new version gets all traffic at once');
    expect(
      safeFirstStep(scenario([canaryRollout({ steps: [{ pause: {} }] })]))
        .evidence[0].detail,
    ).toMatch(/after the last step/);
  });

  it('does not apply to blue-green', () => {
    const check = safeFirstStep(
      scenario(shopManifests({ preset: 'blue-green' })),
    );
    expect(check.result).toBe('n/a');
    expect(check.evidence[0].field).toBe('spec.strategy.blueGreen');
  });
});
