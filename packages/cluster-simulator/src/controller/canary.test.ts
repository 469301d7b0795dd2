import {
  Harness,
  analysisTemplate,
  canaryRollout,
  createHarness,
  kubectl,
  prometheusMetric,
  replicaSets,
  replicasByRevision,
  setImage,
} from './__testUtils__/harness';

const NS = 'default';

const STEPS = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: { duration: '30s' } },
];

function startUpdate(
  h: Harness,
  name = 'demo',
  steps: any[] = STEPS,
  extra = {},
) {
  h.store.create(canaryRollout(name, steps, extra));
  h.settle();
  setImage(h, NS, name, `example/${name}:v2`);
  h.settle();
  return h.rollout(NS, name);
}

describe('canary: initial deploy', () => {
  it('goes straight to Healthy with one ReplicaSet, pods and the controller status fields', () => {
    const h = createHarness();
    h.store.create(canaryRollout('demo', STEPS));
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('1');
    const st = ro.status;
    expect(st.phase).toBe('Healthy');
    expect(st.message).toBeUndefined();
    expect(st.stableRS).toBe(st.currentPodHash);
    expect(st.currentStepIndex).toBe(4);
    expect(st.observedGeneration).toBe('1');
    expect(st).toMatchObject({
      replicas: 5,
      updatedReplicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      HPAReplicas: 5,
      selector: 'app=demo',
      blueGreen: {},
      canary: {},
    });
    expect(st.currentStepHash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    const types = st.conditions.map(
      (c: any) => `${c.type}=${c.status}/${c.reason}`,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'Available=True/AvailableReason',
        'Progressing=True/NewReplicaSetAvailable',
        'Completed=True/RolloutCompleted',
        'Healthy=True/RolloutHealthy',
      ]),
    );

    const [rs] = replicaSets(h, NS, 'demo');
    const hash = st.currentPodHash;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`demo-${hash}`);
    expect(rs.metadata.labels).toEqual({
      app: 'demo',
      'rollouts-pod-template-hash': hash,
    });
    expect(rs.metadata.annotations).toEqual({
      'rollout.argoproj.io/revision': '1',
      'rollout.argoproj.io/desired-replicas': '5',
    });
    expect(rs.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: 'demo',
        uid: ro.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs.spec.selector.matchLabels).toEqual({
      app: 'demo',
      'rollouts-pod-template-hash': hash,
    });
    expect(rs.status).toMatchObject({
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      fullyLabeledReplicas: 5,
    });
    const pods = h.list('Pod', NS);
    expect(pods).toHaveLength(5);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^demo-${hash}-[a-z0-9]{5}$`),
      );
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs.metadata.name,
        uid: rs.metadata.uid,
        controller: true,
      });
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.containerStatuses[0]).toMatchObject({
        ready: true,
        restartCount: 0,
        image: 'example/demo:v1',
      });
      expect(pod.metadata.labels?.['rollouts-pod-template-hash']).toBe(hash);
    }
  });

  it('computes a stable pod-template hash and does not write when nothing changes', () => {
    const h = createHarness();
    h.store.create(canaryRollout('demo', STEPS));
    h.settle();
    const rv = h.store.resourceVersion;
    h.settle();
    h.settle();
    expect(h.store.resourceVersion).toBe(rv);
    const h2 = createHarness();
    h2.store.create(canaryRollout('demo', STEPS));
    h2.settle();
    expect(h2.rollout(NS, 'demo').status.currentPodHash).toBe(
      h.rollout(NS, 'demo').status.currentPodHash,
    );
  });
});

describe('canary: step kinds', () => {
  it('setWeight scales canary and stable ReplicaSets like the basic canary', () => {
    const h = createHarness();
    const ro = startUpdate(h);
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('2');
    // 20% of 5 → 1 canary, ceil(80% of 5) → 4 stable; then the pause step.
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 4, '2': 1 });
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.status).toMatchObject({
      replicas: 5,
      updatedReplicas: 1,
      availableReplicas: 5,
    });
    expect(ro.status.stableRS).not.toBe(ro.status.currentPodHash);
  });

  it('indefinite pause: Paused/CanaryPauseStep until promoted', () => {
    const h = createHarness();
    let ro = startUpdate(h);
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.message).toBe('CanaryPauseStep');
    expect(ro.status.controllerPause).toBe(true);
    expect(ro.status.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: '2026-11-26T12:00:00Z' },
    ]);
    const cond = (t: string) =>
      ro.status.conditions.find((c: any) => c.type === t);
    expect(cond('Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'RolloutPaused',
    });
    expect(cond('Paused')).toMatchObject({
      status: 'True',
      reason: 'RolloutPaused',
    });
    h.advance(3600_000);
    ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.status.phase).toBe('Paused');
  });

  it('timed pause advances after its duration, and not before', () => {
    const h = createHarness();
    startUpdate(h);
    kubectl.promote(h, NS, 'demo');
    h.settle();
    let ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(3);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 2, '2': 3 });
    expect(ro.status.pauseConditions[0].reason).toBe('CanaryPauseStep');
    h.advance(29_000);
    expect(h.rollout(NS, 'demo').status.currentStepIndex).toBe(3);
    // The controller's own timer fires at 30s (no reconcileAll needed).
    h.clock.advance(1_000);
    ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(4);
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.stableRS).toBe(ro.status.currentPodHash);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 0, '2': 5 });
  });

  it('analysis step: success moves on with a Successful AnalysisRun named like the controller', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 2, interval: '30s' }),
      ),
    );
    const ro = startUpdate(h, 'demo', [
      { setWeight: 20 },
      {
        analysis: {
          templates: [{ templateName: 'success-rate' }],
          args: [{ name: 'service-name', value: 'demo' }],
        },
      },
      { setWeight: 50 },
      { pause: {} },
    ]);
    const hash = ro.status.currentPodHash;
    const runName = `demo-${hash}-2-1`;
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.status.phase).toBe('Progressing');
    expect(ro.status.canary.currentStepAnalysisRunStatus).toEqual({
      name: runName,
      status: 'Running',
    });
    let run = h.get('AnalysisRun', NS, runName);
    expect(run.metadata.labels).toEqual({
      app: 'demo',
      'rollout-type': 'Step',
      'rollouts-pod-template-hash': hash,
      'step-index': '1',
    });
    expect(run.metadata.annotations?.['rollout.argoproj.io/revision']).toBe(
      '2',
    );
    expect(run.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Rollout',
      uid: ro.metadata.uid,
      controller: true,
    });
    expect(run.spec.args).toEqual([{ name: 'service-name', value: 'demo' }]);
    expect(run.status.metricResults[0].measurements).toHaveLength(1);
    expect(run.status.metricResults[0].measurements[0].value).toMatch(
      /^\[0\.9\d*\]$/,
    );
    expect(
      run.status.metricResults[0].metadata.ResolvedPrometheusQuery,
    ).toContain('job="demo"');
    h.advance(30_000);
    run = h.get('AnalysisRun', NS, runName);
    expect(run.status).toMatchObject({
      phase: 'Successful',
      runSummary: { count: 1, successful: 1 },
    });
    expect(run.status.metricResults[0]).toMatchObject({
      count: 2,
      successful: 2,
      phase: 'Successful',
    });
    const after = h.rollout(NS, 'demo');
    expect(after.status.currentStepIndex).toBe(3);
    expect(after.status.canary.currentStepAnalysisRunStatus).toBeUndefined();
  });

  it('analysis step: failure aborts the rollout (Degraded)', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 3, interval: '30s' }),
      ),
    );
    const ro = startUpdate(
      h,
      'demo',
      [
        { setWeight: 20 },
        { analysis: { templates: [{ templateName: 'success-rate' }] } },
        { setWeight: 50 },
      ],
      { annotations: { 'simulator.pdelivery.dev/metric-outcome': 'failure' } },
    );
    const runName = `demo-${ro.status.currentPodHash}-2-1`;
    const run = h.get('AnalysisRun', NS, runName);
    expect(run.status.phase).toBe('Failed');
    expect(run.status.message).toBe(
      'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    expect(
      Number(run.status.metricResults[0].measurements[0].value.slice(1, -1)),
    ).toBeLessThan(0.95);
    expect(ro.status.abort).toBe(true);
    expect(ro.status.abortedAt).toBe('2026-11-26T12:00:00Z');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
    expect(ro.status.currentStepIndex).toBe(0);
    expect(ro.status.canary.currentStepAnalysisRunStatus).toMatchObject({
      name: runName,
      status: 'Failed',
    });
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 0 });
  });

  it('analysis step: inconclusive pauses with InconclusiveAnalysisRun; promote (case 1) skips the step', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = startUpdate(
      h,
      'demo',
      [
        { setWeight: 20 },
        { analysis: { templates: [{ templateName: 'success-rate' }] } },
        { setWeight: 50 },
        { pause: {} },
      ],
      {
        annotations: {
          'simulator.pdelivery.dev/metric-outcome': 'inconclusive',
        },
      },
    );
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.message).toBe('InconclusiveAnalysisRun');
    expect(ro.status.controllerPause).toBe(true);
    expect(ro.status.canary.currentStepAnalysisRunStatus.status).toBe(
      'Inconclusive',
    );
    const sent = kubectl.promote(h, NS, 'demo');
    expect(sent).toEqual([
      {
        subresource: 'status',
        body: {
          status: {
            pauseConditions: null,
            controllerPause: false,
            currentStepIndex: 2,
          },
        },
      },
    ]);
    h.settle();
    const after = h.rollout(NS, 'demo');
    expect(after.status.currentStepIndex).toBe(3);
    expect(after.status.message).toBe('CanaryPauseStep');
  });

  it('analysis step: errors abort only after consecutiveErrorLimit (4) is exceeded', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 3, interval: '10s' }),
      ),
    );
    const ro = startUpdate(
      h,
      'demo',
      [
        { setWeight: 20 },
        { analysis: { templates: [{ templateName: 'success-rate' }] } },
      ],
      { annotations: { 'simulator.pdelivery.dev/metric-outcome': 'error' } },
    );
    const runName = `demo-${ro.status.currentPodHash}-2-1`;
    expect(h.get('AnalysisRun', NS, runName).status.phase).toBe('Running');
    h.advance(30_000);
    expect(
      h.get('AnalysisRun', NS, runName).status.metricResults[0],
    ).toMatchObject({
      error: 4,
      consecutiveError: 4,
      phase: 'Running',
    });
    h.advance(10_000);
    const run = h.get('AnalysisRun', NS, runName);
    expect(run.status.phase).toBe('Error');
    expect(run.status.message).toBe(
      'Metric "success-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)',
    );
    expect(run.status.metricResults[0].measurements[0]).toMatchObject({
      phase: 'Error',
    });
    expect(run.status.metricResults[0].measurements[0].message).toContain(
      'connection refused',
    );
    expect(h.rollout(NS, 'demo').status.phase).toBe('Degraded');
  });

  it('experiment step: creates the Experiment with ReplicaSets and runs it for its duration', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = startUpdate(h, 'demo', [
      { setWeight: 20 },
      {
        experiment: {
          duration: '1m',
          templates: [
            { name: 'baseline', specRef: 'stable', replicas: 1 },
            { name: 'canary', specRef: 'canary', replicas: 1 },
          ],
          analyses: [{ name: 'success-rate', templateName: 'success-rate' }],
        },
      },
      { setWeight: 60 },
      { pause: {} },
    ]);
    const expName = `demo-${ro.status.currentPodHash}-2-1`;
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.status.canary.currentExperiment).toBe(expName);
    const exp = h.get('Experiment', NS, expName);
    expect(exp.metadata.ownerReferences?.[0].uid).toBe(ro.metadata.uid);
    expect(exp.status.phase).toBe('Running');
    expect(
      exp.status.templateStatuses.map((t: any) => [t.name, t.status]),
    ).toEqual([
      ['baseline', 'Running'],
      ['canary', 'Running'],
    ]);
    const expRS = h
      .list('ReplicaSet', NS)
      .filter(rs => rs.metadata.ownerReferences?.[0].uid === exp.metadata.uid);
    expect(expRS.map(rs => rs.metadata.name).sort()).toEqual([
      `${expName}-baseline`,
      `${expName}-canary`,
    ]);
    expect(
      expRS[0].metadata.annotations?.['experiment.argoproj.io/template-name'],
    ).toBeDefined();
    const run = h.get('AnalysisRun', NS, `${expName}-success-rate`);
    expect(run.metadata.ownerReferences?.[0].uid).toBe(exp.metadata.uid);
    h.advance(60_000);
    expect(h.get('Experiment', NS, expName).status.phase).toBe('Successful');
    const after = h.rollout(NS, 'demo');
    expect(after.status.currentStepIndex).toBe(3);
    expect(
      h
        .list('ReplicaSet', NS)
        .filter(rs => rs.metadata.ownerReferences?.[0].uid === exp.metadata.uid)
        .map(rs => rs.spec.replicas),
    ).toEqual([0, 0]);
  });

  it('setCanaryScale, setHeaderRoute and setMirrorRoute with traffic routing', () => {
    const h = createHarness();
    const steps = [
      { setCanaryScale: { replicas: 2 } },
      {
        setHeaderRoute: {
          name: 'beta',
          match: [{ headerName: 'x-beta', headerValue: { exact: 'true' } }],
        },
      },
      {
        setMirrorRoute: {
          name: 'shadow',
          percentage: 20,
          match: [{ method: { exact: 'GET' } }],
        },
      },
      { setWeight: 10 },
      { pause: {} },
      { setCanaryScale: { matchTrafficWeight: true } },
      { setWeight: 40 },
      { pause: {} },
    ];
    const canary = {
      stableService: 'demo',
      canaryService: 'demo-canary',
      trafficRouting: {
        managedRoutes: [{ name: 'beta' }, { name: 'shadow' }],
        istio: { virtualService: { name: 'demo', routes: ['primary'] } },
      },
    };
    let ro = startUpdate(h, 'demo', steps, { canary, replicas: 5 });
    // The route steps complete at once; setCanaryScale keeps 2 canary pods at weight 10.
    expect(ro.status.currentStepIndex).toBe(4);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 2 });
    expect(ro.status.canary.weights).toEqual({
      canary: {
        podTemplateHash: ro.status.currentPodHash,
        serviceName: 'demo-canary',
        weight: 10,
      },
      stable: {
        podTemplateHash: ro.status.stableRS,
        serviceName: 'demo',
        weight: 90,
      },
    });
    kubectl.promote(h, NS, 'demo');
    h.settle();
    ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(7);
    // matchTrafficWeight: 40% of 5 → 2; stable stays at 5 with traffic routing.
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 2 });
    expect(ro.status.canary.weights.canary.weight).toBe(40);
    kubectl.promote(h, NS, 'demo');
    h.settle();
    ro = h.rollout(NS, 'demo');
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.canary.weights).toEqual({
      canary: {
        podTemplateHash: ro.status.currentPodHash,
        serviceName: 'demo-canary',
        weight: 0,
      },
      stable: {
        podTemplateHash: ro.status.currentPodHash,
        serviceName: 'demo',
        weight: 100,
      },
    });
    // scaleDownDelaySeconds (default 30) keeps the old stable up with a deadline annotation.
    const old = replicaSets(h, NS, 'demo').find(
      rs => rs.metadata.annotations?.['rollout.argoproj.io/revision'] === '1',
    );
    expect(old?.spec.replicas).toBe(5);
    expect(old?.metadata.annotations?.['scale-down-deadline']).toBe(
      '2026-11-26T12:00:30Z',
    );
    h.clock.advance(30_000);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 0, '2': 5 });
  });

  it('background analysis failure aborts with the background message', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ interval: '30s' })),
    );
    const ro = startUpdate(h, 'demo', [{ setWeight: 20 }, { pause: {} }], {
      canary: {
        analysis: {
          templates: [{ templateName: 'success-rate' }],
          args: [{ name: 'service-name', value: 'demo' }],
        },
      },
      annotations: {
        'simulator.pdelivery.dev/metric-outcome': 'failure-after:2',
      },
    });
    const runName = `demo-${ro.status.currentPodHash}-2`;
    expect(
      h.get('AnalysisRun', NS, runName).metadata.labels?.['rollout-type'],
    ).toBe('Background');
    expect(ro.status.canary.currentBackgroundAnalysisRunStatus).toEqual({
      name: runName,
      status: 'Running',
    });
    expect(ro.status.phase).toBe('Paused');
    h.advance(30_000);
    expect(h.rollout(NS, 'demo').status.phase).toBe('Paused');
    h.advance(30_000);
    const after = h.rollout(NS, 'demo');
    expect(after.status.phase).toBe('Degraded');
    expect(after.status.message).toContain(
      'Background analysis phase error/failed: Metric "success-rate" assessed Failed',
    );
    expect(after.status.pauseConditions).toBeUndefined();
  });
});

describe('canary: kubectl argo rollouts actions', () => {
  it('promote clears the pause condition; the controller moves to the next step', () => {
    const h = createHarness();
    startUpdate(h);
    const sent = kubectl.promote(h, NS, 'demo');
    expect(sent).toEqual([
      { subresource: 'status', body: { status: { pauseConditions: null } } },
    ]);
    // Before the controller reacts: "unpausing" (controllerPause without conditions).
    const between = h.rollout(NS, 'demo');
    expect(between.status.controllerPause).toBe(true);
    expect(between.status.pauseConditions).toBeUndefined();
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(3);
    expect(ro.status.controllerPause).toBe(true); // paused again at the timed pause
    expect(ro.status.pauseConditions).toHaveLength(1);
    const progressing = ro.status.conditions.find(
      (c: any) => c.type === 'Progressing',
    );
    expect(progressing.reason).toBe('RolloutPaused');
  });

  it('promote during a running analysis step (case 3) bumps currentStepIndex', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 5, interval: '1m' }),
      ),
    );
    startUpdate(h, 'demo', [
      { setWeight: 20 },
      { analysis: { templates: [{ templateName: 'success-rate' }] } },
      { setWeight: 40 },
      { pause: {} },
    ]);
    const sent = kubectl.promote(h, NS, 'demo');
    expect(sent[0].body).toEqual({
      status: { pauseConditions: null, currentStepIndex: 2 },
    });
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(3);
    const run = h.list('AnalysisRun', NS)[0];
    expect(run.spec.terminate).toBe(true);
    expect(run.status.phase).toBe('Successful');
    expect(run.status.message).toBe('Run Terminated');
  });

  it('promote --full goes to the end at once and clears promoteFull', () => {
    const h = createHarness();
    startUpdate(h);
    const sent = kubectl.promote(h, NS, 'demo', { full: true });
    expect(sent).toEqual([
      { subresource: 'status', body: { status: { promoteFull: true } } },
    ]);
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.promoteFull).toBeUndefined();
    expect(ro.status.currentStepIndex).toBe(4);
    expect(ro.status.stableRS).toBe(ro.status.currentPodHash);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 0, '2': 5 });
  });

  it('abort scales the canary down and reports Degraded; retry restarts the update', () => {
    const h = createHarness();
    startUpdate(h);
    kubectl.abort(h, NS, 'demo');
    h.settle();
    let ro = h.rollout(NS, 'demo');
    expect(ro.status.abort).toBe(true);
    expect(ro.status.abortedAt).toBe('2026-11-26T12:00:00Z');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2',
    );
    expect(ro.status.currentStepIndex).toBe(0);
    expect(ro.status.pauseConditions).toBeUndefined();
    expect(ro.status.controllerPause).toBeUndefined();
    const progressing = ro.status.conditions.find(
      (c: any) => c.type === 'Progressing',
    );
    expect(progressing).toMatchObject({
      status: 'False',
      reason: 'RolloutAborted',
    });
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 0 });

    h.clock.advance(60_000);
    kubectl.retry(h, NS, 'demo');
    h.settle();
    ro = h.rollout(NS, 'demo');
    expect(ro.status.abort).toBeUndefined();
    expect(ro.status.abortedAt).toBeUndefined();
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.currentStepIndex).toBe(1);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 4, '2': 1 });
  });

  it('pause sets Paused "manually paused"; timed pauses wait; resume continues', () => {
    const h = createHarness();
    startUpdate(h, 'demo', [
      { setWeight: 20 },
      { pause: { duration: '30s' } },
      { setWeight: 60 },
      { pause: {} },
    ]);
    kubectl.pause(h, NS, 'demo');
    h.settle();
    let ro = h.rollout(NS, 'demo');
    expect(ro.spec.paused).toBe(true);
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.message).toBe('manually paused');
    h.advance(120_000);
    ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.status.observedGeneration).toBe(String(ro.metadata.generation));
    kubectl.resume(h, NS, 'demo');
    h.settle();
    ro = h.rollout(NS, 'demo');
    expect(ro.status.currentStepIndex).toBe(3);
    expect(ro.status.message).toBe('CanaryPauseStep');
  });

  it('promote of a manually paused rollout also sends spec.paused=false', () => {
    const h = createHarness();
    startUpdate(h);
    kubectl.pause(h, NS, 'demo');
    h.settle();
    const sent = kubectl.promote(h, NS, 'demo');
    expect(sent).toEqual([
      { subresource: 'status', body: { status: { pauseConditions: null } } },
      { body: { spec: { paused: false } } },
    ]);
    h.settle();
    expect(h.rollout(NS, 'demo').status.currentStepIndex).toBe(3);
  });

  it('restart replaces the pods started before restartAt and records restartedAt', () => {
    const h = createHarness();
    h.store.create(canaryRollout('demo', STEPS, { replicas: 3 }));
    h.settle();
    const before = h.list('Pod', NS).map(p => p.metadata.name);
    h.clock.advance(60_000);
    kubectl.restart(h, NS, 'demo', 10_000);
    h.settle();
    let ro = h.rollout(NS, 'demo');
    expect(ro.status.phase).toBe('Progressing');
    expect(ro.status.message).toBe('rollout is restarting');
    expect(h.list('Pod', NS).map(p => p.metadata.name)).toEqual(before);
    h.clock.advance(10_000);
    ro = h.rollout(NS, 'demo');
    const after = h.list('Pod', NS);
    expect(after).toHaveLength(3);
    expect(after.map(p => p.metadata.name).some(n => before.includes(n))).toBe(
      false,
    );
    expect(
      after.every(p => p.status.startTime === '2026-11-26T12:01:10Z'),
    ).toBe(true);
    expect(ro.status.restartedAt).toBe(ro.spec.restartAt);
    expect(ro.status.phase).toBe('Healthy');
  });

  it('undo patches the template back; the old ReplicaSet returns as a new revision', () => {
    const h = createHarness();
    startUpdate(h);
    const stable = h.rollout(NS, 'demo').status.stableRS;
    kubectl.undo(h, NS, 'demo');
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.currentPodHash).toBe(stable);
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.currentStepIndex).toBe(4);
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('3');
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '3': 5, '2': 0 });
    expect(ro.spec.template.spec.containers[0].image).toBe('example/demo:v1');
  });

  it('undo of an aborted rollout clears the abort', () => {
    const h = createHarness();
    startUpdate(h);
    kubectl.abort(h, NS, 'demo');
    h.settle();
    kubectl.undo(h, NS, 'demo');
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.abort).toBeUndefined();
    expect(ro.status.phase).toBe('Healthy');
  });

  it('a new image during a paused update restarts the steps at 0', () => {
    const h = createHarness();
    startUpdate(h);
    setImage(h, NS, 'demo', 'example/demo:v3');
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('3');
    expect(ro.status.currentStepIndex).toBe(1);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({
      '1': 4,
      '2': 0,
      '3': 1,
    });
  });
});

describe('canary: more abort and retry paths', () => {
  it('retry after a failed step analysis creates a new AnalysisRun (collision suffix) and fails again', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = startUpdate(
      h,
      'demo',
      [
        { setWeight: 20 },
        { analysis: { templates: [{ templateName: 'success-rate' }] } },
        { setWeight: 50 },
      ],
      { annotations: { 'simulator.pdelivery.dev/metric-outcome': 'failure' } },
    );
    const base = `demo-${ro.status.currentPodHash}-2-1`;
    expect(ro.status.phase).toBe('Degraded');
    kubectl.retry(h, NS, 'demo');
    h.settle();
    const after = h.rollout(NS, 'demo');
    expect(after.status.phase).toBe('Degraded');
    expect(after.status.canary.currentStepAnalysisRunStatus.name).toBe(
      `${base}.1`,
    );
    expect(
      h
        .list('AnalysisRun', NS)
        .map(r => r.metadata.name)
        .sort(),
    ).toEqual([base, `${base}.1`]);
  });

  it('abort with traffic routing sends all traffic to stable and keeps the canary for abortScaleDownDelaySeconds', () => {
    const h = createHarness();
    startUpdate(h, 'demo', [{ setWeight: 40 }, { pause: {} }], {
      replicas: 5,
      canary: {
        stableService: 'demo',
        canaryService: 'demo-canary',
        trafficRouting: { nginx: { stableIngress: 'demo' } },
      },
    });
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 2 });
    kubectl.abort(h, NS, 'demo');
    h.settle();
    const ro = h.rollout(NS, 'demo');
    expect(ro.status.canary.weights.canary.weight).toBe(0);
    expect(ro.status.canary.weights.stable.weight).toBe(100);
    const canaryRS = replicaSets(h, NS, 'demo').find(
      rs => rs.metadata.annotations?.['rollout.argoproj.io/revision'] === '2',
    )!;
    expect(canaryRS.spec.replicas).toBe(2);
    expect(canaryRS.metadata.annotations?.['scale-down-deadline']).toBe(
      '2026-11-26T12:00:30Z',
    );
    h.clock.advance(30_000);
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '1': 5, '2': 0 });
  });

  it('a failed experiment aborts the rollout', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = startUpdate(
      h,
      'demo',
      [
        { setWeight: 20 },
        {
          experiment: {
            templates: [{ name: 'canary', specRef: 'canary' }],
            analyses: [
              {
                name: 'success-rate',
                templateName: 'success-rate',
                requiredForCompletion: true,
              },
            ],
          },
        },
      ],
      { annotations: { 'simulator.pdelivery.dev/metric-outcome': 'failure' } },
    );
    const exp = h.get('Experiment', NS, `demo-${ro.status.currentPodHash}-2-1`);
    expect(exp.status.phase).toBe('Failed');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.abort).toBe(true);
  });
});

describe('canary: background analysis inconclusive', () => {
  it('pauses with InconclusiveAnalysisRun; promote resumes with a new background run', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = startUpdate(h, 'demo', [{ setWeight: 20 }, { setWeight: 40 }], {
      canary: {
        analysis: { templates: [{ templateName: 'success-rate' }] },
      },
      annotations: {
        'simulator.pdelivery.dev/metric-outcome': 'inconclusive',
      },
    });
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.message).toBe('InconclusiveAnalysisRun');
    const first = ro.status.canary.currentBackgroundAnalysisRunStatus.name;
    const sent = kubectl.promote(h, NS, 'demo');
    expect(sent[0].body).toEqual({ status: { pauseConditions: null } });
    const annotated = h.rollout(NS, 'demo');
    annotated.metadata.annotations!['simulator.pdelivery.dev/metric-outcome'] =
      'success';
    h.store.update(annotated);
    h.settle();
    const after = h.rollout(NS, 'demo');
    expect(
      after.status.canary.currentBackgroundAnalysisRunStatus,
    ).toBeUndefined();
    expect(after.status.phase).toBe('Healthy');
    expect(h.list('AnalysisRun', NS).map(r => r.metadata.name)).toEqual([
      first,
      `${first}.1`,
    ]);
  });
});

describe('controller lifecycle', () => {
  it('start() reacts to store events asynchronously and stop() stops', async () => {
    const h = createHarness();
    h.controller.start();
    h.store.create(canaryRollout('demo', STEPS));
    await Promise.resolve();
    await new Promise(r => setImmediate(r));
    expect(h.rollout(NS, 'demo').status.phase).toBe('Healthy');
    h.controller.stop();
    setImage(h, NS, 'demo', 'example/demo:v2');
    await new Promise(r => setImmediate(r));
    expect(h.rollout(NS, 'demo').status.currentPodHash).not.toBe(undefined);
    expect(
      h.rollout(NS, 'demo').metadata.annotations?.[
        'rollout.argoproj.io/revision'
      ],
    ).toBe('1');
  });

  it('deleting a Rollout removes its ReplicaSets, Pods and AnalysisRuns', () => {
    const h = createHarness();
    h.controller.start();
    h.store.create(canaryRollout('demo', STEPS));
    h.settle();
    h.store.delete('Rollout', NS, 'demo');
    h.settle();
    expect(h.list('ReplicaSet')).toHaveLength(0);
    expect(h.list('Pod')).toHaveLength(0);
    h.controller.stop();
  });
});

describe('revision history', () => {
  it('deletes old ReplicaSets beyond revisionHistoryLimit with their AnalysisRuns', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    const ro = canaryRollout('demo', [
      { setWeight: 50 },
      { analysis: { templates: [{ templateName: 'success-rate' }] } },
    ]);
    ro.spec.revisionHistoryLimit = 1;
    h.store.create(ro);
    h.settle();
    for (const v of ['v2', 'v3', 'v4']) {
      setImage(h, NS, 'demo', `example/demo:${v}`);
      h.settle();
    }
    expect(replicasByRevision(h, NS, 'demo')).toEqual({ '3': 0, '4': 5 });
    const hashes = replicaSets(h, NS, 'demo').map(
      rs => rs.metadata.labels?.['rollouts-pod-template-hash'],
    );
    expect(
      h
        .list('AnalysisRun', NS)
        .every(r =>
          hashes.includes(r.metadata.labels?.['rollouts-pod-template-hash']),
        ),
    ).toBe(true);
    expect(h.list('AnalysisRun', NS)).toHaveLength(2);
  });
});
