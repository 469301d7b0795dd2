import { Rollout } from '../kubernetes/rollout';
import { loadFixtures } from '../__testUtils__/loadFixtures';
import { describeSteps } from './describeSteps';
import { durationSeconds, formatSeconds } from './rolloutDuration';

/** A canary using every step kind, currently at the timed pause (index 2). */
function everyStepKind(now: Date, pauseStartedSecondsAgo = 12): Rollout {
  return {
    metadata: { name: 'all-steps', generation: 1 },
    spec: {
      replicas: 4,
      strategy: {
        canary: {
          trafficRouting: {
            istio: {},
            managedRoutes: [{ name: 'header-route' }, { name: 'mirror-route' }],
          },
          steps: [
            { setWeight: 10 },
            { setCanaryScale: { replicas: 2 } },
            { pause: { duration: '1m' } },
            {
              analysis: {
                templates: [
                  { templateName: 'success-rate' },
                  { templateName: 'latency', clusterScope: true },
                ],
                args: [{ name: 'service', value: 'web' }],
              },
            },
            {
              experiment: {
                duration: '10m',
                templates: [
                  { name: 'baseline', specRef: 'stable', replicas: 1 },
                  { name: 'canary', specRef: 'canary', weight: 5 },
                ],
                analyses: [
                  {
                    name: 'compare',
                    templateName: 'mann-whitney',
                    requiredForCompletion: true,
                  },
                ],
              },
            },
            {
              setHeaderRoute: {
                name: 'header-route',
                match: [
                  { headerName: 'X-Canary', headerValue: { exact: 'yes' } },
                  {
                    headerName: 'User-Agent',
                    headerValue: { regex: '.*Firefox.*' },
                  },
                ],
              },
            },
            {
              setMirrorRoute: {
                name: 'mirror-route',
                percentage: 35,
                match: [
                  { method: { exact: 'POST' }, path: { prefix: '/color' } },
                ],
              },
            },
            { setCanaryScale: { weight: 50 } },
            { setCanaryScale: { matchTrafficWeight: true } },
            { setHeaderRoute: { name: 'header-route' } },
            { setMirrorRoute: { name: 'other-route' } },
            {
              plugin: {
                name: 'argoproj-labs/step-exec',
                config: { command: 'echo hi' },
              },
            },
            { pause: {} },
            { pause: { duration: 30 } },
            {},
          ],
        },
      },
    },
    status: {
      currentStepIndex: 2,
      pauseConditions: [
        {
          reason: 'CanaryPauseStep',
          startTime: new Date(now.getTime() - pauseStartedSecondsAgo * 1000)
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z'),
        },
      ],
      controllerPause: true,
    },
  };
}

