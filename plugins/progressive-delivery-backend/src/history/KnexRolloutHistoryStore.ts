import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScorecardOutcomes } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { Knex } from 'knex';
import { toDate, truncate } from '../audit/rows';
import {
  manualActionOf,
  NewRolloutEvent,
  ROLLOUT_EVENTS_TABLE,
  RolloutEventSink,
} from './events';
import { median, percentile, ratio } from './outcomeMath';
import {
  hasMatchingPortalAction,
  isSuccessfulPortalAction,
  PORTAL_MATCH_WINDOW_MS,
  readPortalActions,
} from './portalActions';
import {
  inKeyChunks,
  normalizeRolloutKeys,
  whereRolloutKeyIn,
} from './rolloutKeys';
import { OutcomeHistory, RolloutKey } from './types';

const migrationsDir = resolvePackagePath(
  '@pdelivery/backstage-plugin-progressive-delivery-backend',
  'migrations',
);

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest window asked about: ten years. */
export const HISTORY_MAX_WINDOW_DAYS = 3660;
/** Rows per insert statement (12 bindings each). */
const ROWS_PER_INSERT = 50;

/** Row shape of migrations/20261126100000_rollout_history.js. */
interface RolloutEventRow {
  id: number | string;
  cluster: string;
  namespace: string;
  name: string;
  rollout_uid: string;
  revision: number | string;
  pod_hash: string;
  type: string;
  phase: string | null;
  detail: string | null;
  event_key: string;
  occurred_at: Date | number | string;
}

type WindowRow = Pick<
  RolloutEventRow,
  | 'cluster'
  | 'namespace'
  | 'name'
  | 'rollout_uid'
  | 'revision'
  | 'pod_hash'
  | 'type'
  | 'phase'
  | 'occurred_at'
>;

/**
 * The rollout history on the plugin's database (SQLite or PostgreSQL through Knex): the
 * recorder appends transitions, the scorecard reads outcome metrics over a window.
 */
