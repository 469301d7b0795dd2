import { SCORECARD_CHECK_IDS } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION,
  checkFactName,
  progressiveDeliveryFactSchema,
} from './factSchema';
import { progressiveDeliveryFactRetriever } from './progressiveDeliveryFactRetriever';

describe('progressive delivery fact schema', () => {
  it('names check facts in camelCase', () => {
    expect(SCORECARD_CHECK_IDS.map(checkFactName)).toEqual([
      'runsAsRollout',
      'strategyWithSteps',
      'automatedAnalysis',
      'analysisGatedOnSlo',
      'sloExists',
      'errorBudgetHealthy',
      'safeFirstStep',
      'preTrafficTesting',
      'fastRollback',
      'noUnguardedManualPause',
    ]);
  });

  // Tech Insights keys stored facts by schema version: when this list changes, bump
  // PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION and update both here.
  it('has the facts of version 0.1.0', () => {
    expect(PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION).toBe('0.1.0');
    const types = Object.fromEntries(
      Object.entries(progressiveDeliveryFactSchema(30)).map(([name, def]) => [
        name,
        def.type,
      ]),
    );
    expect(types).toEqual({
      runsAsRollout: 'boolean',
      strategyWithSteps: 'boolean',
      automatedAnalysis: 'boolean',
      analysisGatedOnSlo: 'boolean',
      sloExists: 'boolean',
      errorBudgetHealthy: 'boolean',
      safeFirstStep: 'boolean',
      preTrafficTesting: 'boolean',
      fastRollback: 'boolean',
      noUnguardedManualPause: 'boolean',
      level: 'string',
      levelRank: 'integer',
      checksPassed: 'integer',
      checksApplicable: 'integer',
      rolloutsStarted: 'integer',
      rolloutsCompleted: 'integer',
      rolloutsAborted: 'integer',
      medianTimeToPromoteSeconds: 'float',
      analysisFailureRate: 'float',
      portalActions: 'integer',
      externalActions: 'integer',
    });
  });

  it('describes every fact', () => {
    for (const [name, def] of Object.entries(
      progressiveDeliveryFactSchema(30),
    )) {
      expect({ name, long: def.description.length > 20 }).toEqual({
        name,
        long: true,
      });
    }
    expect(progressiveDeliveryFactSchema(30).safeFirstStep.description).toBe(
      'Check safe-first-step: true = pass, false = fail; absent when the check does not apply (n/a). The first step sends little traffic (weight at most 25, or header-only).',
    );
  });

  it('is the schema of the default retriever', () => {
    expect(progressiveDeliveryFactRetriever).toMatchObject({
      id: 'progressiveDeliveryFactRetriever',
      version: '0.1.0',
      entityFilter: [{ kind: ['component', 'resource'] }],
      schema: progressiveDeliveryFactSchema(30),
    });
    expect(progressiveDeliveryFactRetriever.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