describe('describeSteps: canary', () => {
  const now = new Date('2024-03-01T10:00:00Z');
  const description = describeSteps(everyStepKind(now), now);

  it('describes every step kind with its parameters', () => {
    expect(description.strategy).toBe('Canary');
    expect(description.stages).toEqual([]);
    expect(description.managedRoutes).toEqual(['header-route', 'mirror-route']);
    expect(description.steps.map(s => [s.kind, s.title])).toEqual([
      ['setWeight', 'Set weight to 10%'],
      ['setCanaryScale', 'Scale canary to 2 replicas'],
      ['pause', 'Pause for 1m'],
      ['analysis', 'Run analysis success-rate, latency'],
      [
        'experiment',
        'Run experiment (baseline from stable, canary from canary) for 10m',
      ],
      [
        'setHeaderRoute',
        'Route requests with X-Canary exact "yes" and User-Agent regex ".*Firefox.*" to canary (header-route)',
      ],
      [
        'setMirrorRoute',
        'Mirror 35% of matching traffic to canary (mirror-route)',
      ],
      ['setCanaryScale', 'Scale canary to 50% of replicas'],
      ['setCanaryScale', 'Scale canary to match traffic weight'],
      ['setHeaderRoute', 'Remove header route header-route'],
      ['setMirrorRoute', 'Remove mirror route other-route'],
      ['plugin', 'Run step plugin argoproj-labs/step-exec'],
      ['pause', 'Pause until promoted'],
      ['pause', 'Pause for 30s'],
      ['unknown', 'Unknown step'],
    ]);
    expect(description.steps[3]).toMatchObject({
      templates: [
        { name: 'success-rate', clusterScope: false },
        { name: 'latency', clusterScope: true },
      ],
      args: [{ name: 'service', value: 'web' }],
    });
    expect(description.steps[4]).toMatchObject({
      durationSeconds: 600,
      templates: [
        { name: 'baseline', specRef: 'stable', replicas: 1 },
        { name: 'canary', specRef: 'canary', weight: 5 },
      ],
      analyses: [
        {
          analysisName: 'compare',
          name: 'mann-whitney',
          clusterScope: false,
          requiredForCompletion: true,
        },
      ],
    });
    expect(description.steps[5]).toMatchObject({
      routeName: 'header-route',
      managed: true,
      matches: [
        { headerName: 'X-Canary', matchType: 'exact', value: 'yes' },
        { headerName: 'User-Agent', matchType: 'regex', value: '.*Firefox.*' },
      ],
    });
    expect(description.steps[6]).toMatchObject({
      routeName: 'mirror-route',
      percentage: 35,
      managed: true,
      matches: [{ method: { exact: 'POST' }, path: { prefix: '/color' } }],
    });
    // A route the spec does not list in managedRoutes is flagged.
    expect(description.steps[10]).toMatchObject({
      routeName: 'other-route',
      managed: false,
      matches: [],
    });
    expect(description.steps[11]).toMatchObject({
      pluginName: 'argoproj-labs/step-exec',
      config: { command: 'echo hi' },
    });
    expect(description.steps[13]).toMatchObject({
      duration: 30,
      durationSeconds: 30,
    });
  });

  it('marks steps before the index done, the index current, the rest pending', () => {
    expect(description.currentStepIndex).toBe(2);
    expect(description.steps.map(s => s.state)).toEqual([
      'done',
      'done',
      'current',
      ...Array(12).fill('pending'),
    ]);
  });

  it('counts down the current timed pause from its start time', () => {
    expect(description.steps[2]).toMatchObject({
      kind: 'pause',
      duration: '1m',
      durationSeconds: 60,
      countdown: {
        startedAt: '2024-03-01T09:59:48Z',
        endsAt: '2024-03-01T10:00:48Z',
        remainingSeconds: 48,
      },
    });
    // Never negative once the time is up.
    const late = describeSteps(everyStepKind(now, 300), now);
    expect(late.steps[2]).toMatchObject({ countdown: { remainingSeconds: 0 } });
  });

  it('has no countdown for pending pauses, indefinite pauses or before the controller paused', () => {
    expect(description.steps[13]).not.toHaveProperty('countdown');
    const ro = everyStepKind(now);
    ro.status!.currentStepIndex = 12;
    const atIndefinite = describeSteps(ro, now);
    expect(atIndefinite.steps[12]).toMatchObject({
      state: 'current',
      kind: 'pause',
    });
    expect(atIndefinite.steps[12]).not.toHaveProperty('countdown');
    ro.status!.currentStepIndex = 2;
    ro.status!.pauseConditions = [];
    expect(describeSteps(ro, now).steps[2]).not.toHaveProperty('countdown');
  });

  it('all steps are done past the last one; an unset index means step 0', () => {
    const ro = everyStepKind(now);
    ro.status!.currentStepIndex = 15;
    expect(describeSteps(ro, now).steps.every(s => s.state === 'done')).toBe(
      true,
    );
    delete ro.status!.currentStepIndex;
    const fresh = describeSteps(ro, now);
    expect(fresh.currentStepIndex).toBeUndefined();
    expect(fresh.steps[0].state).toBe('current');
  });

  it('fixture canary-demo: at step 0 of 8 with an indefinite pause next', () => {
    const steps = describeSteps(loadFixtures('canary').rollouts[0], now);
    expect(steps.steps.map(s => `${s.state} ${s.title}`)).toEqual([
      'current Set weight to 20%',
      'pending Pause until promoted',
      'pending Set weight to 40%',
      'pending Pause for 10s',
      'pending Set weight to 60%',
      'pending Pause for 10s',
      'pending Set weight to 80%',
      'pending Pause for 10s',
    ]);
  });

  it('fixture rollout-experiment-analysis: experiment step current', () => {
    const steps = describeSteps(
      loadFixtures('experiment-analysis').rollouts[0],
      now,
    );
    expect(steps.steps.map(s => `${s.state} ${s.title}`)).toEqual([
      'done Set weight to 25%',
      'current Run experiment (baseline from stable, canary from canary)',
    ]);
  });

  it('flags an aborted rollout', () => {
    expect(
      describeSteps(loadFixtures('rollout-aborted').rollouts[0], now).aborted,
    ).toBe(true);
  });
});

