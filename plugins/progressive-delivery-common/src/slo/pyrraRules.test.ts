import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import { SloInputError } from './errors';
import { parsePyrraObjective } from './pyrraObjective';
import { burnrateRecordName, pyrraRuleNames } from './pyrraRuleNames';
import {
  PyrraAlertingRule,
  PyrraRecordingRule,
  pyrraRuleGroups,
} from './pyrraRules';

type Spec = ServiceLevelObjective['spec'];

function slo(
  name: string,
  spec: Spec,
  metadata: Partial<ServiceLevelObjective['metadata']> = {},
): ServiceLevelObjective {
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: { name, ...metadata },
    spec,
  };
}

const WINDOWS_28D: Array<[string, string, string, string, string, string]> = [
  // short, long, for (Go), factor, severity, exhaustion
  ['5m', '1h', '2m0s', '14', 'critical', '2d'],
  ['30m', '6h', '15m0s', '7', 'critical', '4d'],
  ['2h', '1d', '1h0m0s', '2', 'warning', '2w'],
  ['6h', '4d', '3h0m0s', '1', 'warning', '4w'],
];

// Pyrra kubernetes/controllers/servicelevelobjective_test.go: httpSLO, Test_makePrometheusRule and
// Test_makeConfigMap (CRD in, rule file out).
describe('pyrraRuleGroups: Pyrra controller golden (httpSLO, 99.5%, 28d)', () => {
  const httpSLO = slo(
    'http',
    {
      target: '99.5',
      window: '28d',
      indicator: {
        ratio: {
          errors: { metric: 'http_requests_total{job="app",status=~"5.."}' },
          total: { metric: 'http_requests_total{job="app"}' },
        },
      },
    },
    {
      uid: '123',
      labels: { 'pyrra.dev/team': 'foo', team: 'bar' },
      annotations: { 'pyrra.dev/description': 'foo', description: 'bar' },
    },
  );

  it('generates exactly Pyrra’s two groups', () => {
    const labels = { job: 'app', slo: 'http', team: 'foo' };
    const annotations = { description: 'foo' };
    const rate = (w: string) =>
      `sum(rate(http_requests_total{job="app",status=~"5.."}[${w}])) / sum(rate(http_requests_total{job="app"}[${w}]))`;
    expect(pyrraRuleGroups(httpSLO)).toEqual([
      {
        name: 'http-increase',
        interval: '2m30s',
        rules: [
          {
            record: 'http_requests:increase4w',
            expr: 'sum by (status) (increase(http_requests_total{job="app"}[4w]))',
            labels,
          },
          {
            alert: 'SLOMetricAbsent',
            expr: 'absent(http_requests_total{job="app"}) == 1',
            for: '6m',
            annotations,
            labels: { ...labels, severity: 'critical' },
          },
        ],
      },
      {
        name: 'http',
        interval: '30s',
        rules: [
          ...['5m', '30m', '1h', '2h', '6h', '1d', '4d'].map(w => ({
            record: `http_requests:burnrate${w}`,
            expr: rate(w),
            labels,
          })),
          ...WINDOWS_28D.map(
            ([short, long, forGo, factor, severity, exhaustion]) => ({
              alert: 'ErrorBudgetBurn',
              expr: `http_requests:burnrate${short}{job="app",slo="http"} > (${factor} * (1-0.995)) and http_requests:burnrate${long}{job="app",slo="http"} > (${factor} * (1-0.995))`,
              for: forGo,
              labels: { ...labels, short, long, severity, exhaustion },
              annotations,
            }),
          ),
        ],
      },
    ]);
  });
});

