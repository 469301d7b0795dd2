import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  SCORECARD_LEVELS,
  ScorecardHistoryPoint,
  ScorecardLevel,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { Knex } from 'knex';
import { utcDay } from './days';

const migrationsDir = resolvePackagePath(
  '@pdelivery/backstage-plugin-progressive-delivery-backend',
  'migrations',
);

/** Table of migrations/20261126110000_scorecard_snapshots.js. */
export const SCORECARD_SNAPSHOT_TABLE = 'scorecard_snapshots';

/** One entity's score on one UTC day. */
export interface ScorecardSnapshot extends ScorecardHistoryPoint {
  entityRef: string;
}

/** Where the scorecard history lives. */
export interface ScorecardSnapshotStore {
  /** Writes (or overwrites) each entity's point for its day. */
  record(points: ScorecardSnapshot[]): Promise<void>;
  /** An entity's points from `firstDay` (inclusive), oldest first. */
  history(
    entityRef: string,
    firstDay: string,
  ): Promise<ScorecardHistoryPoint[]>;
  /** For each entity, its latest point on or before `day` (entities without one are left out). */
  valuesAt(
    entityRefs: string[],
    day: string,
  ): Promise<Map<string, ScorecardHistoryPoint>>;
  /** Deletes the points of the days before the UTC day of `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

interface SnapshotRow {
  entity_ref: string;
  day: string;
  level: string;
  passed: number | string;
  applicable: number | string;
  updated_at: Date | number | string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Bound parameters per `IN (...)`: far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

function assertDay(day: string): void {
  if (typeof day !== 'string' || !DAY.test(day)) {
    throw new TypeError(`Invalid scorecard day '${day}' (YYYY-MM-DD)`);
  }
}

function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`Invalid scorecard ${what}: ${value}`);
  }
}

function normaliseRef(entityRef: string): string {
  return entityRef.toLocaleLowerCase('en-US');
}

function toPoint(row: SnapshotRow): ScorecardHistoryPoint {
  const level = (SCORECARD_LEVELS as readonly string[]).includes(row.level)
    ? (row.level as ScorecardLevel)
    : 'none';
  return {
    day: row.day,
    level,
    passed: Number(row.passed),
    applicable: Number(row.applicable),
  };
}

/** The scorecard history on the plugin's database (SQLite or PostgreSQL through Knex). */
export class KnexScorecardSnapshotStore implements ScorecardSnapshotStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    now?: () => Date;
  }): Promise<KnexScorecardSnapshotStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexScorecardSnapshotStore(
      client,
      options.now ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async record(points: ScorecardSnapshot[]): Promise<void> {
    if (points.length === 0) return;
    const updatedAt = this.now();
    // One row per key: a batch naming an entity twice keeps its last point.
    const rows = new Map<string, SnapshotRow>();
    for (const point of points) {
      assertDay(point.day);
      assertCount(point.passed, 'passed');
      assertCount(point.applicable, 'applicable');
      if (!(SCORECARD_LEVELS as readonly string[]).includes(point.level)) {
        throw new TypeError(`Invalid scorecard level '${point.level}'`);
      }
      const entityRef = normaliseRef(point.entityRef);
      rows.set(`${entityRef}|${point.day}`, {
        entity_ref: entityRef,
        day: point.day,
        level: point.level,
        passed: point.passed,
        applicable: point.applicable,
        updated_at: updatedAt,
      });
    }
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += CHUNK) {
      await this.db<SnapshotRow>(SCORECARD_SNAPSHOT_TABLE)
        .insert(all.slice(i, i + CHUNK))
        .onConflict(['entity_ref', 'day'])
        .merge(['level', 'passed', 'applicable', 'updated_at']);
    }
  }

  async history(
    entityRef: string,
    firstDay: string,
  ): Promise<ScorecardHistoryPoint[]> {
    assertDay(firstDay);
    const rows = await this.db<SnapshotRow>(SCORECARD_SNAPSHOT_TABLE)
      .where('entity_ref', normaliseRef(entityRef))
      .andWhere('day', '>=', firstDay)
      .orderBy('day', 'asc');
    return rows.map(toPoint);
  }

  async valuesAt(
    entityRefs: string[],
    day: string,
  ): Promise<Map<string, ScorecardHistoryPoint>> {
    assertDay(day);
    const byNormalised = new Map<string, string[]>();
    for (const ref of entityRefs) {
      const key = normaliseRef(ref);
      byNormalised.set(key, [...(byNormalised.get(key) ?? []), ref]);
    }
    const keys = [...byNormalised.keys()];
    const result = new Map<string, ScorecardHistoryPoint>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const latest = this.db(SCORECARD_SNAPSHOT_TABLE)
        .select('entity_ref')
        .max({ day: 'day' })
        .whereIn('entity_ref', keys.slice(i, i + CHUNK))
        .andWhere('day', '<=', day)
        .groupBy('entity_ref')
        .as('latest');
      const rows: SnapshotRow[] = await this.db(
        `${SCORECARD_SNAPSHOT_TABLE} as s`,
      )
        .join(latest, join =>
          join
            .on('s.entity_ref', '=', 'latest.entity_ref')
            .andOn('s.day', '=', 'latest.day'),
        )
        .select('s.*');
      for (const row of rows) {
        for (const ref of byNormalised.get(row.entity_ref) ?? []) {
          result.set(ref, toPoint(row));
        }
      }
    }
    return result;
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
      throw new TypeError('Invalid scorecard retention cutoff');
    }
    return await this.db(SCORECARD_SNAPSHOT_TABLE)
      .where('day', '<', utcDay(cutoff))
      .delete();
  }
}