describe('describeSteps: blue-green stages', () => {
  const now = new Date('2024-03-01T10:00:00Z');

  function bg(
    status: NonNullable<Rollout['status']>,
    extra: Partial<NonNullable<Rollout['spec']['strategy']['blueGreen']>> = {},
  ): Rollout {
    return {
      metadata: { name: 'bg' },
      spec: {
        strategy: {
          blueGreen: {
            activeService: 'web-active',
            previewService: 'web-preview',
            prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] },
            postPromotionAnalysis: { templates: [{ templateName: 'soak' }] },
            ...extra,
          },
        },
      },
      status,
    };
  }

  const stateOf = (ro: Rollout) =>
    describeSteps(ro, now).stages.map(s => `${s.kind}:${s.state}`);

  it('lists preview → pre-promotion analysis → promote → post-promotion analysis → scale-down', () => {
    const stages = describeSteps(
      bg({
        currentPodHash: 'new',
        stableRS: 'old',
        blueGreen: { activeSelector: 'old' },
      }),
      now,
    ).stages;
    expect(stages.map(s => [s.kind, s.title])).toEqual([
      ['preview', 'Bring up the new version behind web-preview'],
      ['prePromotionAnalysis', 'Pre-promotion analysis smoke'],
      ['promote', 'Switch web-active to the new version'],
      ['postPromotionAnalysis', 'Post-promotion analysis soak'],
      ['scaleDown', 'Scale down the old version after 30s'],
    ]);
    expect(stages[0].state).toBe('current');
  });

  it('follows the rollout through its stages', () => {
    const base = { currentPodHash: 'new', stableRS: 'old' };
    expect(
      stateOf(
        bg({
          ...base,
          blueGreen: {
            activeSelector: 'old',
            previewSelector: 'new',
            prePromotionAnalysisRunStatus: {
              name: 'bg-new-2-pre',
              status: 'Running',
            },
          },
        }),
      ),
    ).toEqual([
      'preview:done',
      'prePromotionAnalysis:current',
      'promote:pending',
      'postPromotionAnalysis:pending',
      'scaleDown:pending',
    ]);
    expect(
      stateOf(
        bg({
          ...base,
          blueGreen: {
            activeSelector: 'old',
            previewSelector: 'new',
            prePromotionAnalysisRunStatus: { name: 'r', status: 'Successful' },
          },
        }),
      ),
    ).toEqual([
      'preview:done',
      'prePromotionAnalysis:done',
      'promote:current',
      'postPromotionAnalysis:pending',
      'scaleDown:pending',
    ]);
    expect(
      stateOf(
        bg({
          ...base,
          blueGreen: {
            activeSelector: 'new',
            postPromotionAnalysisRunStatus: { name: 'r', status: 'Running' },
          },
        }),
      ),
    ).toEqual([
      'preview:done',
      'prePromotionAnalysis:done',
      'promote:done',
      'postPromotionAnalysis:current',
      'scaleDown:pending',
    ]);
    expect(
      stateOf(
        bg({
          currentPodHash: 'new',
          stableRS: 'new',
          blueGreen: { activeSelector: 'new' },
        }),
      ),
    ).toEqual([
      'preview:done',
      'prePromotionAnalysis:done',
      'promote:done',
      'postPromotionAnalysis:done',
      'scaleDown:done',
    ]);
  });

  it('reports the analysis run of an analysis stage', () => {
    const stages = describeSteps(
      bg({
        currentPodHash: 'new',
        stableRS: 'old',
        blueGreen: {
          activeSelector: 'old',
          previewSelector: 'new',
          prePromotionAnalysisRunStatus: {
            name: 'bg-new-2-pre',
            status: 'Failed',
          },
        },
      }),
      now,
    ).stages;
    expect(stages[1]).toMatchObject({
      state: 'current',
      analysisStatus: 'Failed',
      analysisRunName: 'bg-new-2-pre',
    });
  });

  it('counts down auto-promotion and shows the scale-down delay', () => {
    const stages = describeSteps(
      bg(
        {
          currentPodHash: 'new',
          stableRS: 'old',
          blueGreen: { activeSelector: 'old', previewSelector: 'new' },
          pauseConditions: [
            { reason: 'BlueGreenPause', startTime: '2024-03-01T09:59:00Z' },
          ],
        },
        {
          autoPromotionSeconds: 300,
          scaleDownDelaySeconds: 600,
          prePromotionAnalysis: undefined,
          postPromotionAnalysis: undefined,
        },
      ),
      now,
    ).stages;
    expect(stages.map(s => `${s.kind}:${s.state}`)).toEqual([
      'preview:done',
      'promote:current',
      'scaleDown:pending',
    ]);
    expect(stages[1]).toMatchObject({
      title: 'Switch web-active to the new version after 5m',
      autoPromotion: {
        enabled: true,
        afterSeconds: 300,
        countdown: {
          startedAt: '2024-03-01T09:59:00Z',
          endsAt: '2024-03-01T10:04:00Z',
          remainingSeconds: 240,
        },
      },
    });
    expect(stages[2]).toMatchObject({
      title: 'Scale down the old version after 10m',
      scaleDownDelaySeconds: 600,
    });
  });

  it('fixture bluegreen-demo: waiting for a manual promotion', () => {
    const description = describeSteps(
      loadFixtures('blue-green').rollouts[0],
      now,
    );
    expect(description.strategy).toBe('BlueGreen');
    expect(description.steps).toEqual([]);
    expect(description.stages).toEqual([
      {
        kind: 'preview',
        state: 'done',
        title: 'Bring up the new version behind bluegreen-demo-preview',
      },
      {
        kind: 'promote',
        state: 'current',
        title: 'Switch bluegreen-demo to the new version when promoted',
        autoPromotion: { enabled: false },
      },
      {
        kind: 'scaleDown',
        state: 'pending',
        title: 'Scale down the old version after 30s',
        scaleDownDelaySeconds: 30,
      },
    ]);
  });
});

describe('durationSeconds', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['90', 90],
    [45, 45],
    ['1500ms', 1],
  ] as const)('%s → %d seconds', (input, seconds) => {
    expect(durationSeconds(input)).toBe(seconds);
  });
  it.each(['', 'soon', '5 minutes', '1d'])('rejects %j', input => {
    expect(durationSeconds(input)).toBeUndefined();
  });
  it('formats seconds compactly', () => {
    expect([0, 45, 60, 90, 3600, 5430].map(formatSeconds)).toEqual([
      '0s',
      '45s',
      '1m',
      '1m30s',
      '1h',
      '1h30m30s',
    ]);
  });
});
