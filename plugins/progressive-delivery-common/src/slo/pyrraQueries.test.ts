import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import { PyrraObjective, parsePyrraObjective } from './pyrraObjective';
import {
  errorRatioQuery,
  errorsQuery,
  pyrraBurnrateQuery,
  pyrraErrorBudgetQuery,
  pyrraErrorsQuery,
  pyrraTotalQuery,
  totalQuery,
} from './pyrraQueries';
import { SloInputError } from './errors';
import { parsePromSelector } from './selector';

type Indicator = ServiceLevelObjective['spec']['indicator'];

/**
 * Pyrra's promql_test.go builds objectives with a fraction target (0.999) directly; a CRD's "99.9"
 * becomes 0.9990000000000001. Build from a CRD, then pin the fraction like the Go test does.
 */
function objective(
  name: string,
  window: string,
  fraction: number,
  indicator: Indicator,
): PyrraObjective {
  const parsed = parsePyrraObjective({
    metadata: { name },
    spec: { target: String(fraction * 100), window, indicator },
  });
  return { ...parsed, target: { percent: fraction * 100, fraction } };
}

const httpRatio = (grouping?: string[], regex = false) =>
  objective('monitoring-http-errors', '4w', 0.99, {
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
  });
const grpcRatio = () =>
  objective('monitoring-grpc-errors', '4w', 0.999, {
    ratio: {
      errors: {
        metric:
          'grpc_server_handled_total{job="api",grpc_service="conprof.WritableProfileStore",grpc_method="Write",grpc_code=~"Aborted|Unavailable|Internal|Unknown|Unimplemented|DataLoss"}',
      },
      total: {
        metric:
          'grpc_server_handled_total{job="api",grpc_service="conprof.WritableProfileStore",grpc_method="Write"}',
      },
    },
  });
const httpLatency = (grouping?: string[]) =>
  objective('monitoring-http-latency', '4w', 0.995, {
    latency: {
      success: {
        metric:
          'http_request_duration_seconds_bucket{job="metrics-service-thanos-receive-default",code=~"2..",le="1"}',
      },
      total: {
        metric:
          'http_request_duration_seconds_count{job="metrics-service-thanos-receive-default",code=~"2.."}',
      },
      grouping,
    },
  });
const httpNativeLatency = () =>
  objective('monitoring-http-latency', '4w', 0.995, {
    latencyNative: {
      latency: '1s',
      total: {
        metric:
          'http_request_duration_seconds{job="metrics-service-thanos-receive-default",code=~"2.."}',
      },
    },
  });
const grpcLatency = () =>
  objective('monitoring-grpc-latency', '1w', 0.995, {
    latency: {
      success: {
        metric:
          'grpc_server_handling_seconds_bucket{job="api",grpc_service="conprof.WritableProfileStore",grpc_method="Write",le="0.6"}',
      },
      total: {
        metric:
          'grpc_server_handling_seconds_count{job="api",grpc_service="conprof.WritableProfileStore",grpc_method="Write"}',
      },
    },
  });
const operator = (grouping?: string[]) =>
  objective('monitoring-prometheus-operator-errors', '2w', 0.99, {
    ratio: {
      errors: { metric: 'prometheus_operator_reconcile_errors_total' },
      total: { metric: 'prometheus_operator_reconcile_operations_total' },
      grouping,
    },
  });
const apiserverRatio = () =>
  objective('apiserver-write-response-errors', '2w', 0.99, {
    ratio: {
      errors: {
        metric:
          'apiserver_request_total{job="apiserver",verb=~"POST|PUT|PATCH|DELETE",code=~"5.."}',
      },
      total: {
        metric:
          'apiserver_request_total{job="apiserver",verb=~"POST|PUT|PATCH|DELETE"}',
      },
    },
  });
const apiserverLatency = () =>
  objective('apiserver-read-resource-latency', '2w', 0.99, {
    latency: {
      grouping: ['resource', 'verb'],
      success: {
        metric:
          'apiserver_request_duration_seconds_bucket{job="apiserver",verb=~"LIST|GET",resource=~"resource|",le="0.1"}',
      },
      total: {
        metric:
          'apiserver_request_duration_seconds_count{job="apiserver",verb=~"LIST|GET",resource=~"resource|"}',
      },
    },
  });
