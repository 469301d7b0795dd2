import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID,
  PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION,
  progressiveDeliveryFactSchema,
} from './factSchema';
import { fetchOrgScorecards } from './fetchOrgScorecards';
import { parseScorecardSummaries } from './parseScorecardSummaries';
import { scorecardSummaryToFact } from './scorecardFacts';

/** Entity kinds the facts are published for: those that own workloads in the catalog model. */
const ENTITY_KINDS = ['component', 'resource'];

/** @public */
export interface ProgressiveDeliveryFactRetrieverOptions {
  /** Outcome window in days (the backend accepts 1 to 90); default 30. */
  windowDays?: number;
  /** How long to wait for the Progressive Delivery backend; default 60 000 ms. */
  timeoutMs?: number;
}

const DEFAULT_WINDOW_DAYS = 30;
const DEFAULT_TIMEOUT_MS = 60_000;

async function retrieveFacts(
  ctx: FactRetrieverContext,
  windowDays: number,
  timeoutMs: number,
): Promise<TechInsightFact[]> {
  const { summaries, rejected } = parseScorecardSummaries(
    await fetchOrgScorecards({
      discovery: ctx.discovery,
      auth: ctx.auth,
      windowDays,
      timeoutMs,
    }),
  );
  for (const { entityRef, reason } of rejected) {
    ctx.logger.warn(
      `Skipped scorecard of ${entityRef ?? 'an entity'}: ${reason}`,
    );
  }
  const facts: TechInsightFact[] = [];
  for (const summary of summaries) {
    let fact: TechInsightFact;
    try {
      fact = scorecardSummaryToFact(summary);
    } catch (error) {
      ctx.logger.warn(
        `Skipped scorecard of ${summary.entityRef}: ${
          (error as Error).message
        }`,
      );
      continue;
    }
    if (ENTITY_KINDS.includes(fact.entity.kind.toLocaleLowerCase('en-US'))) {
      facts.push(fact);
    }
  }
  return facts;
}

/**
 * A Tech Insights fact retriever publishing the Progressive Delivery scorecard (check results,
 * maturity level, rollout outcomes) of every entity the Progressive Delivery backend scores.
 * It asks that backend once per run and re-derives nothing.
 * @public
 */
export function createProgressiveDeliveryFactRetriever(
  options: ProgressiveDeliveryFactRetrieverOptions = {},
): FactRetriever {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 90) {
    throw new Error(
      `windowDays must be an integer from 1 to 90, got ${windowDays}`,
    );
  }
  return {
    id: PROGRESSIVE_DELIVERY_FACT_RETRIEVER_ID,
    version: PROGRESSIVE_DELIVERY_FACT_SCHEMA_VERSION,
    title: 'Progressive delivery',
    description:
      'Argo Rollouts maturity checks, level and rollout outcomes from the Progressive Delivery plugin.',
    entityFilter: [{ kind: ENTITY_KINDS }],
    schema: progressiveDeliveryFactSchema(windowDays),
    async handler(ctx) {
      try {
        return await retrieveFacts(ctx, windowDays, timeoutMs);
      } catch (error) {
        // Tech Insights only logs a thrown error and stores nothing either way; this message
        // says which backend call failed and keeps earlier facts untouched.
        ctx.logger.error(
          `No progressive delivery facts this run: ${(error as Error).message}`,
        );
        return [];
      }
    },
  };
}

/** The fact retriever with default options (30-day window). @public */
export const progressiveDeliveryFactRetriever =
  createProgressiveDeliveryFactRetriever();
