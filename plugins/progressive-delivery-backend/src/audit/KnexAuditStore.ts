import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { decodeAuditCursor, encodeAuditCursor } from './cursor';
import {
  AUDIT_COLUMN_LIMITS as LIMITS,
  AUDIT_TABLE,
  AuditRow,
  optionalInteger,
  optionalText,
  parseAuditId,
  requiredString,
  rowToEntry,
  serializeSnapshot,
} from './rows';
import {
  AUDIT_COMPLETION_OUTCOMES,
  AUDIT_REFUSAL_OUTCOMES,
  AuditCompletion,
  AuditEntry,
  AuditPage,
  AuditQuery,
  AuditRetentionOptions,
  AuditStore,
  isAuditOutcome,
  NewAuditEntry,
  RefusedAuditEntry,
} from './types';

const migrationsDir = resolvePackagePath(
  '@pdelivery/backstage-plugin-progressive-delivery-backend',
  'migrations',
);

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;
const DEFAULT_INITIATED_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * AuditStore on the plugin's database (SQLite or PostgreSQL through Knex).
 * Writes are single statements, so a failed write leaves nothing behind and always throws.
 */
export class KnexAuditStore implements AuditStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Clock for created_at / completed_at; tests pin it. */
    now?: () => Date;
  }): Promise<KnexAuditStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new KnexAuditStore(client, options.now ?? (() => new Date()));
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async begin(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.insert(this.baseRow(entry, false), 'initiated', null);
  }

  async record(entry: RefusedAuditEntry): Promise<AuditEntry> {
    if (
      !(AUDIT_REFUSAL_OUTCOMES as readonly string[]).includes(entry.outcome)
    ) {
      throw new InputError(
        `A refused attempt needs one of ${AUDIT_REFUSAL_OUTCOMES.join(', ')}`,
      );
    }
    return this.insert(
      this.baseRow(entry, true),
      entry.outcome,
      optionalText(entry.error, 'error', LIMITS.error),
    );
  }

  async complete(id: string, completion: AuditCompletion): Promise<AuditEntry> {
    if (
      !(AUDIT_COMPLETION_OUTCOMES as readonly string[]).includes(
        completion?.outcome,
      )
    ) {
      throw new InputError(
        `A completion needs one of ${AUDIT_COMPLETION_OUTCOMES.join(', ')}`,
      );
    }
    const key = parseAuditId(id);
    if (key === undefined) {
      throw new NotFoundError(`No audit entry ${id}`);
    }
    const updated = await this.db<AuditRow>(AUDIT_TABLE)
      .where({ id: key, outcome: 'initiated' })
      .update({
        outcome: completion.outcome,
        completed_at: this.now(),
        state_after: serializeSnapshot(completion.stateAfter),
        error_message: optionalText(completion.error, 'error', LIMITS.error),
      });
    const entry = await this.getById(id);
    if (!entry) {
      throw new NotFoundError(`No audit entry ${id}`);
    }
    if (updated !== 1) {
      throw new ConflictError(
        `Audit entry ${id} is already complete (${entry.outcome})`,
      );
    }
    return entry;
  }

  async getById(id: string): Promise<AuditEntry | undefined> {
    const key = parseAuditId(id);
    if (key === undefined) {
      return undefined;
    }
    const row = await this.db<AuditRow>(AUDIT_TABLE).where({ id: key }).first();
    return row ? rowToEntry(row) : undefined;
  }

  async list(query: AuditQuery = {}): Promise<AuditPage> {
    const limit = pageLimit(query.limit);
    const q = this.db<AuditRow>(AUDIT_TABLE);
    if (query.entityRef !== undefined) {
      q.where('entity_ref', query.entityRef.toLocaleLowerCase('en-US'));
    }
    for (const [field, column] of [
      ['cluster', 'cluster'],
      ['namespace', 'namespace'],
      ['rollout', 'rollout'],
      ['action', 'action'],
    ] as const) {
      const value = query[field];
      if (value !== undefined) {
        q.where(column, value);
      }
    }
    if (query.outcome !== undefined) {
      const outcomes = [query.outcome].flat();
      const unknown = outcomes.find(o => !isAuditOutcome(o));
      if (unknown !== undefined || outcomes.length === 0) {
        throw new InputError(`Unknown audit outcome ${unknown ?? '(none)'}`);
      }
      q.whereIn('outcome', outcomes);
    }
    if (query.cursor !== undefined) {
      const cursor = decodeAuditCursor(query.cursor);
      const at = new Date(cursor.createdAt);
      q.where(older =>
        older
          .where('created_at', '<', at)
          .orWhere(same =>
            same.where('created_at', '=', at).andWhere('id', '<', cursor.id),
          ),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(rowToEntry);
    if (rows.length <= limit) {
      return { items };
    }
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: encodeAuditCursor({
        createdAt: last.createdAt.getTime(),
        id: Number(last.id),
      }),
    };
  }

  async deleteOlderThan(
    cutoff: Date,
    options: AuditRetentionOptions = {},
  ): Promise<number> {
    if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
      throw new InputError('Retention cutoff must be a valid date');
    }
    const grace = options.initiatedGracePeriodMs ?? DEFAULT_INITIATED_GRACE_MS;
    if (!Number.isFinite(grace) || grace < 0) {
      throw new InputError('Grace period must be a non-negative number');
    }
    const initiatedCutoff = new Date(
      Math.min(cutoff.getTime(), this.now().getTime() - grace),
    );
    return await this.db<AuditRow>(AUDIT_TABLE)
      .where('created_at', '<', cutoff)
      .andWhere(q =>
        q
          .whereNot('outcome', 'initiated')
          .orWhere('created_at', '<', initiatedCutoff),
      )
      .delete();
  }

  /** Validates and normalises the columns common to begin() and record(). */
  private baseRow(entry: NewAuditEntry, refused: boolean) {
    if (!entry || typeof entry !== 'object') {
      throw new InputError('Audit entry is missing');
    }
    return {
      actor_ref: requiredString(entry.actorRef, 'actorRef', LIMITS.ref),
      entity_ref: requiredString(
        entry.entityRef,
        'entityRef',
        LIMITS.ref,
      ).toLocaleLowerCase('en-US'),
      cluster: requiredString(entry.cluster, 'cluster', LIMITS.name, refused),
      namespace: requiredString(
        entry.namespace,
        'namespace',
        LIMITS.name,
        refused,
      ),
      rollout: requiredString(entry.rollout, 'rollout', LIMITS.name, refused),
      action: requiredString(entry.action, 'action', LIMITS.action, refused),
      reason: optionalText(entry.reason, 'reason', LIMITS.reason),
      requested_revision: optionalInteger(
        entry.requestedRevision,
        'requestedRevision',
      ),
      state_before: serializeSnapshot(entry.stateBefore),
    };
  }

  private async insert(
    base: ReturnType<KnexAuditStore['baseRow']>,
    outcome: AuditEntry['outcome'],
    error: string | null,
  ): Promise<AuditEntry> {
    const createdAt = this.now();
    const row: Omit<AuditRow, 'id'> = {
      ...base,
      created_at: createdAt,
      // Refusals are final when written; only `initiated` rows await completion.
      completed_at: outcome === 'initiated' ? null : createdAt,
      state_after: null,
      outcome,
      error_message: error,
    };
    const [inserted] = await this.db<AuditRow>(AUDIT_TABLE)
      .insert(row)
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    if (id === undefined || id === null) {
      throw new Error('Audit entry was not written (no id returned)');
    }
    return rowToEntry({ ...row, id });
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) {
    return AUDIT_DEFAULT_LIMIT;
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InputError('limit must be a positive integer');
  }
  return Math.min(limit, AUDIT_MAX_LIMIT);
}
