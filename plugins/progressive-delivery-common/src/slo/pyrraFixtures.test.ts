import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import { isServiceLevelObjective } from '../kubernetes/guards';
import { burnRateWindows } from './burnRateWindows';
import {
  errorRatioQuery,
  errorsQuery,
  pyrraErrorBudgetQuery,
  pyrraTotalQuery,
  totalQuery,
} from './pyrraQueries';
import { pyrraRuleNames } from './pyrraRuleNames';
import { PyrraAlertingRule, pyrraRuleGroups } from './pyrraRules';

const DIR = path.join(__dirname, '__fixtures__', 'pyrra-examples');

function loadAll(): Map<string, ServiceLevelObjective> {
  const byName = new Map<string, ServiceLevelObjective>();
  for (const file of fs.readdirSync(DIR).sort()) {
    for (const doc of yaml.loadAll(
      fs.readFileSync(path.join(DIR, file), 'utf8'),
    )) {
      if (!isServiceLevelObjective(doc)) throw new Error(`${file}: not an SLO`);
      byName.set(doc.metadata.name!, doc);
    }
  }
  return byName;
}

const fixtures = loadAll();
const get = (name: string) => fixtures.get(name)!;

const W_1W = ['1m', '8m', '15m', '30m', '1h30m', '6h', '1d'];
const W_2W = ['3m', '15m', '30m', '1h', '3h', '12h', '2d'];
const W_4W = ['5m', '30m', '1h', '2h', '6h', '1d', '4d'];

// name -> [burn-rate metric prefix, windows, increase names, increase interval, absent `for`]
// absent `for` = round_min(trunc(14 * (1 - t) * long_fast) + for_fast), e.g. 90% / 4w:
// 14 * 0.1 * 3600s = 5039s (float) + 2m = 5159s -> 1h26m; 95% / 1w: 630s + 1m = 11.5m -> 12m.
const EXPECTED: Record<
  string,
  [string, string[], string[], string, string | undefined]
> = {
  'caddy-response-latency': [
    'caddy_http_response_duration_seconds',
    W_4W,
    ['caddy_http_response_duration_seconds:increase4w'],
    '2m30s',
    '1h26m',
  ],
  'nginx-api-errors': [
    'nginx_ingress_controller_requests',
    W_4W,
    ['nginx_ingress_controller_requests:increase4w'],
    '2m30s',
    '3m',
  ],
  'nginx-api-latency': [
    'nginx_ingress_controller_request_duration_seconds',
    W_4W,
    ['nginx_ingress_controller_request_duration_seconds:increase4w'],
    '2m30s',
    '1h26m',
  ],
  'parca-grpc-queryrange-errors': [
    'grpc_server_handled',
    W_2W,
    ['grpc_server_handled:increase2w'],
    '1m30s',
    '5m',
  ],
  'prometheus-api-query': [
    'prometheus_http_requests',
    W_1W,
    ['prometheus_http_requests:increase1w'],
    '1m',
    '3m',
  ],
  'prometheus-operator-http': [
    'prometheus_operator_kubernetes_client_http_requests',
    W_1W,
    ['prometheus_operator_kubernetes_client_http_requests:increase1w'],
    '1m',
    '12m',
  ],
  'prometheus-blackbox-probe-success': [
    'probe_success',
    W_1W,
    ['probe_success:count1w', 'probe_success:sum1w'],
    '1m',
    '3m',
  ],
  'pyrra-connect-errors': [
    'connect_server_requests',
    W_2W,
    ['connect_server_requests:increase2w'],
    '1m30s',
    '5m',
  ],
  'pyrra-connect-latency': [
    'connect_server_requests_duration_seconds',
    W_2W,
    ['connect_server_requests_duration_seconds:increase2w'],
    '1m30s',
    undefined,
  ],
  'pyrra-filesystem-errors': [
    'pyrra_filesystem_reconciles',
    W_1W,
    [
      'pyrra_filesystem_reconciles:increase1w',
      'pyrra_filesystem_reconciles_errors:increase1w',
    ],
    '1m',
    '3m',
  ],
  'pyrra-kubernetes-errors': [
    'controller_runtime_reconcile',
    W_1W,
    ['controller_runtime_reconcile:increase1w'],
    '1m',
    '3m',
  ],
  'thanos-store': [
    'grpc_server_handled',
    W_1W,
    ['grpc_server_handled:increase1w'],
    '1m',
    '2m',
  ],
  'thanos-query': [
    'http_requests',
    W_4W,
    ['http_requests:increase4w'],
    '2m30s',
    '10m',
  ],
};