const upTargets = (groupingRegex = false) =>
  objective('up-targets', '4w', 0.99, {
    bool_gauge: groupingRegex
      ? {
          metric: 'up{instance!~"(127.0.0.1|localhost).*"}',
          grouping: ['job', 'instance'],
        }
      : { metric: 'up' },
  });

// Pyrra slo/promql_test.go TestObjective_QueryTotal.
describe('pyrraTotalQuery (Pyrra QueryTotal)', () => {
  it.each([
    [
      'http-ratio',
      httpRatio(),
      'sum(http_requests:increase4w{job="thanos-receive-default",slo="monitoring-http-errors"})',
    ],
    [
      'http-ratio-grouping',
      httpRatio(['job', 'handler']),
      'sum by (job, handler) (http_requests:increase4w{job="thanos-receive-default",slo="monitoring-http-errors"})',
    ],
    [
      'http-ratio-grouping-regex',
      httpRatio(['job', 'handler'], true),
      'sum by (job, handler) (http_requests:increase4w{handler=~"/api.*",job="thanos-receive-default",slo="monitoring-http-errors"})',
    ],
    [
      'grpc-ratio',
      grpcRatio(),
      'sum(grpc_server_handled:increase4w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-errors"})',
    ],
    [
      'http-latency',
      httpLatency(),
      'sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="",slo="monitoring-http-latency"})',
    ],
    [
      'operator-ratio',
      operator(),
      'sum(prometheus_operator_reconcile_operations:increase2w{slo="monitoring-prometheus-operator-errors"})',
    ],
    [
      'operator-ratio-grouping',
      operator(['namespace']),
      'sum by (namespace) (prometheus_operator_reconcile_operations:increase2w{slo="monitoring-prometheus-operator-errors"})',
    ],
    [
      'apiserver-write-response-errors',
      apiserverRatio(),
      'sum(apiserver_request:increase2w{job="apiserver",slo="apiserver-write-response-errors",verb=~"POST|PUT|PATCH|DELETE"})',
    ],
    [
      'apiserver-read-resource-latency',
      apiserverLatency(),
      'sum by (resource, verb) (apiserver_request_duration_seconds:increase2w{job="apiserver",le="",resource=~"resource|",slo="apiserver-read-resource-latency",verb=~"LIST|GET"})',
    ],
    ['up-targets', upTargets(), 'sum(up:count4w{slo="up-targets"})'],
    [
      'up-targets-grouping-regex',
      upTargets(true),
      'sum by (job, instance) (up:count4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"})',
    ],
  ])('%s', (_, slo, expected) => {
    expect(pyrraTotalQuery(slo)).toBe(expected);
  });
});

// Pyrra slo/promql_test.go TestObjective_QueryErrors.
describe('pyrraErrorsQuery (Pyrra QueryErrors)', () => {
  it.each([
    [
      'http-ratio',
      httpRatio(),
      'sum(http_requests:increase4w{code=~"5..",job="thanos-receive-default",slo="monitoring-http-errors"})',
    ],
    [
      'grpc-ratio',
      grpcRatio(),
      'sum(grpc_server_handled:increase4w{grpc_code=~"Aborted|Unavailable|Internal|Unknown|Unimplemented|DataLoss",grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-errors"})',
    ],
    [
      'http-latency',
      httpLatency(),
      'sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="",slo="monitoring-http-latency"}) - sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="1",slo="monitoring-http-latency"})',
    ],
    [
      'http-latency-grouping',
      httpLatency(['job', 'handler']),
      'sum by (job, handler) (http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="",slo="monitoring-http-latency"}) - sum by (job, handler) (http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="1",slo="monitoring-http-latency"})',
    ],
    [
      'grpc-latency',
      grpcLatency(),
      'sum(grpc_server_handling_seconds:increase1w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",le="",slo="monitoring-grpc-latency"}) - sum(grpc_server_handling_seconds:increase1w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",le="0.6",slo="monitoring-grpc-latency"})',
    ],
    [
      'operator-ratio',
      operator(),
      'sum(prometheus_operator_reconcile_errors:increase2w{slo="monitoring-prometheus-operator-errors"})',
    ],
    [
      'apiserver-write-response-errors',
      apiserverRatio(),
      'sum(apiserver_request:increase2w{code=~"5..",job="apiserver",slo="apiserver-write-response-errors",verb=~"POST|PUT|PATCH|DELETE"})',
    ],
    [
      'apiserver-read-resource-latency',
      apiserverLatency(),
      'sum by (resource, verb) (apiserver_request_duration_seconds:increase2w{job="apiserver",le="",resource=~"resource|",slo="apiserver-read-resource-latency",verb=~"LIST|GET"}) - sum by (resource, verb) (apiserver_request_duration_seconds:increase2w{job="apiserver",le="0.1",resource=~"resource|",slo="apiserver-read-resource-latency",verb=~"LIST|GET"})',
    ],
    [
      'up-targets',
      upTargets(),
      'sum(up:count4w{slo="up-targets"}) - sum(up:sum4w{slo="up-targets"})',
    ],
    [
      'up-targets-grouping-regex',
      upTargets(true),
      'sum by (job, instance) (up:count4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"}) - sum by (job, instance) (up:sum4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"})',
    ],
  ])('%s', (_, slo, expected) => {
    expect(pyrraErrorsQuery(slo)).toBe(expected);
  });
});

