import { AnalysisRun } from '../kubernetes/analysisRun';
import { loadFixtures } from '../__testUtils__/loadFixtures';
import { analysisOutcome, describeAnalysisRun } from './describeAnalysisRun';

describe('describeAnalysisRun', () => {
  it('aborted fixture: a failed web metric aborts the rollout', () => {
    const detail = describeAnalysisRun(
      loadFixtures('rollout-aborted').analysisRuns[0],
    );
    expect(detail).toMatchObject({
      name: 'rollout-background-analysis-db976bc44-2',
      namespace: 'default',
      revision: 2,
      type: 'Background',
      ownerKind: 'Rollout',
      phase: 'Failed',
      message:
        'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
      startedAt: '2020-09-22T09:10:04Z',
      outcome: 'failure',
      effect: 'abort',
    });
    expect(detail.effectExplanation).toMatch(
      /^The analysis failed, so the rollout is aborted/,
    );
    expect(detail.metrics).toHaveLength(1);
    const [web] = detail.metrics;
    expect(web).toMatchObject({
      name: 'web',
      provider: 'web',
      query: 'https://jsonplaceholder.typicode.com/todos/1',
      successCondition: 'result == "true"',
      failureLimit: 0,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
      interval: '5s',
      dryRun: false,
      phase: 'Failed',
      outcome: 'failure',
      measured: {
        successful: 0,
        failed: 1,
        inconclusive: 0,
        error: 0,
        consecutiveError: 0,
        consecutiveSuccess: 0,
      },
    });
    // Only interval set: runs until terminated.
    expect(web.count).toBeUndefined();
    expect(web.failureCondition).toBeUndefined();
    expect(web.measurements).toHaveLength(1);
    expect(web.measurements[0]).toMatchObject({
      phase: 'Failed',
      value: 'false',
    });
    expect(web.explanation).toBe(
      'Failed: 1 measurement(s) came out bad (success when `result == "true"`); the failure limit is 0.',
    );
  });

  it('experiment-analysis fixture: an inconclusive job metric pauses the rollout', () => {
    const now = new Date();
    const detail = describeAnalysisRun(
      loadFixtures('experiment-analysis', now).analysisRuns[0],
    );
    expect(detail).toMatchObject({
      name: 'rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr',
      revision: 2,
      phase: 'Inconclusive',
      outcome: 'inconclusive',
      effect: 'pause',
    });
    expect(detail.effectExplanation).toContain('InconclusiveAnalysisRun');
    const [metric] = detail.metrics;
    expect(metric).toMatchObject({
      name: 'random-fail',
      provider: 'job',
      count: 10,
      interval: '10s',
      failureLimit: 5,
      inconclusiveLimit: 1,
      consecutiveErrorLimit: 4,
      measured: { successful: 4, failed: 4, inconclusive: 1, error: 1 },
      outcome: 'inconclusive',
    });
    expect(metric.query).toBeUndefined();
    expect(metric.measurements.map(m => m.phase)).toEqual([
      'Failed',
      'Successful',
      'Successful',
      'Failed',
      'Failed',
      'Successful',
      'Failed',
      'Successful',
    ]);
    expect(metric.measurements[7].metadata).toEqual({
      'job-name':
        'rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rsxm69',
    });
    expect(metric.explanation).toBe(
      'Inconclusive: 1 measurement(s) met neither the success nor the failure condition (the metric defines none); the inconclusive limit is 1.',
    );
  });

  it('experiment-step fixture: a running run owned by an experiment', () => {
    const detail = describeAnalysisRun(
      loadFixtures('experiment-step').analysisRuns[0],
    );
    expect(detail).toMatchObject({
      name: 'canary-demo-645d5dbc4c-2-0-stress-test',
      revision: 0,
      ownerKind: 'Experiment',
      phase: 'Running',
      outcome: 'running',
      effect: 'pending',
    });
    expect(detail.type).toBeUndefined();
    expect(detail.effectExplanation).toContain('through the experiment');
    // Neither count nor interval: a single measurement.
    expect(detail.metrics[0]).toMatchObject({
      name: 'stress',
      provider: 'job',
      count: 1,
      phase: 'Running',
    });
    expect(detail.metrics[0].explanation).toBe(
      'Measuring: 0 of 1 done; 0 failed so far (limit 0).',
    );
  });

  function run(
    phase: string,
    metric: Partial<AnalysisRun['spec']['metrics'][0]> = {},
    result = {},
  ): AnalysisRun {
    return {
      metadata: {
        name: 'r',
        ownerReferences: [{ uid: 'u', kind: 'Rollout', controller: true }],
      },
      spec: {
        metrics: [
          {
            name: 'm',
            provider: {
              prometheus: { address: 'http://prom', query: 'sum(rate(x[5m]))' },
            },
            ...metric,
          },
        ],
      },
      status: { phase, metricResults: [{ name: 'm', phase, ...result }] },
    };
  }

  it('an erroring metric aborts like a failure, with its own words', () => {
    const detail = describeAnalysisRun(
      run(
        'Error',
        { consecutiveErrorLimit: 2 },
        { error: 3, consecutiveError: 3 },
      ),
    );
    expect(detail).toMatchObject({ outcome: 'error', effect: 'abort' });
    expect(detail.effectExplanation).toContain(
      'could not take its measurements',
    );
    expect(detail.metrics[0]).toMatchObject({
      query: 'sum(rate(x[5m]))',
      consecutiveErrorLimit: 2,
      count: 1,
    });
    expect(detail.metrics[0].explanation).toBe(
      'Error: 3 measurement(s) in a row could not be taken (the provider or query failed); the consecutive error limit is 2.',
    );
  });

  it('a successful run leaves the rollout alone', () => {
    const detail = describeAnalysisRun(
      run(
        'Successful',
        {
          successCondition: 'result[0] >= 0.95',
          failureCondition: 'result[0] < 0.9',
          count: '3',
          interval: '1m',
        },
        { successful: 3, count: 3 },
      ),
    );
    expect(detail).toMatchObject({ outcome: 'success', effect: 'none' });
    expect(detail.metrics[0]).toMatchObject({
      count: 3,
      failureCondition: 'result[0] < 0.9',
    });
    expect(detail.metrics[0].explanation).toBe(
      'Successful: 3 measurement(s) passed (success when `result[0] >= 0.95`, failure when `result[0] < 0.9`), within the failure limit of 0.',
    );
  });

  it('keeps argument-reference limits as written and marks dry-run metrics', () => {
    const r = run(
      'Running',
      {
        failureLimit: '{{args.limit}}',
        count: '{{args.count}}',
        interval: '30s',
      },
      { dryRun: true, successful: 1, count: 1 },
    );
    const detail = describeAnalysisRun(r);
    expect(detail.metrics[0]).toMatchObject({
      failureLimit: 0,
      dryRun: true,
      unresolvedLimits: {
        failureLimit: '{{args.limit}}',
        count: '{{args.count}}',
      },
    });
    expect(detail.metrics[0].count).toBeUndefined();
    expect(detail.metrics[0].explanation).toContain('dry-run');
    r.spec.dryRun = [{ metricName: 'm' }];
    r.status!.metricResults![0].dryRun = false;
    expect(describeAnalysisRun(r).metrics[0].dryRun).toBe(true);
  });

  it('a metric without results is pending', () => {
    const r = run('Pending');
    r.status = {};
    const detail = describeAnalysisRun(r);
    expect(detail).toMatchObject({
      phase: 'Pending',
      outcome: 'pending',
      effect: 'pending',
    });
    expect(detail.metrics[0]).toMatchObject({
      phase: 'Pending',
      measurements: [],
      explanation: 'No measurement taken yet.',
    });
  });

  it('an inconclusive experiment run pauses with InconclusiveExperiment', () => {
    const r = run('Inconclusive', {}, { inconclusive: 1 });
    r.metadata.ownerReferences = [
      { uid: 'e', kind: 'Experiment', controller: true },
    ];
    expect(describeAnalysisRun(r).effectExplanation).toContain(
      'InconclusiveExperiment',
    );
  });

  it('maps phases to outcomes', () => {
    expect(
      [
        'Successful',
        'Failed',
        'Error',
        'Inconclusive',
        'Running',
        'Pending',
        undefined,
      ].map(analysisOutcome),
    ).toEqual([
      'success',
      'failure',
      'error',
      'inconclusive',
      'running',
      'pending',
      'pending',
    ]);
  });
});
