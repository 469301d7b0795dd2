/*
 * The SLO service against a real Prometheus (Debian's 2.42 here): 30 days of deterministic
 * history backfilled with promtool, queried at the fixture's fixed end; and a live exporter
 * scraped every second for the "now" case (a canary turning bad). Needs
 * `bash scripts/install-debian.sh prometheus`; with PD_REQUIRE_PROMETHEUS=1 a missing Prometheus
 * fails the suite instead of skipping it.
 */
import {
  pyrraRuleGroups,
  ServiceLevelObjective,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { join } from 'node:path';
import { ObjectCache } from '../cache/ObjectCache';
import { HttpPrometheusClient } from './PrometheusClient';
import { PyrraRulesMode } from './config';
import { SloService } from './SloService';
import {
  backfill,
  FixtureFamily,
  freePort,
  LiveExporter,
  prometheusAvailable,
  RunningPrometheus,
  startExporter,
  startPrometheus,
  tempDir,
} from './__testUtils__/prometheus';

jest.setTimeout(120_000);

const available = prometheusAvailable();
const describeWithPrometheus = available ? describe : describe.skip;

/** 2026-01-01T00:00:00Z: fixed, minute- and 2h-aligned, in the past → identical data every run. */
const END = 1767225600;
const MINUTES = 30 * 1440;
/** The last 120 minutes of checkout are the "bad canary": 50 errors/min instead of 1. */
const BAD_FROM = MINUTES - 120;

function slo(
  name: string,
  spec: Partial<ServiceLevelObjective['spec']>,
): ServiceLevelObjective {
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name,
      namespace: 'shop',
      resourceVersion: '1',
      labels: { 'backstage.io/kubernetes-id': 'shop' },
    },
    spec: { target: '99', window: '28d', indicator: {}, ...spec },
  };
}

const ratio = (job: string) => ({
  ratio: {
    errors: { metric: `http_requests_total{job="${job}",code=~"5.."}` },
    total: { metric: `http_requests_total{job="${job}"}` },
  },
});

const SLOS = [
  slo('checkout-availability', { target: '99', indicator: ratio('checkout') }),
  slo('checkout-strict', { target: '99.9', indicator: ratio('checkout') }),
  slo('catalog-availability', { target: '99.9', indicator: ratio('catalog') }),
  slo('checkout-latency', {
    target: '99',
    indicator: {
      latency: {
        success: {
          metric:
            'http_request_duration_seconds_bucket{job="checkout",code=~"2..",le="0.5"}',
        },
        total: {
          metric:
            'http_request_duration_seconds_count{job="checkout",code=~"2.."}',
        },
      },
    },
  }),
  slo('payments-probe', {
    target: '99',
    window: '7d',
    indicator: {
      bool_gauge: { metric: 'probe_success{job="payments-probe"}' },
    },
  }),
];

/** Cumulative checkout errors at minute k: 1/min, then 50/min in the last 120 minutes. */
const checkoutErrors = (k: number) =>
  k <= BAD_FROM ? k : BAD_FROM + 50 * (k - BAD_FROM);
/** Cumulative checkout requests answered within 0.5 s: 990/min, then 900/min. */
const checkoutFast = (k: number) =>
  k <= BAD_FROM ? 990 * k : 990 * BAD_FROM + 900 * (k - BAD_FROM);

/**
 * What Pyrra's rules would have recorded for `checkout-strict` (99.9%) at END, written as series
 * of the last 10 minutes: its increase and burn-rate records and its ErrorBudgetBurn alerts.
 * Values are the hand-computed error ratios (see the expectations below).
 */