describe('Pyrra example objectives (pyrra-dev/pyrra examples/)', () => {
  it('loads all 13 objectives', () => {
    expect([...fixtures.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    '%s: rule names, windows, interval and absent alert',
    (name, [prefix, windows, increase, interval, absentFor]) => {
      const slo = get(name);
      const names = pyrraRuleNames(slo);
      expect(names.slo).toBe(name);
      expect(names.burnrates).toEqual(
        windows.map(window => ({
          window,
          record: `${prefix}:burnrate${window}`,
        })),
      );
      expect(names.increase).toEqual(increase);

      const [increaseGroup, burnrateGroup] = pyrraRuleGroups(slo);
      expect(increaseGroup.name).toBe(`${name}-increase`);
      expect(increaseGroup.interval).toBe(interval);
      expect(burnrateGroup.name).toBe(name);
      const recorded = burnrateGroup.rules.filter(r => 'record' in r);
      expect(recorded).toHaveLength(7);
      const alerts = burnrateGroup.rules.filter(
        (r): r is PyrraAlertingRule => 'alert' in r,
      );
      const tiers = burnRateWindows(slo.spec.window);
      if (!Array.isArray(tiers)) throw new Error(tiers.error);
      expect(alerts.map(a => [a.labels.short, a.labels.long])).toEqual(
        tiers.map(t => [t.short, t.long]),
      );
      const absent = increaseGroup.rules.filter(
        (r): r is PyrraAlertingRule => 'alert' in r,
      );
      // latencyNative gets no absent alert from Pyrra; every other indicator at least one.
      expect(absent.length > 0).toBe(absentFor !== undefined);
      expect(absent.map(a => [a.alert, a.for])).toEqual(
        absent.map(() => ['SLOMetricAbsent', absentFor]),
      );
      for (const rule of [...increaseGroup.rules, ...burnrateGroup.rules]) {
        expect(rule.labels.slo).toBe(name);
      }
    },
  );

  it('parca: propagates the pyrra.dev/team label onto every rule', () => {
    for (const group of pyrraRuleGroups(get('parca-grpc-queryrange-errors'))) {
      for (const rule of group.rules) expect(rule.labels.team).toBe('parca');
    }
  });

  it('nginx-api-latency: success-only label `status` becomes increase grouping', () => {
    const slo = get('nginx-api-latency');
    const [increase] = pyrraRuleGroups(slo);
    expect(increase.rules.slice(0, 2)).toEqual([
      {
        record: 'nginx_ingress_controller_request_duration_seconds:increase4w',
        expr: 'sum by (status) (increase(nginx_ingress_controller_request_duration_seconds_count{ingress="lastfm",namespace="lastfm",service="lastfm"}[4w]))',
        labels: {
          slo: 'nginx-api-latency',
          ingress: 'lastfm',
          namespace: 'lastfm',
          service: 'lastfm',
        },
      },
      {
        record: 'nginx_ingress_controller_request_duration_seconds:increase4w',
        expr: 'sum by (status) (increase(nginx_ingress_controller_request_duration_seconds_bucket{ingress="lastfm",le="1",namespace="lastfm",service="lastfm",status=~"5.."}[4w]))',
        labels: {
          slo: 'nginx-api-latency',
          ingress: 'lastfm',
          namespace: 'lastfm',
          service: 'lastfm',
          le: '1',
        },
      },
    ]);
    expect(pyrraErrorBudgetQuery(slo)).toBe(
      '((1 - 0.9) - (1 - sum(nginx_ingress_controller_request_duration_seconds:increase4w{ingress="lastfm",le="1",namespace="lastfm",service="lastfm",slo="nginx-api-latency",status=~"5.."} or vector(0)) / sum(nginx_ingress_controller_request_duration_seconds:increase4w{ingress="lastfm",le="",namespace="lastfm",service="lastfm",slo="nginx-api-latency"}))) / (1 - 0.9)',
    );
  });

  it('prometheus-api-query: grouping by a regex-matched label', () => {
    const slo = get('prometheus-api-query');
    expect(errorRatioQuery(slo, '5m')).toBe(
      'sum by (handler) (rate(prometheus_http_requests_total{code=~"5..",handler=~"/api.*"}[5m])) / sum by (handler) (rate(prometheus_http_requests_total{handler=~"/api.*"}[5m]))',
    );
    const [increase, burnrates] = pyrraRuleGroups(slo);
    expect(increase.rules[0]).toMatchObject({
      expr: 'sum by (code, handler) (increase(prometheus_http_requests_total{handler=~"/api.*"}[1w]))',
      labels: { slo: 'prometheus-api-query' },
    });
    expect((burnrates.rules[7] as PyrraAlertingRule).expr).toBe(
      'prometheus_http_requests:burnrate1m{handler=~"/api.*",slo="prometheus-api-query"} > (14 * (1-0.99)) and prometheus_http_requests:burnrate15m{handler=~"/api.*",slo="prometheus-api-query"} > (14 * (1-0.99))',
    );
    expect((burnrates.rules[7] as PyrraAlertingRule).for).toBe('1m0s');
    expect(pyrraTotalQuery(slo)).toBe(
      'sum by (handler) (prometheus_http_requests:increase1w{handler=~"/api.*",slo="prometheus-api-query"})',
    );
  });

  it('pyrra-filesystem-errors: different errors metric gets its own increase rule', () => {
    const slo = get('pyrra-filesystem-errors');
    const [increase] = pyrraRuleGroups(slo);
    expect(increase.rules.map(r => ('record' in r ? r.expr : r.expr))).toEqual([
      'sum(increase(pyrra_filesystem_reconciles_total[1w]))',
      'absent(pyrra_filesystem_reconciles_total) == 1',
      'sum(increase(pyrra_filesystem_reconciles_errors_total[1w]))',
      'absent(pyrra_filesystem_reconciles_errors_total) == 1',
    ]);
    expect(pyrraErrorBudgetQuery(slo)).toBe(
      '((1 - 0.99) - (sum(pyrra_filesystem_reconciles_errors:increase1w{slo="pyrra-filesystem-errors"} or vector(0)) / sum(pyrra_filesystem_reconciles:increase1w{slo="pyrra-filesystem-errors"}))) / (1 - 0.99)',
    );
  });

  it('pyrra-connect-latency: native histogram rules with le 0.2', () => {
    const slo = get('pyrra-connect-latency');
    const [increase, burnrates] = pyrraRuleGroups(slo);
    expect(burnrates.rules[0]).toEqual({
      record: 'connect_server_requests_duration_seconds:burnrate3m',
      expr: '1 - histogram_fraction(0, 0.2, sum by (method, service) (rate(connect_server_requests_duration_seconds{code="ok",job="pyrra"}[3m])))',
      labels: { slo: 'pyrra-connect-latency', code: 'ok', job: 'pyrra' },
    });
    expect(increase.rules).toEqual([
      {
        record: 'connect_server_requests_duration_seconds:increase2w',
        expr: 'histogram_count(sum by (service, method) (increase(connect_server_requests_duration_seconds{code="ok",job="pyrra"}[2w])))',
        labels: { slo: 'pyrra-connect-latency', code: 'ok', job: 'pyrra' },
      },
      {
        record: 'connect_server_requests_duration_seconds:increase2w',
        expr: 'histogram_fraction(0, 0.2, sum by (service, method) (increase(connect_server_requests_duration_seconds{code="ok",job="pyrra"}[2w]))) * histogram_count(sum by (service, method) (increase(connect_server_requests_duration_seconds{code="ok",job="pyrra"}[2w])))',
        labels: {
          slo: 'pyrra-connect-latency',
          code: 'ok',
          job: 'pyrra',
          le: '0.2',
        },
      },
    ]);
    expect(totalQuery(slo, '2w')).toBe(
      'histogram_count(sum by (method, service) (increase(connect_server_requests_duration_seconds{code="ok",job="pyrra"}[2w])))',
    );
  });

  it('prometheus-blackbox-probe-success: bool gauge grouped by target', () => {
    const slo = get('prometheus-blackbox-probe-success');
    const [increase, burnrates] = pyrraRuleGroups(slo);
    expect(burnrates.rules[0]).toMatchObject({
      record: 'probe_success:burnrate1m',
      expr: '(sum by (target) (count_over_time(probe_success[1m])) - sum by (target) (sum_over_time(probe_success[1m]))) / sum by (target) (count_over_time(probe_success[1m]))',
    });
    expect(increase.rules[0]).toMatchObject({
      record: 'probe_success:count1w',
      expr: 'sum by (__name__, target) (count_over_time(probe_success[1w]))',
    });
    expect(errorsQuery(slo, '1w')).toBe(
      'sum by (target) (count_over_time(probe_success[1w])) - sum by (target) (sum_over_time(probe_success[1w]))',
    );
    expect(pyrraTotalQuery(slo)).toBe(
      'sum by (target) (probe_success:count1w{slo="prometheus-blackbox-probe-success"})',
    );
  });

  it('thanos-query (99%, 4w): error budget and burn-rate alert thresholds', () => {
    const slo = get('thanos-query');
    expect(pyrraErrorBudgetQuery(slo)).toBe(
      '((1 - 0.99) - (sum(http_requests:increase4w{code=~"5..",handler=~"query|query_range",job="thanos-query",slo="thanos-query"} or vector(0)) / sum(http_requests:increase4w{handler=~"query|query_range",job="thanos-query",slo="thanos-query"}))) / (1 - 0.99)',
    );
    const [increase, burnrates] = pyrraRuleGroups(slo);
    expect(increase.rules[0]).toEqual({
      record: 'http_requests:increase4w',
      expr: 'sum by (code, handler) (increase(http_requests_total{handler=~"query|query_range",job="thanos-query"}[4w]))',
      labels: { job: 'thanos-query', slo: 'thanos-query' },
    });
    expect((burnrates.rules[8] as PyrraAlertingRule).expr).toBe(
      'http_requests:burnrate30m{job="thanos-query",slo="thanos-query"} > (7 * (1-0.99)) and http_requests:burnrate6h{job="thanos-query",slo="thanos-query"} > (7 * (1-0.99))',
    );
  });
});
