import { mockCredentials } from '@backstage/backend-test-utils';
import { factSchemaProblems } from './__testUtils__/factSchemaProblems';
import {
  BRONZE_SEARCH,
  GOLD_CHECKOUT,
  NONE_PAYMENTS,
  SILVER_CART,
  orgScorecardResponse,
} from './__testUtils__/orgScorecardResponse';
import { allLogged, retrieverContext } from './__testUtils__/retrieverContext';
import {
  respondWith,
  startScorecardServer,
} from './__testUtils__/scorecardServer';
import {
  createProgressiveDeliveryFactRetriever,
  progressiveDeliveryFactRetriever,
} from './progressiveDeliveryFactRetriever';

const SERVICE_TOKEN = mockCredentials.service.token({
  onBehalfOf: mockCredentials.service('plugin:tech-insights'),
  targetPluginId: 'progressive-delivery',
});

describe('progressiveDeliveryFactRetriever', () => {
  let server: Awaited<ReturnType<typeof startScorecardServer>> | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function run(
    respond: Parameters<typeof startScorecardServer>[0],
    retriever = progressiveDeliveryFactRetriever,
  ) {
    server = await startScorecardServer(respond);
    const { ctx, logger } = retrieverContext(server.baseUrl);
    const facts = await retriever.handler(ctx);
    return { facts, logger, requests: server.requests };
  }

  it('asks the backend once, with a service token, and publishes each entity', async () => {
    const { facts, requests, logger } = await run(
      respondWith(200, orgScorecardResponse()),
    );

    expect(requests).toEqual([
      {
        method: 'GET',
        url: '/api/progressive-delivery/scorecards?days=30',
        authorization: `Bearer ${SERVICE_TOKEN}`,
      },
    ]);
    expect(facts).toEqual([
      {
        entity: { kind: 'component', namespace: 'default', name: 'checkout' },
        facts: {
          runsAsRollout: true,
          strategyWithSteps: true,
          automatedAnalysis: true,
          analysisGatedOnSlo: true,
          sloExists: true,
          errorBudgetHealthy: true,
          safeFirstStep: true,
          preTrafficTesting: true,
          fastRollback: true,
          noUnguardedManualPause: true,
          level: 'gold',
          levelRank: 3,
          checksPassed: 10,
          checksApplicable: 10,
          rolloutsStarted: 14,
          rolloutsCompleted: 12,
          rolloutsAborted: 2,
          medianTimeToPromoteSeconds: 1260,
          analysisFailureRate: 0.05,
          portalActions: 9,
          externalActions: 1,
        },
      },
      {
        entity: { kind: 'component', namespace: 'team-checkout', name: 'cart' },
        facts: {
          runsAsRollout: true,
          strategyWithSteps: true,
          automatedAnalysis: true,
          analysisGatedOnSlo: false,
          sloExists: false,
          safeFirstStep: true,
          preTrafficTesting: true,
          fastRollback: true,
          noUnguardedManualPause: true,
          level: 'silver',
          levelRank: 2,
          checksPassed: 7,
          checksApplicable: 9,
          rolloutsStarted: 6,
          rolloutsCompleted: 3,
          rolloutsAborted: 3,
          medianTimeToPromoteSeconds: 930.5,
          analysisFailureRate: 0.4,
          portalActions: 2,
          externalActions: 5,
        },
      },
      {
        entity: { kind: 'component', namespace: 'default', name: 'search' },
        facts: {
          runsAsRollout: true,
          strategyWithSteps: true,
          automatedAnalysis: false,
          sloExists: false,
          safeFirstStep: false,
          preTrafficTesting: false,
          fastRollback: true,
          noUnguardedManualPause: false,
          level: 'bronze',
          levelRank: 1,
          checksPassed: 3,
          checksApplicable: 8,
          rolloutsStarted: 1,
          rolloutsCompleted: 0,
          rolloutsAborted: 0,
          portalActions: 0,
          externalActions: 2,
        },
      },
      {
        entity: { kind: 'resource', namespace: 'default', name: 'payments' },
        facts: {
          runsAsRollout: false,
          level: 'none',
          levelRank: 0,
          checksPassed: 0,
          checksApplicable: 1,
          rolloutsStarted: 0,
          rolloutsCompleted: 0,
          rolloutsAborted: 0,
          portalActions: 0,
          externalActions: 0,
        },
      },
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('publishes only values that match its own schema', async () => {
    const { facts } = await run(respondWith(200, orgScorecardResponse()));

    expect(facts).toHaveLength(4);
    expect(
      factSchemaProblems(facts, progressiveDeliveryFactRetriever.schema),
    ).toEqual([]);
  });

  it('uses the configured window', async () => {
    const retriever = createProgressiveDeliveryFactRetriever({ windowDays: 7 });
    const { requests } = await run(
      respondWith(200, orgScorecardResponse([])),
      retriever,
    );

    expect(requests.map(r => r.url)).toEqual([
      '/api/progressive-delivery/scorecards?days=7',
    ]);
    expect(retriever.schema.rolloutsAborted.description).toContain(
      'last 7 days',
    );
  });

  it.each([0, 91, 1.5])('refuses a window of %p days', windowDays => {
    expect(() =>
      createProgressiveDeliveryFactRetriever({ windowDays }),
    ).toThrow('windowDays must be an integer from 1 to 90');
  });

  it('leaves out entities of kinds outside its entity filter', async () => {
    const { facts } = await run(
      respondWith(
        200,
        orgScorecardResponse([
          { ...GOLD_CHECKOUT, entityRef: 'system:default/shop' },
          NONE_PAYMENTS,
        ]),
      ),
    );

    expect(facts.map(f => f.entity)).toEqual([
      { kind: 'resource', namespace: 'default', name: 'payments' },
    ]);
  });

  it('skips a malformed entity with a warning and keeps the others', async () => {
    const { facts, logger } = await run(
      respondWith(200, {
        windowDays: 30,
        clusters: [],
        entities: [
          { ...SILVER_CART, level: 'platinum' },
          { ...BRONZE_SEARCH, entityRef: 'not a ref' },
          {
            ...GOLD_CHECKOUT,
            outcomes: { ...GOLD_CHECKOUT.outcomes, actions: {} },
          },
          'nonsense',
          GOLD_CHECKOUT,
        ],
      }),
    );

    expect(facts.map(f => f.entity.name)).toEqual(['checkout']);
    const warnings = logger.warn.mock.calls.map(call => call[0]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Skipped scorecard of component:team-checkout\/cart: level "platinum"/,
      ),
      expect.stringMatching(
        /^Skipped scorecard of component:default\/checkout: outcomes.actions/,
      ),
      'Skipped scorecard of an entity: not an object',
      expect.stringMatching(/^Skipped scorecard of not a ref: /),
    ]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('returns no facts and logs the backend error on a 5xx', async () => {
    const { facts, logger } = await run(
      respondWith(503, {
        error: {
          name: 'ServiceUnavailableError',
          message: 'cluster caches are still syncing',
        },
        response: { statusCode: 503 },
      }),
    );

    expect(facts).toEqual([]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][0]).toMatch(
      /^No progressive delivery facts this run: http:\/\/127\.0\.0\.1:\d+\/api\/progressive-delivery\/scorecards\?days=30 answered 503 Service Unavailable: cluster caches are still syncing$/,
    );
    expect(allLogged(logger)).not.toContain('mock-service-token');
  });

  it('returns no facts when the body is not JSON', async () => {
    const { facts, logger } = await run(respondWith(200, '<html>proxy</html>'));

    expect(facts).toEqual([]);
    expect(logger.error.mock.calls[0][0]).toMatch(
      /answered 200 without valid JSON$/,
    );
  });

  it('returns no facts when the body is not a scorecard response', async () => {
    const { facts, logger } = await run(respondWith(200, { items: [] }));

    expect(facts).toEqual([]);
    expect(logger.error.mock.calls[0][0]).toBe(
      'No progressive delivery facts this run: the response has no entities array',
    );
  });

  it('returns no facts when the backend is unreachable', async () => {
    server = await startScorecardServer(respondWith(200, {}));
    const { baseUrl } = server;
    await server.close();
    server = undefined;
    const { ctx, logger } = retrieverContext(baseUrl);

    await expect(
      progressiveDeliveryFactRetriever.handler(ctx),
    ).resolves.toEqual([]);
    expect(logger.error.mock.calls[0][0]).toMatch(
      /scorecards\?days=30 is unreachable: ECONNREFUSED$/,
    );
  });

  it('gives up on a backend that does not answer', async () => {
    const retriever = createProgressiveDeliveryFactRetriever({
      timeoutMs: 200,
    });
    const { facts, logger } = await run(() => {
      // never answers
    }, retriever);

    expect(facts).toEqual([]);
    expect(logger.error.mock.calls[0][0]).toMatch(
      /scorecards\?days=30 did not answer within 200 ms$/,
    );
  });
});