// slo-pyrra.md A5 case 1 and Pyrra slo/rules_test.go TestObjective_Burnrates "http-ratio*".
describe('pyrraRuleGroups: http-ratio (99%, 28d)', () => {
  const spec = (grouping?: string[], regex = false): Spec => ({
    target: '99',
    window: '28d',
    indicator: {
      ratio: {
        errors: {
          metric: `http_requests_total{job="thanos-receive-default",code=~"5.."${
            regex ? ',handler=~"/api.*"' : ''
          }}`,
        },
        total: {
          metric: `http_requests_total{job="thanos-receive-default"${
            regex ? ',handler=~"/api.*"' : ''
          }}`,
        },
        grouping,
      },
    },
  });
  const httpRatio = slo('monitoring-http-errors', spec());

  it('burn-rate records and alerts', () => {
    const [increase, burnrates] = pyrraRuleGroups(httpRatio);
    expect(burnrates.name).toBe('monitoring-http-errors');
    expect(burnrates.rules[0]).toEqual({
      record: 'http_requests:burnrate5m',
      expr: 'sum(rate(http_requests_total{code=~"5..",job="thanos-receive-default"}[5m])) / sum(rate(http_requests_total{job="thanos-receive-default"}[5m]))',
      labels: { job: 'thanos-receive-default', slo: 'monitoring-http-errors' },
    });
    const alerts = burnrates.rules.slice(7) as PyrraAlertingRule[];
    expect(alerts).toEqual(
      WINDOWS_28D.map(([short, long, forGo, factor, severity, exhaustion]) => ({
        alert: 'ErrorBudgetBurn',
        for: forGo,
        expr: `http_requests:burnrate${short}{job="thanos-receive-default",slo="monitoring-http-errors"} > (${factor} * (1-0.99)) and http_requests:burnrate${long}{job="thanos-receive-default",slo="monitoring-http-errors"} > (${factor} * (1-0.99))`,
        labels: {
          severity,
          job: 'thanos-receive-default',
          long,
          slo: 'monitoring-http-errors',
          short,
          exhaustion,
        },
      })),
    );
    expect(increase).toEqual({
      name: 'monitoring-http-errors-increase',
      interval: '2m30s',
      rules: [
        {
          record: 'http_requests:increase4w',
          expr: 'sum by (code) (increase(http_requests_total{job="thanos-receive-default"}[4w]))',
          labels: {
            job: 'thanos-receive-default',
            slo: 'monitoring-http-errors',
          },
        },
        {
          alert: 'SLOMetricAbsent',
          expr: 'absent(http_requests_total{job="thanos-receive-default"}) == 1',
          for: '10m',
          labels: {
            job: 'thanos-receive-default',
            slo: 'monitoring-http-errors',
            severity: 'critical',
          },
        },
      ],
    });
  });

  it('http-ratio-grouping: sorted `sum by`, grouped labels dropped', () => {
    const [, burnrates] = pyrraRuleGroups(
      slo('monitoring-http-errors', spec(['job', 'handler'])),
    );
    expect(burnrates.rules[0]).toEqual({
      record: 'http_requests:burnrate5m',
      expr: 'sum by (handler, job) (rate(http_requests_total{code=~"5..",job="thanos-receive-default"}[5m])) / sum by (handler, job) (rate(http_requests_total{job="thanos-receive-default"}[5m]))',
      labels: { slo: 'monitoring-http-errors' },
    });
    expect(burnrates.rules[7]).toMatchObject({
      expr: 'http_requests:burnrate5m{job="thanos-receive-default",slo="monitoring-http-errors"} > (14 * (1-0.99)) and http_requests:burnrate1h{job="thanos-receive-default",slo="monitoring-http-errors"} > (14 * (1-0.99))',
      labels: {
        severity: 'critical',
        long: '1h',
        slo: 'monitoring-http-errors',
        short: '5m',
        exhaustion: '2d',
      },
    });
  });

  it('http-ratio-grouping-regex: grouped regex matchers stay in the alert', () => {
    const [, burnrates] = pyrraRuleGroups(
      slo('monitoring-http-errors', spec(['job', 'handler'], true)),
    );
    expect((burnrates.rules[6] as PyrraRecordingRule).expr).toBe(
      'sum by (handler, job) (rate(http_requests_total{code=~"5..",handler=~"/api.*",job="thanos-receive-default"}[4d])) / sum by (handler, job) (rate(http_requests_total{handler=~"/api.*",job="thanos-receive-default"}[4d]))',
    );
    expect((burnrates.rules[10] as PyrraAlertingRule).expr).toBe(
      'http_requests:burnrate6h{handler=~"/api.*",job="thanos-receive-default",slo="monitoring-http-errors"} > (1 * (1-0.99)) and http_requests:burnrate4d{handler=~"/api.*",job="thanos-receive-default",slo="monitoring-http-errors"} > (1 * (1-0.99))',
    );
  });
});