export class KnexRolloutHistoryStore
  implements OutcomeHistory, RolloutEventSink
{
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<KnexRolloutHistoryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexRolloutHistoryStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** Inserts the events; a transition already stored (same cluster, rollout UID, key) is skipped. */
  async append(events: NewRolloutEvent[]): Promise<void> {
    const rows = events.map(toRow);
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await this.db(ROLLOUT_EVENTS_TABLE)
        .insert(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict(['cluster', 'rollout_uid', 'event_key'])
        .ignore();
    }
  }

  async outcomes(
    rollouts: RolloutKey[],
    days: number,
    now: Date = new Date(),
  ): Promise<ScorecardOutcomes> {
    const keys = normalizeRolloutKeys(rollouts);
    if (!Number.isInteger(days) || days < 1 || days > HISTORY_MAX_WINDOW_DAYS) {
      throw new InputError(
        `days must be a whole number from 1 to ${HISTORY_MAX_WINDOW_DAYS}`,
      );
    }
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new InputError('now must be a valid date');
    }
    const to = now;
    const from = new Date(to.getTime() - days * DAY_MS);
    const events = keys.length ? await this.eventsIn(keys, from, to) : [];
    const count = (type: string, phase?: string) =>
      events.filter(e => e.type === type && (!phase || e.phase === phase))
        .length;

    const durations = await this.promotionSeconds(
      events.filter(e => e.type === 'completed'),
      to,
    );
    const analysisRuns = {
      total: count('analysis-finished'),
      successful: count('analysis-finished', 'Successful'),
      failed: count('analysis-finished', 'Failed'),
      errored: count('analysis-finished', 'Error'),
      inconclusive: count('analysis-finished', 'Inconclusive'),
    };
    return {
      window: { days, from: from.toISOString(), to: to.toISOString() },
      rolloutsStarted: count('started'),
      rolloutsCompleted: count('completed'),
      rolloutsAborted: count('aborted'),
      medianTimeToPromoteSeconds: median(durations),
      p90TimeToPromoteSeconds: percentile(durations, 90),
      analysisRuns,
      analysisFailureRate: ratio(
        analysisRuns.failed + analysisRuns.errored,
        analysisRuns.total,
      ),
      actions: keys.length
        ? await this.actionCounts(keys, events, from, to)
        : { portal: 0, elsewhere: 0 },
    };
  }

  /** Retention: deletes events seen before `cutoff`; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
      throw new InputError('Retention cutoff must be a valid date');
    }
    return await this.db(ROLLOUT_EVENTS_TABLE)
      .where('occurred_at', '<', cutoff)
      .delete();
  }

  private async eventsIn(keys: RolloutKey[], from: Date, to: Date) {
    const rows = await inKeyChunks(keys, chunk => {
      const query = this.db<RolloutEventRow>(ROLLOUT_EVENTS_TABLE)
        .select(
          'cluster',
          'namespace',
          'name',
          'rollout_uid',
          'revision',
          'pod_hash',
          'type',
          'phase',
          'occurred_at',
        )
        .where('occurred_at', '>=', from)
        .andWhere('occurred_at', '<=', to);
      whereRolloutKeyIn(query, chunk, 'name');
      return query as Promise<WindowRow[]>;
    });
    return rows.map(row => ({
      ...row,
      revision: Number(row.revision),
      occurredAt: toDate(row.occurred_at),
    }));
  }

  /**
   * Start-to-full-promotion times of the completions, in seconds: each completion against the
   * latest start of the same revision (same rollout UID, revision and pod hash) before it,
   * wherever that start lies. Completions without a recorded start are left out.
   */
  private async promotionSeconds(
    completions: Array<WindowRow & { revision: number; occurredAt: Date }>,
    to: Date,
  ): Promise<number[]> {
    if (completions.length === 0) return [];
    const uids = [
      ...new Map(
        completions.map(c => [
          `${c.cluster}/${c.rollout_uid}`,
          { cluster: c.cluster, uid: c.rollout_uid },
        ]),
      ).values(),
    ];
    const starts = await inKeyChunks(uids, chunk =>
      this.db<RolloutEventRow>(ROLLOUT_EVENTS_TABLE)
        .select('cluster', 'rollout_uid', 'revision', 'pod_hash', 'occurred_at')
        .where('type', 'started')
        .andWhere('occurred_at', '<=', to)
        .andWhere(any => {
          for (const { cluster, uid } of chunk) {
            any.orWhere(one =>
              one.where('cluster', cluster).andWhere('rollout_uid', uid),
            );
          }
        }),
    );
    const durations: number[] = [];
    for (const completion of completions) {
      const startedAt = starts
        .filter(
          s =>
            s.cluster === completion.cluster &&
            s.rollout_uid === completion.rollout_uid &&
            Number(s.revision) === completion.revision &&
            s.pod_hash === completion.pod_hash,
        )
        .map(s => toDate(s.occurred_at).getTime())
        .filter(t => t <= completion.occurredAt.getTime())
        .reduce((latest, t) => Math.max(latest, t), -Infinity);
      if (Number.isFinite(startedAt)) {
        durations.push((completion.occurredAt.getTime() - startedAt) / 1000);
      }
    }
    return durations;
  }

  /**
   * Portal: successful portal actions in the window. Elsewhere: interventions seen in the
   * clusters that no portal action of the same kind on the same rollout explains.
   */
  private async actionCounts(
    keys: RolloutKey[],
    events: Array<WindowRow & { occurredAt: Date }>,
    from: Date,
    to: Date,
  ): Promise<ScorecardOutcomes['actions']> {
    const portalActions = await readPortalActions(
      this.db,
      keys,
      new Date(from.getTime() - PORTAL_MATCH_WINDOW_MS),
      new Date(to.getTime() + PORTAL_MATCH_WINDOW_MS),
    );
    const portal = portalActions.filter(
      p =>
        isSuccessfulPortalAction(p) &&
        p.at.getTime() >= from.getTime() &&
        p.at.getTime() <= to.getTime(),
    ).length;
    let elsewhere = 0;
    for (const event of events) {
      const action = manualActionOf(event.type);
      if (
        action &&
        !hasMatchingPortalAction(
          { ...event, action, at: event.occurredAt },
          portalActions,
        )
      ) {
        elsewhere++;
      }
    }
    return { portal, elsewhere };
  }
}

function toRow(event: NewRolloutEvent): Omit<RolloutEventRow, 'id'> {
  if (!event || typeof event !== 'object') {
    throw new InputError('Rollout event is missing');
  }
  for (const field of [
    'cluster',
    'namespace',
    'name',
    'rolloutUid',
    'key',
  ] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') {
      throw new InputError(`Rollout event needs a non-empty ${field}`);
    }
  }
  if (!(event.occurredAt instanceof Date) || Number.isNaN(+event.occurredAt)) {
    throw new InputError('Rollout event needs a valid occurredAt');
  }
  const text = (value: string | undefined, max: number) =>
    value === undefined || value === '' ? null : truncate(value, max);
  return {
    cluster: truncate(event.cluster, 255),
    namespace: truncate(event.namespace, 255),
    name: truncate(event.name, 255),
    rollout_uid: truncate(event.rolloutUid, 128),
    // An integer column: anything else (or beyond 32 bits) is stored as unknown.
    revision:
      Number.isInteger(event.revision) &&
      Math.abs(event.revision) <= 2 ** 31 - 1
        ? event.revision
        : 0,
    pod_hash: truncate(event.podHash ?? '', 64),
    type: truncate(event.type, 32),
    phase: text(event.phase, 32),
    detail: text(event.detail, 255),
    event_key: truncate(event.key, 255),
    occurred_at: event.occurredAt,
  };
}
