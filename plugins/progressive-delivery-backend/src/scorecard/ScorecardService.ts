import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterSyncStatus,
  emptyScorecardOutcomes,
  EntityScorecardResponse,
  EntityWorkloadSelector,
  OrgScorecardResponse,
  SCORECARD_LEVEL_RULES,
  ScorecardOutcomes,
  ScorecardSummary,
  ServiceLevelObjective,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  AnnotatedEntityRef,
  listAnnotatedEntities,
  readableAnnotatedEntities,
} from '../entities/annotatedEntities';
import { OutcomeHistory, RolloutKey } from '../history/types';
import { scorecardWindow, utcDay } from './days';
import { evaluateScorecard, ScorecardEvaluation } from './evaluateScorecard';
import {
  ScorecardSnapshot,
  ScorecardSnapshotStore,
} from './KnexScorecardSnapshotStore';
import { ScorecardClusters, ScorecardInventory } from './ScorecardInventory';

/** What the service needs of SloService. */
export interface SloEvaluator {
  evaluate(cluster: string, slo: ServiceLevelObjective): Promise<SloSummary>;
}

export interface ScorecardServiceOptions {
  clusters: ScorecardClusters;
  clusterStatuses: () => ClusterSyncStatus[];
  slos: SloEvaluator;
  snapshots: ScorecardSnapshotStore;
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Outcome metrics from the rollout history; without it, outcomes are all zero. */
  outcomes?: OutcomeHistory;
  logger?: LoggerService;
  now?: () => Date;
}

interface Scored {
  evaluation: ScorecardEvaluation;
  rollouts: RolloutKey[];
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/** Bounds the memory of written points; past it, points are simply written again. */
const MAX_REMEMBERED_POINTS = 20_000;

/**
 * The progressive-delivery scorecard: checks over each entity's objects in the watch caches
 * and its SLO states, a level, outcome metrics, and a daily history (one point per entity and
 * UTC day, written whenever a computed score with every cluster synced differs from the last).
 */
export class ScorecardService {
  private readonly now: () => Date;
  /** The last point this instance wrote per entity, to skip rewriting an unchanged one. */
  private readonly written = new Map<string, string>();