const strictRules: FixtureFamily[] = [
  {
    name: 'http_requests:increase4w',
    type: 'gauge',
    series: [
      {
        labels: { code: '200', job: 'checkout', slo: 'checkout-strict' },
        value: () => 40320000 - 46200,
        from: MINUTES - 10,
      },
      {
        labels: { code: '500', job: 'checkout', slo: 'checkout-strict' },
        value: () => 46200,
        from: MINUTES - 10,
      },
    ],
  },
  ...(
    [
      ['5m', 0.05],
      ['30m', 0.05],
      ['1h', 0.05],
      ['2h', 0.05],
      ['6h', 6240 / 360000],
      ['1d', 7320 / 1440000],
      ['4d', 11640 / 5760000],
    ] as const
  ).map(
    ([window, value]): FixtureFamily => ({
      name: `http_requests:burnrate${window}`,
      type: 'gauge',
      series: [
        {
          labels: { job: 'checkout', slo: 'checkout-strict' },
          value: () => value,
          from: MINUTES - 10,
        },
      ],
    }),
  ),
  {
    name: 'ALERTS',
    type: 'gauge',
    series: (
      [
        ['firing', 'critical', '5m', '1h', '2d'],
        ['firing', 'critical', '30m', '6h', '4d'],
        ['firing', 'warning', '2h', '1d', '2w'],
        ['pending', 'warning', '6h', '4d', '4w'],
      ] as const
    ).map(([alertstate, severity, short, long, exhaustion]) => ({
      labels: {
        alertname: 'ErrorBudgetBurn',
        alertstate,
        exhaustion,
        job: 'checkout',
        long,
        severity,
        short,
        slo: 'checkout-strict',
      },
      value: () => 1,
      from: MINUTES - 10,
    })),
  },
];

const FAMILIES: FixtureFamily[] = [
  {
    name: 'http_requests',
    type: 'counter',
    series: [
      {
        labels: { job: 'checkout', code: '200' },
        value: k => 1000 * k - checkoutErrors(k),
      },
      { labels: { job: 'checkout', code: '500' }, value: checkoutErrors },
      { labels: { job: 'catalog', code: '200' }, value: k => 1999 * k },
      { labels: { job: 'catalog', code: '500' }, value: k => k },
    ],
  },
  {
    name: 'http_request_duration_seconds_bucket',
    type: 'unknown',
    series: [
      {
        labels: { job: 'checkout', code: '200', le: '0.5' },
        value: checkoutFast,
      },
      {
        labels: { job: 'checkout', code: '200', le: '+Inf' },
        value: k => 1000 * k,
      },
    ],
  },
  {
    name: 'http_request_duration_seconds_count',
    type: 'unknown',
    series: [
      { labels: { job: 'checkout', code: '200' }, value: k => 1000 * k },
    ],
  },
  {
    name: 'probe_success',
    type: 'gauge',
    // Up every minute except the last 30 samples.
    series: [
      {
        labels: { job: 'payments-probe' },
        value: k => (k > MINUTES - 30 ? 0 : 1),
      },
    ],
  },
  ...strictRules,
];

function serviceFor(
  url: string,
  pyrraRules: PyrraRulesMode,
  options: { at?: Date; slos?: ServiceLevelObjective[] } = {},
) {
  const cache = new ObjectCache('eu-prod');
  for (const s of options.slos ?? SLOS)
    cache.upsert('ServiceLevelObjective', s);
  const source = new HttpPrometheusClient({
    name: 'test-prometheus',
    url,
    timeoutMs: 10_000,
  });
  return new SloService({
    clusters: { clusters: () => [{ name: 'eu-prod', cache }] },
    metricsFor: () => ({ source, pyrraRules }),
    cacheTtlMs: 0,
    modeTtlMs: 0,
    evaluationTime: () => options.at,
  });
}

async function all(service: SloService): Promise<Record<string, SloSummary>> {
  const slos = await service.entitySlos({
    requirements: [
      { key: 'backstage.io/kubernetes-id', operator: 'eq', value: 'shop' },
    ],
    labelSelector: 'backstage.io/kubernetes-id=shop',
  });
  return Object.fromEntries(slos.map(s => [s.name, s]));
}

const ratios = (s: SloSummary) =>
  s.burnRates.map(t => [
    t.short.window,
    t.short.errorRatio,
    t.long.window,
    t.long.errorRatio,
    t.exceeded,
  ]);

