import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { InMemoryTechInsightsStore } from './__testUtils__/InMemoryTechInsightsStore';
import { orgScorecardResponse } from './__testUtils__/orgScorecardResponse';
import { retrieverContext } from './__testUtils__/retrieverContext';
import {
  respondWith,
  startScorecardServer,
} from './__testUtils__/scorecardServer';
import { progressiveDeliveryFactRetriever } from './progressiveDeliveryFactRetriever';

const EXAMPLE_CHECKS = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '..', 'examples', 'checks.json'),
    'utf8',
  ),
);

/**
 * The example checks, evaluated by the real json-rules-engine fact checker on the facts the
 * retriever publishes for the sample scorecards.
 */
describe('examples/checks.json', () => {
  let close: () => Promise<void>;
  const store = new InMemoryTechInsightsStore();

  beforeAll(async () => {
    const server = await startScorecardServer(
      respondWith(200, orgScorecardResponse()),
    );
    close = server.close;
    await store.insertFactSchema(progressiveDeliveryFactRetriever);
    const { ctx } = retrieverContext(server.baseUrl);
    await store.insertFacts({
      id: progressiveDeliveryFactRetriever.id,
      facts: await progressiveDeliveryFactRetriever.handler(ctx),
    });
  });

  afterAll(() => close());

  function checker() {
    return JsonRulesEngineFactCheckerFactory.fromConfig(
      new ConfigReader(EXAMPLE_CHECKS),
      { logger: mockServices.logger.mock() },
    ).construct(store);
  }

  async function results(entityRef: string) {
    const checkResults = await checker().runChecks(entityRef);
    return Object.fromEntries(checkResults.map(r => [r.check.id, r.result]));
  }

  it('are valid json-rules-engine checks over this schema', async () => {
    const factChecker = checker();
    const checks = await factChecker.getChecks();

    expect(checks.map(c => c.id)).toEqual([
      'progressiveDeliveryRunsAsRollout',
      'progressiveDeliveryAutomatedAnalysis',
      'progressiveDeliveryGatedOnSlo',
      'progressiveDeliverySilverOrBetter',
      'progressiveDeliveryAnalysisFailureRateBelow20',
    ]);
    for (const check of checks) {
      expect({
        id: check.id,
        ...(await factChecker.validate(check)),
      }).toEqual({ id: check.id, valid: true });
    }
  });

  it('all pass for a gold service', async () => {
    expect(await results('component:default/checkout')).toEqual({
      progressiveDeliveryRunsAsRollout: true,
      progressiveDeliveryAutomatedAnalysis: true,
      progressiveDeliveryGatedOnSlo: true,
      progressiveDeliverySilverOrBetter: true,
      progressiveDeliveryAnalysisFailureRateBelow20: true,
    });
  });

  it('fail the SLO gate and the failure rate for a silver service', async () => {
    expect(await results('component:team-checkout/cart')).toEqual({
      progressiveDeliveryRunsAsRollout: true,
      progressiveDeliveryAutomatedAnalysis: true,
      progressiveDeliveryGatedOnSlo: false,
      progressiveDeliverySilverOrBetter: true,
      progressiveDeliveryAnalysisFailureRateBelow20: false,
    });
  });

  // n/a checks and outcomes without data publish no fact, so their checks are skipped.
  it('skip what does not apply to a bronze service', async () => {
    expect(await results('component:default/search')).toEqual({
      progressiveDeliveryRunsAsRollout: true,
      progressiveDeliveryAutomatedAnalysis: false,
      progressiveDeliverySilverOrBetter: false,
    });
  });

  it('fail a service that still runs a Deployment', async () => {
    expect(await results('resource:default/payments')).toEqual({
      progressiveDeliveryRunsAsRollout: false,
      progressiveDeliverySilverOrBetter: false,
    });
  });

  it('show the fact values next to a result', async () => {
    const [result] = await checker().runChecks('component:team-checkout/cart', [
      'progressiveDeliveryAnalysisFailureRateBelow20',
    ]);

    expect(result.result).toBe(false);
    expect(result.facts.analysisFailureRate).toMatchObject({
      value: 0.4,
      type: 'float',
    });
  });
});
