import {
  canaryRollout,
  goldManifests,
  scenario,
  shopManifests,
} from '../__testUtils__/scenario';
import { noUnguardedManualPause } from './noUnguardedManualPause';

const analysis = {
  analysis: { templates: [{ templateName: 'success-rate' }] },
};

describe('no-unguarded-manual-pause', () => {
  it('passes without pauses that wait for a person', () => {
    const check = noUnguardedManualPause(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'no pause without duration before full traffic',
    );
  });

  it('fails a manual pause with no analysis (canary-basic preset, upstream canary-demo)', () => {
    const check = noUnguardedManualPause(
      scenario(shopManifests({ preset: 'canary-basic' })),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0]).toMatchObject({
      field: 'spec.strategy.canary.steps[1].pause',
      detail: expect.stringMatching(
        /^waits for a person at 20%, and no analysis/,
      ),
    });
  });

  it('passes the canary-basic preset with background analysis', () => {
    const check = noUnguardedManualPause(
      scenario(
        shopManifests({
          preset: 'canary-basic',
          analysis: { type: 'error-ratio' },
        }),
      ),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'waits for a person at 20%; background analysis watches from step 1 on',
    );
  });

  it('passes when an analysis step follows before full traffic (demo checkout)', () => {
    const check = noUnguardedManualPause(
      scenario([
        canaryRollout({
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { setWeight: 50 },
            { pause: { duration: '30s' } },
            analysis,
            { setWeight: 80 },
          ],
        }),
      ]),
    );
    expect(check.result).toBe('pass');
    expect(check.evidence[0].detail).toBe(
      'waits for a person at 20%; the analysis of step 5 checks the canary before full traffic',
    );
  });

  it('counts an analysis earlier at the same weight, not at an earlier weight (demo payments)', () => {
    expect(
      noUnguardedManualPause(
        scenario([
          canaryRollout({
            steps: [{ setWeight: 50 }, analysis, { pause: {} }],
          }),
        ]),
      ).result,
    ).toBe('pass');
    const check = noUnguardedManualPause(
      scenario([
        canaryRollout({
          steps: [
            { setWeight: 10 },
            analysis,
            { setWeight: 50 },
            { pause: {} },
          ],
        }),
      ]),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].field).toBe('spec.strategy.canary.steps[3].pause');
  });

  it('ignores background analysis that starts after the pause, and analysis after full traffic', () => {
    expect(
      noUnguardedManualPause(
        scenario([
          canaryRollout({
            steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }],
            analysis: { templates: [{ templateName: 'bg' }], startingStep: 2 },
          }),
        ]),
      ).result,
    ).toBe('fail');
    expect(
      noUnguardedManualPause(
        scenario([
          canaryRollout({
            steps: [
              { setWeight: 20 },
              { pause: {} },
              { setWeight: 100 },
              analysis,
            ],
          }),
        ]),
      ).result,
    ).toBe('fail');
  });

  it('ignores a pause once the canary has all traffic, and timed pauses', () => {
    expect(
      noUnguardedManualPause(
        scenario([
          canaryRollout({
            steps: [
              { setWeight: 20 },
              { pause: { duration: '1h' } },
              { setWeight: 100 },
              { pause: {} },
            ],
          }),
        ]),
      ).result,
    ).toBe('pass');
  });

  it('judges blue-green manual promotion by its analyses', () => {
    // The blue-green preset without analysis: manual promotion, nothing watches.
    const manual = noUnguardedManualPause(
      scenario(shopManifests({ preset: 'blue-green' })),
    );
    expect(manual.result).toBe('fail');
    expect(manual.evidence[0].field).toBe(
      'spec.strategy.blueGreen.autoPromotionEnabled',
    );
    expect(manual.fix.text).toMatch(/prePromotionAnalysis/);
    // With analysis the preset promotes automatically.
    expect(
      noUnguardedManualPause(
        scenario(
          shopManifests({
            preset: 'blue-green',
            analysis: { type: 'error-ratio' },
          }),
        ),
      ).evidence[0].detail,
    ).toBe('promotion is automatic: no manual pause');
  });
});
