import { queriesSloOrBurnRate } from './queriesSloOrBurnRate';

describe('queriesSloOrBurnRate', () => {
  it.each([
    'http_requests:burnrate5m{slo="checkout-errors"} > (14 * (1-0.999))',
    'sum(http_requests:burnrate1h4m{job="checkout"})',
    'max(http_request_duration_seconds:burnrate1d1h43m)',
    '1 - sum(http_requests:increase4w{code=~"5..",slo="x"}) / sum(http_requests:increase4w{slo="x"})',
    'sum(probe_success:count1w) - sum(probe_success:sum1w)',
    'pyrra_availability{slo="checkout"} < 0.999',
    'sum(pyrra_errors:rate5m{slo="x"}) / sum(pyrra_requests:rate5m{slo="x"})',
    'slo:sli_error:ratio_rate5m{sloth_service="checkout"} > (14.4 * 0.001)',
    'slo:current_burn_rate:ratio{sloth_id="x"} > 2',
    'count(ALERTS{alertname="ErrorBudgetBurn",slo="checkout",alertstate="firing"}) or vector(0)',
  ])('recognises %s', query => {
    expect(queriesSloOrBurnRate(query)).toBe(true);
  });

  it.each([
    '',
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
    'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
    'sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]))',
    'up{job="http_requests:burnrate5m"}',
    'my_burnrate_total',
    'count(ALERTS{alertname="HighLatency"})',
  ])('ignores %j', query => {
    expect(queriesSloOrBurnRate(query)).toBe(false);
  });
});
