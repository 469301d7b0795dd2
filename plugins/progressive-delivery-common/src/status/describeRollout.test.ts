import {
  FixtureObjects,
  loadFixtures,
  relatedOf,
} from '../__testUtils__/loadFixtures';
import { describeRollout } from './describeRollout';
import { RolloutInfo, RolloutPodInfo } from './types';

/*
 * Expected values are transcribed from upstream's tests of `kubectl argo rollouts get rollout` on
 * these very fixtures: pkg/kubectl-argo-rollouts/cmd/get/get_test.go and info/info_test.go
 * (argoproj/argo-rollouts 9f8d111d8f8e).
 */

function running(name: string): RolloutPodInfo {
  return { name, status: 'Running', ready: '1/1', restarts: 0 };
}

function describeFixture(objects: FixtureObjects, index = 0, now?: Date) {
  return describeRollout(objects.rollouts[index], relatedOf(objects), now);
}

/** The tree as `get rollout` prints it: one line per object, `name kind status info`. */
function tree(info: RolloutInfo): string[] {
  const lines: string[] = [];
  for (const revision of info.revisions) {
    lines.push(`# revision:${revision.revision}`);
    for (const rs of revision.replicaSets) {
      const extra = [
        rs.tags.join(','),
        rs.scaleDownDelay ? `delay:${rs.scaleDownDelay}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      lines.push(`  RS ${rs.name} ${rs.status} ${extra}`.trimEnd());
      for (const pod of rs.pods) {
        lines.push(`    Pod ${pod.name} ${pod.status} ready:${pod.ready}`);
      }
    }
    for (const exp of revision.experiments) {
      lines.push(`  Experiment ${exp.name} ${exp.status}`);
      for (const rs of exp.replicaSets) {
        lines.push(`    RS ${rs.name} ${rs.status}`);
        for (const pod of rs.pods) {
          lines.push(`      Pod ${pod.name} ${pod.status} ready:${pod.ready}`);
        }
      }
      for (const run of exp.analysisRuns) {
        lines.push(`    AnalysisRun ${run.name} ${run.status}`);
        for (const job of run.jobs)
          lines.push(`      Job ${job.name} ${job.status}`);
      }
    }
    for (const run of revision.analysisRuns) {
      lines.push(
        `  AnalysisRun ${run.name} ${run.status} ✔${run.successful} ✖${run.failed} ?${run.inconclusive} ⚠${run.error}`,
      );
      for (const job of run.jobs)
        lines.push(`    Job ${job.name} ${job.status}`);
    }
  }
  return lines;
}

describe('describeRollout on the upstream fixtures', () => {
  it('blue-green: paused at BlueGreenPause (TestGetBlueGreenRollout)', () => {
    const info = describeFixture(loadFixtures('blue-green'));
    expect(info).toMatchObject({
      name: 'bluegreen-demo',
      namespace: 'jesse-test',
      status: 'Paused',
      message: 'BlueGreenPause',
      strategy: 'BlueGreen',
      images: [
        { image: 'argoproj/rollouts-demo:blue', tags: ['stable', 'active'] },
        { image: 'argoproj/rollouts-demo:green', tags: ['preview'] },
      ],
      replicas: { desired: 3, current: 6, updated: 3, ready: 6, available: 3 },
      revision: 11,
      paused: true,
      manuallyPaused: false,
      controllerPause: true,
      pauseConditions: [
        { reason: 'BlueGreenPause', startTime: '2019-10-28T04:50:20Z' },
      ],
      fullyPromoted: false,
      aborted: false,
      stepCount: 0,
      generationObserved: true,
    });
    // Blue-green prints no Step / SetWeight / ActualWeight lines.
    expect(info.step).toBeUndefined();
    expect(info.setWeight).toBeUndefined();
    expect(info.actualWeight).toBeUndefined();
    expect(info.currentStepIndex).toBeUndefined();
    expect(tree(info)).toEqual([
      '# revision:11',
      '  RS bluegreen-demo-74b948fccb Healthy preview',
      '    Pod bluegreen-demo-74b948fccb-5jz59 Running ready:1/1',
      '    Pod bluegreen-demo-74b948fccb-mkhrl Running ready:1/1',
      '    Pod bluegreen-demo-74b948fccb-vvj2t Running ready:1/1',
      '# revision:10',
      '  RS bluegreen-demo-6cbccd9f99 Healthy stable,active',
      '    Pod bluegreen-demo-6cbccd9f99-gk78v Running ready:1/1',
      '    Pod bluegreen-demo-6cbccd9f99-kxj8g Running ready:1/1',
      '    Pod bluegreen-demo-6cbccd9f99-t2d4f Running ready:1/1',
      '# revision:8',
      '  RS bluegreen-demo-746d5fddf6 ScaledDown',
    ]);
    expect(info.revisions[0].replicaSets[0].scaleDownDelay).toBeUndefined();
    expect(info.containers).toEqual([
      { name: 'bluegreen-demo', image: 'argoproj/rollouts-demo:green' },
    ]);
  });

  it('blue-green: a scale-down deadline in 4h shows delay:3h59m and drops the untagged image tag (TestGetBlueGreenRolloutScaleDownDelay)', () => {
    const now = new Date();
    const objects = loadFixtures('blue-green', now);
    const preview = objects.replicaSets[2];
    const inFourHours = new Date(
      Math.floor(now.getTime() / 1000) * 1000 + 4 * 3600 * 1000,
    )
      .toISOString()
      .replace('.000Z', 'Z');
    preview.metadata.annotations!['scale-down-deadline'] = inFourHours;
    delete preview.metadata.labels!['rollouts-pod-template-hash'];

    const info = describeRollout(
      objects.rollouts[0],
      relatedOf(objects),
      new Date(now.getTime() + 500),
    );
    expect(info.images).toEqual([
      { image: 'argoproj/rollouts-demo:blue', tags: ['stable', 'active'] },
      { image: 'argoproj/rollouts-demo:green', tags: [] },
    ]);
    expect(tree(info)[1]).toBe(
      '  RS bluegreen-demo-74b948fccb Healthy delay:3h59m',
    );
    expect(info.revisions[0].replicaSets[0].scaleDownDeadline).toBe(
      inFourHours,
    );
  });

  it('blue-green: a passed scale-down deadline shows delay:passed (TestGetBlueGreenRolloutScaleDownDelayPassed)', () => {
    const objects = loadFixtures('blue-green');
    const anHourAgo = new Date(Date.now() - 3600 * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    objects.replicaSets[2].metadata.annotations!['scale-down-deadline'] =
      anHourAgo;
    delete objects.replicaSets[2].metadata.labels![
      'rollouts-pod-template-hash'
    ];
    const info = describeFixture(objects);
    expect(tree(info)[1]).toBe(
      '  RS bluegreen-demo-74b948fccb Healthy delay:passed',
    );
  });

  it('blue-green: a deadline on the active ReplicaSet lands on revision 10 (TestBlueGreenRolloutInfo)', () => {
    const objects = loadFixtures('blue-green');
    objects.replicaSets[0].metadata.annotations!['scale-down-deadline'] =
      new Date(Date.now() + 4 * 3600 * 1000 - 200)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
    const info = describeFixture(objects);
    expect(info.revisions.map(r => r.revision)).toEqual([11, 10, 8]);
    expect(info.revisions[1].replicaSets[0].name).toBe(
      'bluegreen-demo-6cbccd9f99',
    );
    expect(info.revisions[1].replicaSets[0].scaleDownDelay).toBe('3h59m');
  });

  it('blue-green: each ReplicaSet carries its creation time (the AGE column)', () => {
    const objects = loadFixtures('blue-green');
    // The loader dates every object a week back; give each ReplicaSet its own time.
    const created: Record<string, string> = {
      'bluegreen-demo-74b948fccb': '2019-10-28T04:50:18Z',
      'bluegreen-demo-6cbccd9f99': '2019-10-27T09:50:52Z',
      'bluegreen-demo-746d5fddf6': '2019-10-26T08:53:17Z',
    };
    for (const rs of objects.replicaSets) {
      rs.metadata.creationTimestamp = created[rs.metadata.name!];
    }
    const info = describeFixture(objects);
    expect(
      info.revisions.map(r => [r.revision, r.replicaSets[0].createdAt]),
    ).toEqual([
      [11, '2019-10-28T04:50:18Z'],
      [10, '2019-10-27T09:50:52Z'],
      [8, '2019-10-26T08:53:17Z'],
    ]);
  });

  const canaryTree = (canaryTags: string, stableTags: string) => [
    '# revision:31',
    `  RS canary-demo-65fb5ffc84 Progressing ${canaryTags}`,
    '    Pod canary-demo-65fb5ffc84-9wf5r ImagePullBackOff ready:0/1',
    '# revision:30',
    `  RS canary-demo-877894d5b Healthy ${stableTags}`,
    '    Pod canary-demo-877894d5b-6jfpt Running ready:1/1',
    '    Pod canary-demo-877894d5b-7jmqw Running ready:1/1',
    '    Pod canary-demo-877894d5b-j8g2b Running ready:1/1',
    '    Pod canary-demo-877894d5b-jw5qm Running ready:1/1',
    '    Pod canary-demo-877894d5b-kh7x4 Running ready:1/1',
    '# revision:29',
    '  RS canary-demo-859c99b45c ScaledDown',
  ];
  const deadlineMessage =
    'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.';

  it('canary 1: bad image, progress deadline exceeded (TestGetCanaryRollout)', () => {
    const info = describeFixture(loadFixtures('canary'), 0);
    expect(info).toMatchObject({
      name: 'canary-demo',
      namespace: 'jesse-test',
      status: 'Degraded',
      message: deadlineMessage,
      strategy: 'Canary',
      step: '0/8',
      setWeight: 20,
      actualWeight: 0,
      images: [
        { image: 'argoproj/rollouts-demo:does-not-exist', tags: ['canary'] },
        { image: 'argoproj/rollouts-demo:green', tags: ['stable'] },
      ],
      replicas: { desired: 5, current: 6, updated: 1, ready: 5, available: 5 },
      currentStepIndex: 0,
      stepCount: 8,
      revision: 31,
      resourceVersion: '28253567',
      generation: 429,
      observedGeneration: '429',
      stableRS: '877894d5b',
      currentPodHash: '65fb5ffc84',
    });
    expect(tree(info)).toEqual(canaryTree('canary', 'stable'));
    expect(info.revisions[0].replicaSets[0].pods[0]).toEqual({
      name: 'canary-demo-65fb5ffc84-9wf5r',
      status: 'ImagePullBackOff',
      ready: '0/1',
      restarts: 0,
    });
  });

  it('canary 2: workloadRef to a ReplicaSet (not resolved: the CLI only resolves Deployments)', () => {
    const info = describeFixture(loadFixtures('canary'), 1);
    expect(info).toMatchObject({
      name: 'canary-demo-workloadRef',
      status: 'Degraded',
      step: '0/8',
      setWeight: 20,
      actualWeight: 0,
      workloadRef: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'canary-demo-65fb5ffc84',
        resolved: false,
      },
      containers: [],
    });
    // Images come from the ReplicaSets, so they match the plain canary.
    expect(info.images.map(i => i.image)).toEqual([
      'argoproj/rollouts-demo:does-not-exist',
      'argoproj/rollouts-demo:green',
    ]);
    expect(tree(info)).toEqual(canaryTree('canary', 'stable'));
  });

  it('canary 3: workloadRef to a Deployment takes containers from the Deployment', () => {
    const objects = loadFixtures('canary');
    const info = describeRollout(objects.rollouts[2], {
      ...relatedOf(objects),
      workloadRef: objects.deployments[0],
    });
    expect(info).toMatchObject({
      name: 'canary-demo-workloadRef-deploy',
      status: 'Degraded',
      message: deadlineMessage,
      step: '0/8',
      setWeight: 20,
      actualWeight: 0,
      containers: [
        { name: 'canary-demo-deploy', image: 'argoproj/rollouts-demo:red' },
      ],
      workloadRef: {
        kind: 'Deployment',
        name: 'canary-demo-deploy',
        resolved: true,
      },
    });
    expect(info.revisions).toHaveLength(3);
  });

  it('canary 4: ping-pong tags (TestGetCanaryPingPongRollout)', () => {
    const info = describeFixture(loadFixtures('canary'), 3);
    expect(info).toMatchObject({
      name: 'canary-demo-pingpong',
      status: 'Degraded',
      message: deadlineMessage,
      step: '0/8',
      setWeight: 20,
      actualWeight: 0,
      images: [
        {
          image: 'argoproj/rollouts-demo:does-not-exist',
          tags: ['canary', 'ping'],
        },
        { image: 'argoproj/rollouts-demo:green', tags: ['stable', 'pong'] },
      ],
    });
    expect(tree(info)).toEqual(canaryTree('canary,ping', 'stable,pong'));
  });

  it('canary 5: SMI with status.canary.weights reports the routed weight (TestActualWeightWithExistingWeight)', () => {
    const objects = loadFixtures('canary');
    const info = describeFixture(objects, 4);
    expect(info.name).toBe('canary-demo-weights');
    expect(info.actualWeight).toBe(
      objects.rollouts[4].status!.canary!.weights!.canary.weight,
    );
    expect(info.actualWeight).toBe(20);
    expect(info.setWeight).toBe(20);
  });

  it('canary 6: SMI without weights falls back to SetWeight (TestActualWeightWithoutExistingWeight)', () => {
    const info = describeFixture(loadFixtures('canary'), 5);
    expect(info.name).toBe('canary-demo-weights-na');
    expect(info.actualWeight).toBe(info.setWeight);
    expect(info.actualWeight).toBe(20);
  });

  it('canary 5 with routed weight differing from the step weight keeps the routed one', () => {
    const objects = loadFixtures('canary');
    objects.rollouts[4].status!.canary!.weights!.canary.weight = 7;
    expect(describeFixture(objects, 4)).toMatchObject({
      setWeight: 20,
      actualWeight: 7,
    });
  });

  it('experiment-analysis: inconclusive background analysis plus an experiment step (TestExperimentRollout)', () => {
    const info = describeFixture(loadFixtures('experiment-analysis'));
    expect(info).toMatchObject({
      name: 'rollout-experiment-analysis',
      namespace: 'jesse-test',
      status: 'Degraded',
      message:
        'ProgressDeadlineExceeded: ReplicaSet "rollout-experiment-analysis-6f646bf7b7" has timed out progressing.',
      strategy: 'Canary',
      step: '1/2',
      setWeight: 25,
      actualWeight: 25,
      images: [
        { image: 'argoproj/rollouts-demo:blue', tags: ['stable'] },
        { image: 'argoproj/rollouts-demo:yellow', tags: ['canary'] },
      ],
      replicas: { desired: 4, current: 4, updated: 1, ready: 4, available: 4 },
      paused: true,
      pauseConditions: [
        {
          reason: 'InconclusiveAnalysisRun',
          startTime: '2019-10-30T16:13:40Z',
        },
      ],
    });
    const jobs = [
      'rzl6lt Failed',
      'r8lqpd Successful',
      'rjjsgg Successful',
      'rrnfj5 Failed',
      'rx5kqk Failed',
      'rp894b Successful',
      'rmngtj Failed',
      'rsxm69 Successful',
    ].map(
      j =>
        `    Job rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-${j}`,
    );
    expect(tree(info)).toEqual([
      '# revision:2',
      '  RS rollout-experiment-analysis-6f646bf7b7 Healthy canary',
      '    Pod rollout-experiment-analysis-6f646bf7b7-wn5w8 Running ready:1/1',
      '  Experiment rollout-experiment-analysis-6f646bf7b7-1-vcv27 Running',
      '    RS rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7d768b8b5f Healthy',
      '      Pod rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7dczdst Running ready:1/1',
      '    RS rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699dcf5d Healthy',
      '      Pod rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699vgr24 Running ready:1/1',
      // Printed as "✔ 4,✖ 4,? 1,⚠ 1".
      '  AnalysisRun rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr Inconclusive ✔4 ✖4 ?1 ⚠1',
      ...jobs,
      '# revision:1',
      '  RS rollout-experiment-analysis-f6db98dff Healthy stable',
      '    Pod rollout-experiment-analysis-f6db98dff-8dmnz Running ready:1/1',
      '    Pod rollout-experiment-analysis-f6db98dff-bb6v6 Running ready:1/1',
      '    Pod rollout-experiment-analysis-f6db98dff-bq55x Running ready:1/1',
    ]);
    const run = info.revisions[0].analysisRuns[0];
    expect(run).toMatchObject({
      revision: 2,
      type: 'Background',
      metrics: [
        {
          name: 'random-fail',
          count: 10,
          failureLimit: 5,
          inconclusiveLimit: 1,
        },
      ],
    });
    // These experiment ReplicaSets carry the template name as a label, not the annotation the
    // CLI reads, so their images stay untagged and merge into the stable / canary entries.
    expect(
      info.revisions[0].experiments[0].replicaSets.map(rs => rs.template),
    ).toEqual([undefined, undefined]);
  });

  it('experiment-step: experiment with a Job analysis, canary scaled down (TestGetRolloutWithExperimentJob)', () => {
    const info = describeFixture(loadFixtures('experiment-step'));
    expect(info).toMatchObject({
      name: 'canary-demo',
      status: 'Progressing',
      message: 'more replicas need to be updated',
      step: '0/1',
      setWeight: 0,
      actualWeight: 0,
      images: [
        { image: 'argoproj/rollouts-demo:blue', tags: ['Σ:canary-preview'] },
        { image: 'argoproj/rollouts-demo:green', tags: ['stable'] },
      ],
      replicas: { desired: 5, current: 5, updated: 0, ready: 5, available: 5 },
    });
    expect(tree(info)).toEqual([
      '# revision:2',
      '  RS canary-demo-645d5dbc4c ScaledDown canary',
      '  Experiment canary-demo-645d5dbc4c-2-0 Running',
      '    RS canary-demo-645d5dbc4c-2-0-canary-preview Healthy',
      '      Pod canary-demo-645d5dbc4c-2-0-canary-preview-zmmvz Running ready:1/1',
      '    AnalysisRun canary-demo-645d5dbc4c-2-0-stress-test Running',
      '      Job 4e2d824d-01af-11ea-b38c-42010aa80083.stress.1 Running',
      '# revision:1',
      '  RS canary-demo-877894d5b Healthy stable',
      ...[
        'canary-demo-877894d5b-n6xqz',
        'canary-demo-877894d5b-nlmj9',
        'canary-demo-877894d5b-txgs5',
        'canary-demo-877894d5b-wfqqr',
        'canary-demo-877894d5b-zhh6x',
      ].map(name => `    Pod ${name} Running ready:1/1`),
    ]);
    expect(info.revisions[1].replicaSets[0].pods[0]).toEqual(
      running('canary-demo-877894d5b-n6xqz'),
    );
    expect(info.revisions[0].experiments[0].replicaSets[0].template).toBe(
      'canary-preview',
    );
  });

  it('rollout-aborted: failed background analysis (TestGetAbortedRollout, TestRolloutAborted)', () => {
    const info = describeFixture(loadFixtures('rollout-aborted'));
    expect(info).toMatchObject({
      name: 'rollout-background-analysis',
      namespace: 'default',
      status: 'Degraded',
      message:
        'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)',
      strategy: 'Canary',
      step: '0/2',
      setWeight: 0,
      actualWeight: 0,
      images: [{ image: 'argoproj/rollouts-demo:blue', tags: ['stable'] }],
      replicas: { desired: 1, current: 1, updated: 0, ready: 1, available: 1 },
      aborted: true,
      abortedAt: '2020-09-22T09:10:05Z',
      fullyPromoted: false,
    });
    expect(tree(info)).toEqual([
      '# revision:2',
      '  RS rollout-background-analysis-db976bc44 ScaledDown canary',
      // Printed as "✖ 1".
      '  AnalysisRun rollout-background-analysis-db976bc44-2 Failed ✔0 ✖1 ?0 ⚠0',
      '# revision:1',
      '  RS rollout-background-analysis-7d84d44bb8 Healthy stable',
      '    Pod rollout-background-analysis-7d84d44bb8-z5wps Running ready:1/1',
    ]);
    expect(info.revisions[0].analysisRuns[0]).toMatchObject({
      message:
        'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
      metrics: [
        {
          name: 'web',
          successCondition: 'result == "true"',
          count: 0,
          failureLimit: 0,
          inconclusiveLimit: 0,
        },
      ],
      jobs: [],
    });
  });

  it('rollout-invalid: InvalidSpec condition, no steps (TestGetInvalidRollout, TestRolloutStatusInvalidSpec)', () => {
    const info = describeFixture(loadFixtures('rollout-invalid'));
    expect(info).toEqual(
      expect.objectContaining({
        name: 'rollout-invalid',
        namespace: 'default',
        status: 'Degraded',
        message:
          'InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`',
        strategy: 'Canary',
        step: '',
        setWeight: 100,
        actualWeight: 100,
        images: [],
        replicas: {
          desired: 1,
          current: 0,
          updated: 0,
          ready: 0,
          available: 0,
        },
        revisions: [],
        stepCount: 0,
      }),
    );
    expect(info.currentStepIndex).toBeUndefined();
  });

  it('only counts children owned by the rollout uid (labels are ignored)', () => {
    const canary = loadFixtures('canary');
    const blueGreen = loadFixtures('blue-green');
    const info = describeRollout(canary.rollouts[0], {
      replicaSets: [...canary.replicaSets, ...blueGreen.replicaSets],
      pods: [...canary.pods, ...blueGreen.pods],
    });
    expect(info.revisions.map(r => r.revision)).toEqual([31, 30, 29]);
  });

  it('works without related objects', () => {
    const info = describeRollout(loadFixtures('canary').rollouts[0]);
    expect(info.revisions).toEqual([]);
    expect(info.images).toEqual([]);
    // Without ReplicaSets no canary pods are known: 0%, as upstream.
    expect(info.actualWeight).toBe(0);
  });

  it('rejects something that is not a Rollout', () => {
    expect(() =>
      describeRollout({ metadata: { name: 'x' } } as never, {}),
    ).toThrow(TypeError);
  });
});