// slo-pyrra.md A5 case 2.
describe('pyrraRuleGroups: http-latency (99.5%, 28d)', () => {
  const httpLatency = slo('monitoring-http-latency', {
    target: '99.5',
    window: '28d',
    indicator: {
      latency: {
        success: {
          metric:
            'http_request_duration_seconds_bucket{job="metrics-service-thanos-receive-default",code=~"2..",le="1"}',
        },
        total: {
          metric:
            'http_request_duration_seconds_count{job="metrics-service-thanos-receive-default",code=~"2.."}',
        },
      },
    },
  });
  const labels = {
    job: 'metrics-service-thanos-receive-default',
    slo: 'monitoring-http-latency',
  };

  it('burn rates, thresholds and `for` in Prometheus format', () => {
    const [increase, burnrates] = pyrraRuleGroups(httpLatency);
    expect(burnrates.rules[0]).toEqual({
      record: 'http_request_duration_seconds:burnrate5m',
      expr: '(sum(rate(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[5m])) - sum(rate(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le="1"}[5m]))) / sum(rate(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[5m]))',
      labels,
    });
    expect(burnrates.rules[7]).toMatchObject({
      alert: 'ErrorBudgetBurn',
      for: '2m',
      expr: 'http_request_duration_seconds:burnrate5m{job="metrics-service-thanos-receive-default",slo="monitoring-http-latency"} > (14 * (1-0.995)) and http_request_duration_seconds:burnrate1h{job="metrics-service-thanos-receive-default",slo="monitoring-http-latency"} > (14 * (1-0.995))',
    });
    expect(
      burnrates.rules.slice(7).map(r => (r as PyrraAlertingRule).for),
    ).toEqual(['2m', '15m', '1h', '3h']);
    expect(increase).toEqual({
      name: 'monitoring-http-latency-increase',
      interval: '2m30s',
      rules: [
        {
          record: 'http_request_duration_seconds:increase4w',
          expr: 'sum by (code) (increase(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[4w]))',
          labels,
        },
        {
          record: 'http_request_duration_seconds:increase4w',
          expr: 'sum by (code) (increase(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le="1"}[4w]))',
          labels: { ...labels, le: '1' },
        },
        {
          alert: 'SLOMetricAbsent',
          expr: 'absent(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}) == 1',
          for: '6m',
          labels: { ...labels, severity: 'critical' },
        },
        {
          alert: 'SLOMetricAbsent',
          expr: 'absent(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le="1"}) == 1',
          for: '6m',
          labels: { ...labels, le: '1', severity: 'critical' },
        },
      ],
    });
  });

  it('with the Prometheus 3 migration, le="1" becomes le=~"1(\\.0)?"', () => {
    const [increase, burnrates] = pyrraRuleGroups(httpLatency, {
      prometheus3Migration: true,
    });
    expect((burnrates.rules[0] as PyrraRecordingRule).expr).toContain(
      'http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le=~"1(\\\\.0)?"}[5m]',
    );
    expect(increase.rules[1]).toMatchObject({
      expr: 'sum by (code) (increase(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le=~"1(\\\\.0)?"}[4w]))',
      labels: { le: '1' },
    });
  });
});

// slo-pyrra.md A5 case 3 (prometheus-up-targets).
describe('pyrraRuleGroups: bool_gauge up (99%, 28d)', () => {
  const up = slo('up-targets', {
    target: '99',
    window: '28d',
    indicator: { bool_gauge: { metric: 'up' } },
  });

  it('burn rate, count/sum records and absent alert', () => {
    const [increase, burnrates] = pyrraRuleGroups(up);
    expect(burnrates.rules[0]).toEqual({
      record: 'up:burnrate5m',
      expr: '(sum(count_over_time(up[5m])) - sum(sum_over_time(up[5m]))) / sum(count_over_time(up[5m]))',
      labels: { slo: 'up-targets' },
    });
    expect(
      increase.rules.map(r => ('record' in r ? r.record : r.alert)),
    ).toEqual(['up:count4w', 'up:sum4w', 'SLOMetricAbsent']);
    // Pyrra's unit test builds `up` without the __name__ matcher and expects
    // `sum(count_over_time(up[4w]))`; from a CRD, Prometheus' parser adds __name__ and Pyrra groups
    // bool gauges by every matcher name, so a real Pyrra emits `sum by (__name__)`.
    expect(increase.rules[0]).toEqual({
      record: 'up:count4w',
      expr: 'sum by (__name__) (count_over_time(up[4w]))',
      labels: { slo: 'up-targets' },
    });
    expect(increase.rules[1]).toMatchObject({
      expr: 'sum by (__name__) (sum_over_time(up[4w]))',
    });
    expect(increase.rules[2]).toEqual({
      alert: 'SLOMetricAbsent',
      expr: 'absent(up) == 1',
      for: '10m',
      labels: { slo: 'up-targets', severity: 'critical' },
    });
  });
});

