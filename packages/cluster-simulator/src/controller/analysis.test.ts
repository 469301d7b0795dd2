import { KubeObject } from '../types';
import {
  assessMetric,
  effectiveCount,
  outcomeFromAnnotation,
  reconcileAnalysisRun,
  resolveArgs,
  simulateMeasurement,
  substituteArgs,
} from './analysis';

const t0 = Date.parse('2026-11-26T12:00:00Z');

function run(metrics: any[], extra: any = {}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name: 'r', namespace: 'default', uid: 'u-1' },
    spec: { metrics, ...extra },
  };
}

function drive(
  r: KubeObject,
  outcomes: string[],
  stepMs: number,
  steps: number,
) {
  let cur = r;
  let i = 0;
  const outcomeOf = () => outcomes[Math.min(i++, outcomes.length - 1)] as any;
  for (let s = 0; s <= steps; s++) {
    const { status } = reconcileAnalysisRun(
      cur,
      new Date(t0 + s * stepMs),
      outcomeOf,
    );
    cur = { ...cur, status };
  }
  return cur.status;
}

describe('AnalysisRun model', () => {
  it('count/interval semantics', () => {
    expect(effectiveCount({})).toBe(1);
    expect(effectiveCount({ interval: '1m' })).toBe(Number.POSITIVE_INFINITY);
    expect(effectiveCount({ count: 3, interval: '1m' })).toBe(3);
  });

  it('takes measurements on each interval and succeeds when count is reached', () => {
    const st = drive(
      run([{ name: 'm', count: 3, interval: '10s', provider: { web: {} } }]),
      ['success'],
      10_000,
      2,
    );
    expect(st.phase).toBe('Successful');
    expect(st.metricResults[0]).toMatchObject({
      name: 'm',
      phase: 'Successful',
      count: 3,
      successful: 3,
    });
    expect(
      st.metricResults[0].measurements.map((m: any) => m.startedAt),
    ).toEqual([
      '2026-11-26T12:00:00Z',
      '2026-11-26T12:00:10Z',
      '2026-11-26T12:00:20Z',
    ]);
    expect(st.runSummary).toEqual({ count: 1, successful: 1 });
    expect(st.startedAt).toBe('2026-11-26T12:00:00Z');
    expect(st.completedAt).toBe('2026-11-26T12:00:20Z');
  });

  it('initialDelay postpones the first measurement', () => {
    const r = run([{ name: 'm', initialDelay: '30s', provider: { web: {} } }]);
    const first = reconcileAnalysisRun(r, new Date(t0), () => 'success');
    expect(first.status.phase).toBe('Running');
    expect(first.status.metricResults[0].phase).toBe('Pending');
    expect(first.nextAt).toBe(t0 + 30_000);
  });

  it('failureLimit: fails only when failed > failureLimit; -1 disables it', () => {
    const st = drive(
      run([
        {
          name: 'm',
          count: 4,
          interval: '1s',
          failureLimit: 1,
          provider: { web: {} },
        },
      ]),
      ['failure', 'success', 'failure'],
      1000,
      3,
    );
    expect(st.phase).toBe('Failed');
    expect(st.message).toBe(
      'Metric "m" assessed Failed due to failed (2) > failureLimit (1)',
    );
    const st2 = drive(
      run([
        {
          name: 'm',
          count: 3,
          interval: '1s',
          failureLimit: -1,
          provider: { web: {} },
        },
      ]),
      ['failure'],
      1000,
      3,
    );
    expect(st2.phase).toBe('Successful');
  });

  it('inconclusiveLimit and consecutiveErrorLimit', () => {
    const st = drive(
      run([
        {
          name: 'm',
          count: 3,
          interval: '1s',
          inconclusiveLimit: 1,
          provider: { web: {} },
        },
      ]),
      ['inconclusive'],
      1000,
      3,
    );
    expect(st.phase).toBe('Inconclusive');
    expect(st.message).toBe(
      'Metric "m" assessed Inconclusive due to inconclusive (2) > inconclusiveLimit (1)',
    );
    const st2 = drive(
      run([
        {
          name: 'm',
          count: 3,
          interval: '1s',
          consecutiveErrorLimit: 2,
          provider: { web: {} },
        },
      ]),
      ['error'],
      1000,
      5,
    );
    expect(st2.phase).toBe('Error');
    expect(st2.metricResults[0]).toMatchObject({
      error: 3,
      consecutiveError: 3,
    });
    expect(st2.metricResults[0].count).toBeUndefined();
  });

  it('errors do not count towards count and reset on a good measurement', () => {
    const st = drive(
      run([{ name: 'm', count: 2, interval: '1s', provider: { web: {} } }]),
      ['error', 'success', 'error', 'success'],
      1000,
      5,
    );
    expect(st.phase).toBe('Successful');
    expect(st.metricResults[0]).toMatchObject({
      count: 2,
      successful: 2,
      error: 2,
    });
    expect(st.metricResults[0].consecutiveError).toBeUndefined();
  });

  it('a failed metric fails the run while others still run; dry-run metrics never do', () => {
    const r = run(
      [
        { name: 'a', interval: '1s', count: 10, provider: { web: {} } },
        { name: 'b', count: 1, provider: { web: {} } },
        { name: 'dry', count: 1, provider: { web: {} } },
      ],
      { dryRun: [{ metricName: 'dry' }] },
    );
    const { status } = reconcileAnalysisRun(r, new Date(t0), (_r, m) =>
      m === 'b' || m === 'dry' ? 'failure' : 'success',
    );
    expect(status.phase).toBe('Failed');
    expect(status.dryRunSummary).toEqual({ count: 1, failed: 1 });
    expect(status.metricResults.find((m: any) => m.name === 'dry').dryRun).toBe(
      true,
    );
  });

  it('terminate ends the run as Successful with "Run Terminated"', () => {
    const r = run([{ name: 'm', interval: '1m', provider: { web: {} } }]);
    const first = reconcileAnalysisRun(r, new Date(t0), () => 'success');
    const second = reconcileAnalysisRun(
      { ...r, spec: { ...r.spec, terminate: true }, status: first.status },
      new Date(t0 + 5000),
      () => 'success',
    );
    expect(second.status.phase).toBe('Successful');
    expect(second.status.message).toBe('Run Terminated');
  });

  it('assessMetric: no measurements is Pending', () => {
    expect(
      assessMetric({ name: 'x' }, { name: 'x', phase: 'Pending' } as any, false)
        .phase,
    ).toBe('Pending');
  });

  it('measurement values look like the provider: prometheus vectors, job metadata, web booleans', () => {
    const r = run([]);
    const now = new Date(t0);
    const prom = {
      name: 'p',
      successCondition: 'result[0] >= 0.95',
      provider: { prometheus: { query: 'q' } },
    };
    const ok = simulateMeasurement(r, prom, 'success', 0, now);
    expect(ok.value).toMatch(/^\[0\.9[5-9]\d*\]$/);
    const bad = simulateMeasurement(r, prom, 'failure', 0, now);
    expect(Number(bad.value!.slice(1, -1))).toBeLessThan(0.95);
    const burn = {
      name: 'b',
      successCondition: 'result[0] < 14',
      provider: { prometheus: { query: 'q' } },
    };
    expect(
      Number(
        simulateMeasurement(r, burn, 'failure', 0, now).value!.slice(1, -1),
      ),
    ).toBeGreaterThanOrEqual(14);
    const job = simulateMeasurement(
      r,
      { name: 'j', provider: { job: {} } },
      'success',
      0,
      now,
    );
    expect(job.metadata).toEqual({
      'job-name': 'u-1.j.1',
      'job-namespace': 'default',
    });
    expect(job.value).toBeUndefined();
    expect(
      simulateMeasurement(
        r,
        { name: 'w', provider: { web: {} } },
        'failure',
        0,
        now,
      ).value,
    ).toBe('false');
  });

  it('outcome annotation, including failure-after:N', () => {
    expect(outcomeFromAnnotation('failure', 0)).toBe('failure');
    expect(outcomeFromAnnotation('failure-after:2', 1)).toBe('success');
    expect(outcomeFromAnnotation('failure-after:2', 2)).toBe('failure');
    expect(outcomeFromAnnotation('nonsense', 0)).toBeUndefined();
  });

  it('resolves args (rollout values, podTemplateHashValue, fieldRef) and substitutes them', () => {
    const ro: KubeObject = {
      apiVersion: 'v',
      kind: 'Rollout',
      metadata: { name: 'web', namespace: 'ns', labels: { team: 'a' } },
    };
    const args = resolveArgs(
      [
        { name: 'svc' },
        { name: 'addr', value: 'http://p' },
        { name: 'hash', valueFrom: { podTemplateHashValue: 'Latest' } },
        {
          name: 'team',
          valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } },
        },
      ],
      [{ name: 'svc', value: 'web' }],
      { rollout: ro, stableHash: 'abc', latestHash: 'def' },
    );
    expect(args).toEqual([
      { name: 'svc', value: 'web' },
      { name: 'addr', value: 'http://p' },
      { name: 'hash', value: 'def' },
      { name: 'team', value: 'a' },
    ]);
    expect(
      substituteArgs('x{{args.svc}}-{{ args.hash }}-{{args.none}}', args),
    ).toBe('xweb-def-{{args.none}}');
  });
});