// Pyrra slo/promql_test.go TestObjective_QueryErrorBudget; the first case is slo-pyrra.md A5 case 1.
describe('pyrraErrorBudgetQuery (Pyrra QueryErrorBudget)', () => {
  it.each([
    [
      'http-ratio',
      httpRatio(),
      '((1 - 0.99) - (sum(http_requests:increase4w{code=~"5..",job="thanos-receive-default",slo="monitoring-http-errors"} or vector(0)) / sum(http_requests:increase4w{job="thanos-receive-default",slo="monitoring-http-errors"}))) / (1 - 0.99)',
    ],
    [
      'http-ratio-grouping-regex',
      httpRatio(['job', 'handler'], true),
      '((1 - 0.99) - (sum(http_requests:increase4w{code=~"5..",handler=~"/api.*",job="thanos-receive-default",slo="monitoring-http-errors"} or vector(0)) / sum(http_requests:increase4w{handler=~"/api.*",job="thanos-receive-default",slo="monitoring-http-errors"}))) / (1 - 0.99)',
    ],
    [
      'grpc-ratio',
      grpcRatio(),
      '((1 - 0.999) - (sum(grpc_server_handled:increase4w{grpc_code=~"Aborted|Unavailable|Internal|Unknown|Unimplemented|DataLoss",grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-errors"} or vector(0)) / sum(grpc_server_handled:increase4w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-errors"}))) / (1 - 0.999)',
    ],
    [
      'http-latency',
      httpLatency(),
      '((1 - 0.995) - (1 - sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="1",slo="monitoring-http-latency"} or vector(0)) / sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="",slo="monitoring-http-latency"}))) / (1 - 0.995)',
    ],
    [
      'http-latency-native',
      httpNativeLatency(),
      '((1 - 0.995) - (1 - sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="1",slo="monitoring-http-latency"} or vector(0)) / sum(http_request_duration_seconds:increase4w{code=~"2..",job="metrics-service-thanos-receive-default",le="",slo="monitoring-http-latency"}))) / (1 - 0.995)',
    ],
    [
      'grpc-latency',
      grpcLatency(),
      '((1 - 0.995) - (1 - sum(grpc_server_handling_seconds:increase1w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",le="0.6",slo="monitoring-grpc-latency"} or vector(0)) / sum(grpc_server_handling_seconds:increase1w{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",le="",slo="monitoring-grpc-latency"}))) / (1 - 0.995)',
    ],
    [
      'operator-ratio',
      operator(),
      '((1 - 0.99) - (sum(prometheus_operator_reconcile_errors:increase2w{slo="monitoring-prometheus-operator-errors"} or vector(0)) / sum(prometheus_operator_reconcile_operations:increase2w{slo="monitoring-prometheus-operator-errors"}))) / (1 - 0.99)',
    ],
    [
      'apiserver-write-response-errors',
      apiserverRatio(),
      '((1 - 0.99) - (sum(apiserver_request:increase2w{code=~"5..",job="apiserver",slo="apiserver-write-response-errors",verb=~"POST|PUT|PATCH|DELETE"} or vector(0)) / sum(apiserver_request:increase2w{job="apiserver",slo="apiserver-write-response-errors",verb=~"POST|PUT|PATCH|DELETE"}))) / (1 - 0.99)',
    ],
    [
      'up-targets',
      upTargets(),
      '((1 - 0.99) - ((sum(up:count4w{slo="up-targets"}) - sum(up:sum4w{slo="up-targets"})) / sum(up:count4w{slo="up-targets"}))) / (1 - 0.99)',
    ],
    [
      'up-targets-grouping-regex',
      upTargets(true),
      '((1 - 0.99) - ((sum by (job, instance) (up:count4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"}) - sum by (job, instance) (up:sum4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"})) / sum by (job, instance) (up:count4w{instance!~"(127.0.0.1|localhost).*",slo="up-targets"}))) / (1 - 0.99)',
    ],
  ])('%s', (_, slo, expected) => {
    expect(pyrraErrorBudgetQuery(slo)).toBe(expected);
  });

  it('prints a CRD target the way Pyrra does (99.9 / 100)', () => {
    const crd: ServiceLevelObjective = {
      metadata: { name: 'x' },
      spec: {
        target: '99.9',
        window: '4w',
        indicator: { bool_gauge: { metric: 'up' } },
      },
    };
    expect(pyrraErrorBudgetQuery(crd)).toMatch(
      /^\(\(1 - 0\.9990000000000001\) - /,
    );
  });
});

// Pyrra slo/promql_test.go TestObjective_QueryBurnrate (the cases without regex matchers on total;
// Pyrra's current QueryBurnrate keeps only the equality matchers the burn-rate records carry).
describe('pyrraBurnrateQuery (Pyrra QueryBurnrate)', () => {
  it.each([
    [
      'http-ratio',
      httpRatio(),
      {},
      'http_requests:burnrate5m{job="thanos-receive-default",slo="monitoring-http-errors"}',
    ],
    [
      'grpc-ratio',
      grpcRatio(),
      {},
      'grpc_server_handled:burnrate5m{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-errors"}',
    ],
    [
      'grpc-latency',
      grpcLatency(),
      {},
      'grpc_server_handling_seconds:burnrate5m{grpc_method="Write",grpc_service="conprof.WritableProfileStore",job="api",slo="monitoring-grpc-latency"}',
    ],
    [
      'operator-ratio',
      operator(),
      {},
      'prometheus_operator_reconcile_operations:burnrate5m{slo="monitoring-prometheus-operator-errors"}',
    ],
    [
      'operator-ratio-grouping',
      operator(['namespace']),
      { namespace: 'monitoring' },
      'prometheus_operator_reconcile_operations:burnrate5m{namespace="monitoring",slo="monitoring-prometheus-operator-errors"}',
    ],
    ['up-targets', upTargets(), {}, 'up:burnrate5m{slo="up-targets"}'],
    [
      'http-latency (regex matchers are not on the records)',
      httpLatency(),
      {},
      'http_request_duration_seconds:burnrate5m{job="metrics-service-thanos-receive-default",slo="monitoring-http-latency"}',
    ],
  ])('%s', (_, slo, grouping, expected) => {
    expect(pyrraBurnrateQuery(slo, '5m', grouping)).toBe(expected);
  });

  it('escapes hostile grouping values and rejects bad label names', () => {
    expect(
      pyrraBurnrateQuery(operator(['namespace']), '1h', {
        namespace: '"} or vector(1) #',
      }),
    ).toBe(
      'prometheus_operator_reconcile_operations:burnrate1h{namespace="\\"} or vector(1) #",slo="monitoring-prometheus-operator-errors"}',
    );
    expect(() => pyrraBurnrateQuery(operator(), '5m', { 'a"}': 'x' })).toThrow(
      SloInputError,
    );
    expect(() => pyrraBurnrateQuery(operator(), 'soon')).toThrow(SloInputError);
  });
});

describe('raw queries', () => {
  it('errorRatioQuery is the expression Pyrra records (slo-pyrra.md A4/A5)', () => {
    expect(errorRatioQuery(httpRatio(), '5m')).toBe(
      'sum(rate(http_requests_total{code=~"5..",job="thanos-receive-default"}[5m])) / sum(rate(http_requests_total{job="thanos-receive-default"}[5m]))',
    );
    expect(errorRatioQuery(httpLatency(), '1h')).toBe(
      '(sum(rate(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[1h])) - sum(rate(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le="1"}[1h]))) / sum(rate(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[1h]))',
    );
    expect(errorRatioQuery(httpNativeLatency(), '30m')).toBe(
      '1 - histogram_fraction(0, 1, sum(rate(http_request_duration_seconds{code=~"2..",job="metrics-service-thanos-receive-default"}[30m])))',
    );
    expect(errorRatioQuery(upTargets(), '5m')).toBe(
      '(sum(count_over_time(up[5m])) - sum(sum_over_time(up[5m]))) / sum(count_over_time(up[5m]))',
    );
    expect(errorRatioQuery(httpRatio(['job', 'handler']), '28d')).toBe(
      'sum by (handler, job) (rate(http_requests_total{code=~"5..",job="thanos-receive-default"}[4w])) / sum by (handler, job) (rate(http_requests_total{job="thanos-receive-default"}[4w]))',
    );
  });

  it('totalQuery and errorsQuery per indicator', () => {
    expect(totalQuery(httpRatio(), '4w')).toBe(
      'sum(increase(http_requests_total{job="thanos-receive-default"}[4w]))',
    );
    expect(errorsQuery(httpRatio(), '4w')).toBe(
      'sum(increase(http_requests_total{code=~"5..",job="thanos-receive-default"}[4w]))',
    );
    expect(totalQuery(apiserverLatency(), '1d')).toBe(
      'sum by (resource, verb) (increase(apiserver_request_duration_seconds_count{job="apiserver",resource=~"resource|",verb=~"LIST|GET"}[1d]))',
    );
    expect(
      errorsQuery(httpLatency(), '1d', { prometheus3Migration: true }),
    ).toBe(
      'sum(increase(http_request_duration_seconds_count{code=~"2..",job="metrics-service-thanos-receive-default"}[1d])) - sum(increase(http_request_duration_seconds_bucket{code=~"2..",job="metrics-service-thanos-receive-default",le=~"1(\\\\.0)?"}[1d]))',
    );
    expect(totalQuery(httpNativeLatency(), '1h')).toBe(
      'histogram_count(sum(increase(http_request_duration_seconds{code=~"2..",job="metrics-service-thanos-receive-default"}[1h])))',
    );
    expect(errorsQuery(httpNativeLatency(), '1h')).toBe(
      'histogram_count(sum(increase(http_request_duration_seconds{code=~"2..",job="metrics-service-thanos-receive-default"}[1h]))) - histogram_fraction(0, 1, sum(increase(http_request_duration_seconds{code=~"2..",job="metrics-service-thanos-receive-default"}[1h]))) * histogram_count(sum(increase(http_request_duration_seconds{code=~"2..",job="metrics-service-thanos-receive-default"}[1h])))',
    );
    expect(totalQuery(upTargets(true), '1w')).toBe(
      'sum by (instance, job) (count_over_time(up{instance!~"(127.0.0.1|localhost).*"}[1w]))',
    );
    expect(errorsQuery(upTargets(), '1w')).toBe(
      'sum(count_over_time(up[1w])) - sum(sum_over_time(up[1w]))',
    );
  });

  it('escapes hostile label values from the CRD instead of injecting them', () => {
    const crd: ServiceLevelObjective = {
      metadata: { name: 'evil' },
      spec: {
        target: '99',
        window: '4w',
        indicator: {
          ratio: {
            errors: {
              metric:
                'http_requests_total{job="a\\"} or vector(1) #",path="C:\\\\x\\nnext",code=~"5.."}',
            },
            total: {
              metric: 'http_requests_total{job="a\\"} or vector(1) #"}',
            },
          },
        },
      },
    };
    const query = errorsQuery(crd, '5m');
    expect(query).toBe(
      'sum(increase(http_requests_total{code=~"5..",job="a\\"} or vector(1) #",path="C:\\\\x\\nnext"}[5m]))',
    );
    const inner = /^sum\(increase\((.*)\[5m\]\)\)$/.exec(query)![1];
    expect(parsePromSelector(inner).matchers).toEqual(
      [
        { name: 'job', type: '=', value: 'a"} or vector(1) #' },
        { name: 'path', type: '=', value: 'C:\\x\nnext' },
        { name: 'code', type: '=~', value: '5..' },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  });

  it('rejects invalid ranges', () => {
    expect(() => totalQuery(httpRatio(), '0s')).toThrow(/longer than 0s/);
    expect(() => errorRatioQuery(httpRatio(), '5 minutes')).toThrow(
      SloInputError,
    );
  });
});