describeWithPrometheus(
  'SLOs from a real Prometheus with backfilled history',
  () => {
    let dir: { path: string; remove(): Promise<void> };
    let prometheus: RunningPrometheus;
    const at = new Date(END * 1000);

    beforeAll(async () => {
      dir = await tempDir('pd-slo-history-');
      const dataDir = join(dir.path, 'data');
      await backfill({
        dir: dir.path,
        dataDir,
        end: END,
        minutes: MINUTES,
        families: FAMILIES,
      });
      prometheus = await startPrometheus({
        dir: dir.path,
        dataDir,
        config: 'global:\n  scrape_interval: 1m\n',
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await dir?.remove();
    });

    it('computes availability, budget and burn rates from raw series (no Pyrra rules)', async () => {
      const slos = await all(serviceFor(prometheus.url, 'auto', { at }));
      const checkout = slos['checkout-availability'];
      expect(checkout).toMatchObject({
        status: 'ok',
        source: 'raw',
        prometheus: 'test-prometheus',
        objective: { target: 99, window: '4w', indicator: 'ratio' },
        // 28 days × 1440 min × 1000 requests; errors 40200 × 1 + 120 × 50.
        errorBudget: { requests: 40320000, errors: 46200, status: 'healthy' },
        freshness: {
          lastSampleAt: '2026-01-01T00:00:00.000Z',
          ageSeconds: 0,
          stale: false,
        },
        burning: false,
        evaluatedAt: '2026-01-01T00:00:00.000Z',
      });
      // 1 - 46200/40320000
      expect(checkout.availability).toBe(0.9988541666666667);
      // ((1 - 0.99) - 46200/40320000) / (1 - 0.99)
      expect(checkout.errorBudget!.remaining).toBe(0.8854166666666667);
      // 5m, 30m, 1h, 2h lie in the bad period: 50/1000. 6h: (120×50 + 240×1)/360000.
      // 1d: (6000 + 1320)/1440000. 4d: (6000 + 5640)/5760000. Thresholds 14, 7, 2, 1 × 0.01.
      expect(ratios(checkout)).toEqual([
        ['5m', 0.049999999999999996, '1h', 0.049999999999999996, false],
        ['30m', 0.049999999999999996, '6h', 0.017333333333333333, false],
        ['2h', 0.049999999999999996, '1d', 0.005083333333333334, false],
        ['6h', 0.017333333333333333, '4d', 0.0020208333333333337, false],
      ]);
      expect(
        checkout.burnRates.map(t => [t.severity, t.factor, t.threshold, t.for]),
      ).toEqual([
        ['critical', 14, 14 * (1 - 0.99), '2m'],
        ['critical', 7, 7 * (1 - 0.99), '15m'],
        ['warning', 2, 2 * (1 - 0.99), '1h'],
        ['warning', 1, 1 * (1 - 0.99), '3h'],
      ]);
      // 5m: 0.05 / 0.01 = 5× the sustainable rate.
      expect(checkout.burnRates[0].short.burnRate).toBeCloseTo(5, 12);
      // No Pyrra rules for this SLO: no alert state to report.
      expect(checkout.burnRates[0].alertState).toBeUndefined();

      const catalog = slos['catalog-availability'];
      expect(catalog).toMatchObject({
        status: 'ok',
        source: 'raw',
        errorBudget: { requests: 80640000, errors: 40320, status: 'healthy' },
        availability: 0.9995, // 1 - 1/2000
        burning: false,
      });
      // ((1 - t) - 1/2000) / (1 - t), t = 99.9 / 100 = 0.9990000000000001 as Pyrra divides.
      expect(catalog.errorBudget!.remaining).toBe(
        (1 - 99.9 / 100 - 1 / 2000) / (1 - 99.9 / 100),
      );
      expect(catalog.errorBudget!.remaining).toBe(0.49999999999994493);
      expect(catalog.burnRates.map(t => t.short.errorRatio)).toEqual([
        0.0005, 0.0005, 0.0005, 0.0005,
      ]);

      const latency = slos['checkout-latency'];
      expect(latency).toMatchObject({
        status: 'ok',
        source: 'raw',
        objective: { indicator: 'latency' },
        // slow: 40200 × 10 + 120 × 100
        errorBudget: {
          requests: 40320000,
          errors: 414000,
          status: 'exhausted',
        },
      });
      expect(latency.availability).toBe(1 - 414000 / 40320000);
      expect(latency.availability).toBe(0.9897321428571428);
      // ((1 - t) - 414000/40320000) / (1 - t), t = 0.99: overspent by 2.7%.
      expect(latency.errorBudget!.remaining).toBe(
        (1 - 99 / 100 - 414000 / 40320000) / (1 - 99 / 100),
      );
      expect(latency.errorBudget!.remaining).toBe(-0.02678571428571337);
      // 5m: 100 slow of 1000 per minute.
      expect(latency.burnRates[0].short.errorRatio).toBeCloseTo(0.1, 12);
      expect(latency.burnRates[0].exceeded).toBe(false); // 1h: 0.1 > 0.14? no

      const probe = slos['payments-probe'];
      expect(probe).toMatchObject({
        status: 'ok',
        objective: { indicator: 'boolGauge', window: '1w' },
        // 7d = 10080 minutes; both ends of the range count in Prometheus 2: 10081 samples, 30 down.
        errorBudget: { requests: 10081, errors: 30, status: 'healthy' },
        // Budget mostly left, but burning fast right now: every tier is exceeded.
        burning: true,
      });
      expect(probe.availability).toBe(1 - 30 / 10081);
      expect(probe.errorBudget!.remaining).toBe(
        (1 - 99 / 100 - 30 / 10081) / (1 - 99 / 100),
      );
      // 7d tiers: 1m/15m, 8m/1h30m, 30m/6h, 1h30m/1d; samples in [END-w, END]: w/1m + 1.
      expect(ratios(probe)).toEqual([
        ['1m', 1, '15m', 1, true],
        ['8m', 1, '1h30m', 30 / 91, true],
        ['30m', 30 / 31, '6h', 30 / 361, true],
        ['1h30m', 30 / 91, '1d', 30 / 1441, true],
      ]);
    });

    it("uses Pyrra's recording rules and alerts where they exist (auto-detected per SLO)", async () => {
      const slos = await all(serviceFor(prometheus.url, 'auto', { at }));
      const strict = slos['checkout-strict'];
      expect(strict).toMatchObject({
        status: 'ok',
        source: 'pyrra-rules',
        objective: { target: 99.9, window: '4w' },
        errorBudget: { requests: 40320000, errors: 46200, status: 'exhausted' },
        availability: 0.9988541666666667,
        burning: true,
      });
      // ((1 - t) - 46200/40320000) / (1 - t), t = 99.9 / 100: overspent by 14.6%.
      expect(strict.errorBudget!.remaining).toBe(
        (1 - 99.9 / 100 - 46200 / 40320000) / (1 - 99.9 / 100),
      );
      expect(strict.errorBudget!.remaining).toBe(-0.14583333333345955);
      // Exactly what the recorded series hold (the hand-computed fractions).
      expect(ratios(strict)).toEqual([
        ['5m', 0.05, '1h', 0.05, true],
        ['30m', 0.05, '6h', 6240 / 360000, true],
        ['2h', 0.05, '1d', 7320 / 1440000, true],
        ['6h', 6240 / 360000, '4d', 11640 / 5760000, true],
      ]);
      expect(strict.burnRates.map(t => t.alertState)).toEqual([
        'firing',
        'firing',
        'firing',
        'pending',
      ]);
      // The raw SLO next to it still reads the raw series.
      expect(slos['checkout-availability'].source).toBe('raw');
    });

    it('reads raw series when told Pyrra rules are absent, and knows no-data', async () => {
      const slos = await all(serviceFor(prometheus.url, 'absent', { at }));
      expect(slos['checkout-strict']).toMatchObject({
        source: 'raw',
        availability: 0.9988541666666667,
        errorBudget: { remaining: -0.14583333333345955 },
      });
      expect(slos['checkout-strict'].burnRates[0].alertState).toBeUndefined();
      expect(ratios(slos['checkout-strict'])[0]).toEqual([
        '5m',
        0.049999999999999996,
        '1h',
        0.049999999999999996,
        true,
      ]);
      // A day after END every raw series is gone: unknown with the reason, not a healthy 100%.
      const later = await all(
        serviceFor(prometheus.url, 'absent', {
          at: new Date((END + 40 * 86400) * 1000),
        }),
      );
      expect(later['checkout-availability']).toMatchObject({
        status: 'unknown',
        reason: 'no-data',
        freshness: { lastSampleAt: null, stale: true },
      });
    });

    it('reports a down Prometheus as unknown with the reason', async () => {
      const slos = await all(
        serviceFor(`http://127.0.0.1:${await freePort()}`, 'auto', {
          at,
        }),
      );
      expect(slos['checkout-availability']).toMatchObject({
        status: 'unknown',
        reason: 'prometheus-error',
        message: expect.stringContaining('is unreachable: ECONNREFUSED'),
        availability: null,
      });
    });
  },
);

describeWithPrometheus(
  'SLOs from a real Prometheus scraping a live exporter',
  () => {
    let dir: { path: string; remove(): Promise<void> };
    let prometheus: RunningPrometheus;
    let exporter: LiveExporter;
    const live = slo('live-checkout', {
      target: '99',
      indicator: ratio('live'),
    });

    beforeAll(async () => {
      dir = await tempDir('pd-slo-live-');
      exporter = await startExporter();
      // Pyrra's rules for the SLO, evaluated every second instead of every 30s.
      const groups = pyrraRuleGroups(live).map(g => ({ ...g, interval: '1s' }));
      prometheus = await startPrometheus({
        dir: dir.path,
        dataDir: join(dir.path, 'data'),
        config: [
          'global:',
          '  scrape_interval: 1s',
          '  evaluation_interval: 1s',
          'scrape_configs:',
          '  - job_name: live',
          '    static_configs:',
          `      - targets: ['127.0.0.1:${exporter.port}']`,
        ].join('\n'),
        rules: [JSON.stringify({ groups })],
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await exporter?.stop();
      await dir?.remove();
    });

    async function eventually(
      check: () => Promise<SloSummary>,
      until: (s: SloSummary) => boolean,
      timeoutMs = 40_000,
    ): Promise<SloSummary> {
      const end = Date.now() + timeoutMs;
      let last: SloSummary | undefined;
      while (Date.now() < end) {
        last = await check();
        if (until(last)) return last;
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error(`not reached; last: ${JSON.stringify(last)}`);
    }

    it('raises the short-window burn rate when the canary turns bad', async () => {
      const rules = serviceFor(prometheus.url, 'auto', { slos: [live] });
      const raw = serviceFor(prometheus.url, 'absent', { slos: [live] });
      const read = async (service: SloService) =>
        (await all(service))['live-checkout'];

      // Healthy: both tracks fail 1 of 1000 requests.
      const healthy = await eventually(
        () => read(rules),
        s =>
          s.source === 'pyrra-rules' &&
          s.status === 'ok' &&
          s.burnRates[0]?.short.errorRatio !== null,
      );
      expect(healthy.burnRates[0].short.errorRatio).toBeCloseTo(0.001, 9);
      expect(healthy.burnRates[0].exceeded).toBe(false);
      expect(healthy.freshness?.stale).toBe(false);
      expect(healthy.burnRates[0].alertState).toBe('inactive');

      exporter.errorRatio.canary = 0.5;
      const threshold = 14 * (1 - 0.99);
      const bad = await eventually(
        () => read(rules),
        s => (s.burnRates[0].short.errorRatio ?? 0) > threshold,
      );
      expect(bad.burnRates[0].exceeded).toBe(true);
      expect(bad.burning).toBe(true);
      // Pyrra's fast alert goes pending (it fires only after `for: 2m`).
      const pending = await eventually(
        () => read(rules),
        s => s.burnRates[0].alertState === 'pending',
      );
      expect(pending.burnRates[0].severity).toBe('critical');
      // The raw query sees the same rise.
      const rawBad = await read(raw);
      expect(rawBad.source).toBe('raw');
      expect(rawBad.burnRates[0].short.errorRatio!).toBeGreaterThan(threshold);
    });
  },
);