  constructor(private readonly options: ScorecardServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** `GET /entities/:kind/:namespace/:name/scorecard`; the caller checked the read permission. */
  async entityScorecard(
    entityRef: string,
    selector: EntityWorkloadSelector | undefined,
    days: number,
  ): Promise<EntityScorecardResponse> {
    const now = this.now();
    const window = scorecardWindow(now, days);
    const inventory = new ScorecardInventory(this.options.clusters);
    const clusters = this.options.clusterStatuses();
    const { evaluation, rollouts } = await this.score(inventory, selector);
    if (selector) {
      await this.record(clusters, [
        { entityRef, day: window.today, ...counts(evaluation) },
      ]);
    }
    const [outcomes, history] = await Promise.all([
      this.outcomes(rollouts, days, now),
      this.options.snapshots.history(entityRef, window.firstDay),
    ]);
    return {
      entityRef,
      level: evaluation.level,
      levelRules: SCORECARD_LEVEL_RULES,
      checks: evaluation.checks,
      outcomes,
      history,
      clusters,
    };
  }

  /** `GET /scorecards`: every annotated entity whose rollouts the caller may read. */
  async orgScorecards(
    credentials: BackstageCredentials,
    days: number,
  ): Promise<OrgScorecardResponse> {
    const now = this.now();
    const window = scorecardWindow(now, days);
    const entities = await readableAnnotatedEntities(
      this.options.catalog,
      this.options.permissions,
      credentials,
    );
    const clusters = this.options.clusterStatuses();
    const scored = await this.scoreAll(entities);
    await this.record(
      clusters,
      scored.map(({ entity, evaluation }) => ({
        entityRef: entity.entityRef,
        day: window.today,
        ...counts(evaluation),
      })),
    );
    const baselines = await this.options.snapshots.valuesAt(
      entities.map(e => e.entityRef),
      window.baselineDay,
    );
    const summaries = await mapLimit(
      scored,
      8,
      async ({ entity, evaluation, rollouts }): Promise<ScorecardSummary> => {
        const baseline = baselines.get(entity.entityRef);
        return {
          entityRef: entity.entityRef,
          ...(entity.title ? { title: entity.title } : {}),
          ...(entity.owner ? { owner: entity.owner } : {}),
          ...(entity.system ? { system: entity.system } : {}),
          level: evaluation.level,
          passed: evaluation.passed,
          applicable: evaluation.applicable,
          results: Object.fromEntries(
            evaluation.checks.map(c => [c.id, c.result]),
          ),
          trend: baseline ? evaluation.passed - baseline.passed : null,
          outcomes: await this.outcomes(rollouts, days, now),
        };
      },
    );
    summaries.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { windowDays: days, entities: summaries, clusters };
  }

  /**
   * Scores every annotated entity the credentials can see (no permission filter: this is the
   * background task keeping the history). Returns the points written; old points are deleted by
   * the scorecard retention (SCORECARD_RETENTION).
   */
  async recordAll(credentials: BackstageCredentials): Promise<number> {
    const clusters = this.options.clusterStatuses();
    const now = this.now();
    const entities = await listAnnotatedEntities(
      this.options.catalog,
      credentials,
    );
    const scored = await this.scoreAll(entities);
    return await this.record(
      clusters,
      scored.map(({ entity, evaluation }) => ({
        entityRef: entity.entityRef,
        day: utcDay(now),
        ...counts(evaluation),
      })),
    );
  }

  private async scoreAll(entities: AnnotatedEntityRef[]) {
    const inventory = new ScorecardInventory(this.options.clusters);
    return await mapLimit(entities, 8, async entity => ({
      entity,
      ...(await this.score(inventory, entity.selector)),
    }));
  }

  private async score(
    inventory: ScorecardInventory,
    selector: EntityWorkloadSelector | undefined,
  ): Promise<Scored> {
    const objects = inventory.forEntity(selector);
    const slos = await Promise.all(
      objects.slos.map(({ cluster, slo }) =>
        this.options.slos.evaluate(cluster, slo),
      ),
    );
    const evaluation = evaluateScorecard({
      rollouts: objects.rollouts,
      deployments: objects.deployments,
      slos,
      template: inventory.template,
    });
    return {
      evaluation,
      rollouts: objects.rollouts.map(({ cluster, rollout }) => ({
        cluster,
        namespace: rollout.metadata.namespace ?? '',
        name: rollout.metadata.name ?? '',
      })),
    };
  }

  private async outcomes(
    rollouts: RolloutKey[],
    days: number,
    now: Date,
  ): Promise<ScorecardOutcomes> {
    return this.options.outcomes
      ? this.options.outcomes.outcomes(rollouts, days, now)
      : emptyScorecardOutcomes(days, now);
  }

  /**
   * Writes today's points, unless a cluster is still syncing: its empty cache would record a
   * score that never was. Points this instance already wrote unchanged are not written again
   * (every read computes the score; it rarely changes). A failed write is logged, not fatal to
   * the read. Returns how many of the points are current in the store.
   */
  private async record(
    clusters: ClusterSyncStatus[],
    points: ScorecardSnapshot[],
  ): Promise<number> {
    if (points.length === 0) return 0;
    const syncing = clusters.filter(c => c.status === 'syncing');
    if (syncing.length > 0) {
      this.options.logger?.debug(
        `Scorecard history not written: cluster(s) ${syncing
          .map(c => c.name)
          .join(', ')} still syncing`,
      );
      return 0;
    }
    const changed = points.filter(
      p => this.written.get(p.entityRef) !== snapshotKey(p),
    );
    try {
      if (changed.length > 0) await this.options.snapshots.record(changed);
      if (this.written.size + changed.length > MAX_REMEMBERED_POINTS) {
        this.written.clear();
      }
      for (const p of changed) this.written.set(p.entityRef, snapshotKey(p));
      return points.length;
    } catch (error) {
      this.options.logger?.warn(
        `Scorecard history not written: ${(error as Error).message}`,
      );
      return 0;
    }
  }
}

function snapshotKey(point: ScorecardSnapshot): string {
  return `${point.day}|${point.level}|${point.passed}|${point.applicable}`;
}

function counts(evaluation: ScorecardEvaluation) {
  return {
    level: evaluation.level,
    passed: evaluation.passed,
    applicable: evaluation.applicable,
  };
}