describe('pyrraRuleGroups: alerting options', () => {
  const base: Spec = {
    target: '99.5',
    window: '28d',
    indicator: {
      ratio: {
        errors: { metric: 'http_requests_total{job="app",status=~"5.."}' },
        total: { metric: 'http_requests_total{job="app"}' },
      },
    },
  };

  it('custom alert names and severities (slo-pyrra.md A1 example)', () => {
    const groups = pyrraRuleGroups(
      slo('custom', {
        ...base,
        alerting: {
          name: 'MyBurn',
          absent: false,
          severities: { fastBurn: 'page', slowBurn: 'ticket' },
        },
      }),
    );
    expect(groups[0].rules).toHaveLength(1);
    const alerts = groups[1].rules.filter(
      (r): r is PyrraAlertingRule => 'alert' in r,
    );
    expect(alerts.map(a => [a.alert, a.labels.severity])).toEqual([
      ['MyBurn', 'page'],
      ['MyBurn', 'critical'],
      ['MyBurn', 'ticket'],
      ['MyBurn', 'warning'],
    ]);
    expect(
      pyrraRuleNames(
        slo('custom', {
          ...base,
          alerting: { name: 'MyBurn', absentName: 'Gone' },
        }),
      ),
    ).toMatchObject({
      alert: 'MyBurn',
      absentAlert: 'Gone',
    });
  });

  it('burnrates: false or the deprecated disabled: true leave only the records', () => {
    for (const alerting of [{ burnrates: false }, { disabled: true }]) {
      const [, burnrates] = pyrraRuleGroups(
        slo('quiet', { ...base, alerting }),
      );
      expect(burnrates.rules).toHaveLength(7);
      expect(burnrates.rules.every(r => 'record' in r)).toBe(true);
    }
  });

  it('refuses windows too short to alert on, and invalid objectives', () => {
    expect(() =>
      pyrraRuleGroups(slo('short', { ...base, window: '1d' })),
    ).toThrow(/too short to alert on \(at least 2d19h12m\)/);
    expect(() =>
      pyrraRuleGroups(slo('bad', { ...base, target: '100' })),
    ).toThrow(SloInputError);
    expect(() =>
      pyrraRuleGroups(
        slo('bad', {
          ...base,
          indicator: { ...base.indicator, bool_gauge: { metric: 'up' } },
        }),
      ),
    ).toThrow(/exactly one of/);
    expect(() =>
      pyrraRuleGroups(
        slo('bad', {
          ...base,
          indicator: {
            ratio: {
              errors: { metric: 'sum(rate(x[5m]))' },
              total: { metric: 'x' },
            },
          },
        }),
      ),
    ).toThrow(
      /spec.indicator.ratio.errors.metric: .*only a plain vector selector/,
    );
    expect(() =>
      pyrraRuleGroups(
        slo('bad', {
          ...base,
          indicator: {
            latency: {
              success: { metric: 'x_bucket{job="a"}' },
              total: { metric: 'x_count' },
            },
          },
        }),
      ),
    ).toThrow(/le="<float>"/);
    expect(() =>
      pyrraRuleGroups(
        slo('bad', {
          ...base,
          indicator: {
            ratio: { ...base.indicator.ratio!, grouping: ['bad-name'] },
          },
        }),
      ),
    ).toThrow(/invalid label name/);
  });
});

describe('pyrraRuleNames', () => {
  it('names every generated series', () => {
    const names = pyrraRuleNames(
      slo('thanos-query', {
        target: '99',
        window: '4w',
        indicator: {
          ratio: {
            errors: { metric: 'http_requests_total{code=~"5.."}' },
            total: { metric: 'http_requests_total' },
          },
        },
      }),
    );
    expect(names).toEqual({
      slo: 'thanos-query',
      groups: {
        burnrates: 'thanos-query',
        increase: 'thanos-query-increase',
        generic: 'thanos-query-generic',
      },
      burnrates: ['5m', '30m', '1h', '2h', '6h', '1d', '4d'].map(window => ({
        window,
        record: `http_requests:burnrate${window}`,
      })),
      increase: ['http_requests:increase4w'],
      alert: 'ErrorBudgetBurn',
      absentAlert: 'SLOMetricAbsent',
      generic: {
        objective: 'pyrra_objective',
        window: 'pyrra_window',
        availability: 'pyrra_availability',
        requests: 'pyrra_requests:rate5m',
        errors: 'pyrra_errors:rate5m',
      },
    });
  });

  it('accepts a parsed objective and any window for burn-rate names', () => {
    const objective = parsePyrraObjective(
      slo('x', {
        target: '99',
        window: '7d',
        indicator: {
          latency: {
            success: {
              metric: 'grpc_server_handling_seconds_bucket{le="0.6"}',
            },
            total: { metric: 'grpc_server_handling_seconds_count' },
          },
        },
      }),
    );
    expect(burnrateRecordName(objective, '90m')).toBe(
      'grpc_server_handling_seconds:burnrate1h30m',
    );
    expect(pyrraRuleNames(objective).increase).toEqual([
      'grpc_server_handling_seconds:increase1w',
    ]);
    expect(() => burnrateRecordName(objective, '0s')).toThrow(SloInputError);
  });
});
