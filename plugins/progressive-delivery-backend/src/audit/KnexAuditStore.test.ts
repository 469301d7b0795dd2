import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createAuditTestDatabases } from './__testUtils__/auditTestDatabases';
import { decodeAuditCursor, encodeAuditCursor } from './cursor';
import { KnexAuditStore } from './KnexAuditStore';
import { AuditEntry, NewAuditEntry } from './types';

jest.setTimeout(60_000);

const databases = createAuditTestDatabases();

/** Any database error (better-sqlite3's SqliteError is not a native Error, so no toThrow()). */
const DB_ERROR = { message: expect.stringMatching(/\S/) };

const T0 = new Date('2026-11-26T10:00:00.123Z');

/** A clock the tests move by hand. */
function manualClock(start = T0) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (d: Date) => {
      current = d.getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}

function attempt(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    actorRef: 'user:default/jane',
    entityRef: 'component:default/checkout',
    cluster: 'prod-eu',
    namespace: 'shop',
    rollout: 'checkout',
    action: 'promote',
    reason: 'metrics look good',
    stateBefore: { status: 'Paused', step: 1, revision: 4 },
    ...overrides,
  };
}

async function setup(databaseId: TestDatabaseId, clock = manualClock()) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex });
  const store = await KnexAuditStore.create({ database, now: clock.now });
  return { knex, database, store, clock };
}

describe('KnexAuditStore', () => {
  it.each(databases.eachSupportedId())(
    'begins and completes an attempt, %p',
    async databaseId => {
      const { store, clock } = await setup(databaseId);

      const begun = await store.begin(
        attempt({ action: 'rollback', requestedRevision: 3 }),
      );
      expect(begun).toEqual({
        id: expect.stringMatching(/^\d+$/),
        actorRef: 'user:default/jane',
        entityRef: 'component:default/checkout',
        cluster: 'prod-eu',
        namespace: 'shop',
        rollout: 'checkout',
        action: 'rollback',
        reason: 'metrics look good',
        requestedRevision: 3,
        stateBefore: { status: 'Paused', step: 1, revision: 4 },
        stateAfter: null,
        outcome: 'initiated',
        error: null,
        createdAt: T0,
        completedAt: null,
      });
      await expect(store.getById(begun.id)).resolves.toEqual(begun);

      clock.advance(1500);
      const completed = await store.complete(begun.id, {
        outcome: 'succeeded',
        stateAfter: { status: 'Progressing', step: null, revision: 5 },
      });
      expect(completed).toEqual({
        ...begun,
        outcome: 'succeeded',
        stateAfter: { status: 'Progressing', step: null, revision: 5 },
        completedAt: new Date(T0.getTime() + 1500),
      });
      await expect(store.getById(begun.id)).resolves.toEqual(completed);

      const failed = await store.begin(attempt({ action: 'abort' }));
      await expect(
        store.complete(failed.id, { outcome: 'failed', error: 'forbidden' }),
      ).resolves.toMatchObject({
        outcome: 'failed',
        error: 'forbidden',
        stateAfter: null,
      });
      const timedOut = await store.begin(attempt({ action: 'retry' }));
      await expect(
        store.complete(timedOut.id, { outcome: 'unknown', error: 'timeout' }),
      ).resolves.toMatchObject({ outcome: 'unknown', error: 'timeout' });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps UTC timestamps with millisecond precision, %p',
    async databaseId => {
      const clock = manualClock(new Date('2026-01-02T03:04:05.678Z'));
      const { store } = await setup(databaseId, clock);
      const { id } = await store.begin(attempt());
      const stored = await store.getById(id);
      expect(stored?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    },
  );

  it.each(databases.eachSupportedId())(
    'writes refusals directly with their final outcome, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      for (const outcome of [
        'denied',
        'conflict',
        'invalid',
        'not-found',
      ] as const) {
        const entry = await store.record({
          ...attempt(),
          outcome,
          error: `refused: ${outcome}`,
        });
        expect(entry).toMatchObject({
          outcome,
          error: `refused: ${outcome}`,
          createdAt: T0,
          completedAt: T0,
        });
        await expect(store.getById(entry.id)).resolves.toEqual(entry);
      }
      // Invalid input is still recorded: raw action, no reason, no state.
      await expect(
        store.record({
          ...attempt({ action: '', reason: undefined, stateBefore: null }),
          outcome: 'invalid',
        }),
      ).resolves.toMatchObject({ action: '', reason: null, stateBefore: null });

      await expect(
        store.record({ ...attempt(), outcome: 'initiated' as any }),
      ).rejects.toThrow(expect.objectContaining({ name: 'InputError' }));
      await expect(
        store.record({ ...attempt(), outcome: 'succeeded' as any }),
      ).rejects.toThrow(expect.objectContaining({ name: 'InputError' }));
      expect((await store.list()).items).toHaveLength(5);
    },
  );

  it.each(databases.eachSupportedId())(
    'completes a row only once, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const begun = await store.begin(attempt());
      const done = await store.complete(begun.id, { outcome: 'succeeded' });

      await expect(
        store.complete(begun.id, { outcome: 'failed', error: 'late' }),
      ).rejects.toThrow(expect.objectContaining({ name: 'ConflictError' }));
      await expect(store.getById(begun.id)).resolves.toEqual(done);

      const refused = await store.record({ ...attempt(), outcome: 'denied' });
      await expect(
        store.complete(refused.id, { outcome: 'succeeded' }),
      ).rejects.toThrow(expect.objectContaining({ name: 'ConflictError' }));
      await expect(store.getById(refused.id)).resolves.toEqual(refused);

      await expect(
        store.complete('999999', { outcome: 'succeeded' }),
      ).rejects.toThrow(expect.objectContaining({ name: 'NotFoundError' }));
      await expect(
        store.complete('not-an-id', { outcome: 'succeeded' }),
      ).rejects.toThrow(expect.objectContaining({ name: 'NotFoundError' }));

      const open = await store.begin(attempt());
      await expect(
        store.complete(open.id, { outcome: 'initiated' as any }),
      ).rejects.toThrow(expect.objectContaining({ name: 'InputError' }));
      await expect(
        store.complete(open.id, { outcome: 'denied' as any }),
      ).rejects.toThrow(expect.objectContaining({ name: 'InputError' }));
      await expect(store.getById(open.id)).resolves.toEqual(open);

      // Racing completions: exactly one wins.
      const results = await Promise.allSettled([
        store.complete(open.id, { outcome: 'succeeded' }),
        store.complete(open.id, { outcome: 'failed' }),
        store.complete(open.id, { outcome: 'unknown' }),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const final = await store.getById(open.id);
      expect(['succeeded', 'failed', 'unknown']).toContain(final?.outcome);
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects entries it cannot record faithfully, writing nothing, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      for (const bad of [
        attempt({ actorRef: '' }),
        attempt({ entityRef: '   ' }),
        attempt({ cluster: '' }),
        attempt({ action: '' }),
        attempt({ requestedRevision: 1.5 }),
        attempt({ reason: 42 as any }),
      ]) {
        await expect(store.begin(bad)).rejects.toThrow(
          expect.objectContaining({ name: 'InputError' }),
        );
      }
      expect((await store.list()).items).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails closed when the table is gone, %p',
    async databaseId => {
      const { store, knex } = await setup(databaseId);
      const begun = await store.begin(attempt());
      await knex.schema.dropTable('audit_entries');

      await expect(store.begin(attempt())).rejects.toMatchObject(DB_ERROR);
      await expect(
        store.record({ ...attempt(), outcome: 'denied' }),
      ).rejects.toMatchObject(DB_ERROR);
      await expect(
        store.complete(begun.id, { outcome: 'succeeded' }),
      ).rejects.toMatchObject(DB_ERROR);
      await expect(store.list()).rejects.toMatchObject(DB_ERROR);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails closed when the connection pool is gone, %p',
    async databaseId => {
      const { store, knex } = await setup(databaseId);
      await store.begin(attempt());
      await knex.destroy();

      await expect(store.begin(attempt())).rejects.toMatchObject(DB_ERROR);
      await expect(
        store.record({ ...attempt(), outcome: 'invalid' }),
      ).rejects.toMatchObject(DB_ERROR);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages newest first with stable cursors across equal timestamps, %p',
    async databaseId => {
      const { store, clock } = await setup(databaseId);
      // 3 rows at T0, 1 at T0+1ms, 3 at T0+2s, 1 at T0+2s+1ms: ties must be broken by id.
      const written: AuditEntry[] = [];
      for (const offset of [0, 0, 0, 1, 2000, 2000, 2000, 2001]) {
        clock.set(new Date(T0.getTime() + offset));
        written.push(await store.begin(attempt({ reason: `at +${offset}` })));
      }
      const expected = [...written]
        .sort(
          (a, b) =>
            b.createdAt.getTime() - a.createdAt.getTime() ||
            Number(b.id) - Number(a.id),
        )
        .map(e => e.id);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ limit: 3, cursor });
        seen.push(...page.items.map(e => e.id));
        cursor = page.nextCursor;
        pages += 1;
        if (pages === 1) {
          // Rows written after the first page (even at the same millisecond as its first
          // row) sort before it and never leak into later pages.
          clock.set(new Date(T0.getTime() + 2001));
          await store.begin(attempt({ reason: 'late, same time as a row' }));
          clock.set(new Date(T0.getTime() + 60_000));
          await store.begin(attempt({ reason: 'late, newest' }));
        }
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(expected);

      // A page that ends exactly at the last row has no cursor.
      const all = await store.list({ limit: 10 });
      expect(all.items).toHaveLength(10);
      expect(all.nextCursor).toBeUndefined();
      expect(all.items[0].reason).toBe('late, newest');

      const cursorAtTie = decodeAuditCursor(
        (await store.list({ limit: 2 })).nextCursor!,
      );
      expect(cursorAtTie.createdAt).toBe(T0.getTime() + 2001);
    },
  );

  it.each(databases.eachSupportedId())(
    'applies the default and maximum page size, %p',
    async databaseId => {
      const { store, knex } = await setup(databaseId);
      // Bulk insert: the store has no batch API, and 205 round trips are slow on CI.
      await knex.batchInsert(
        'audit_entries',
        Array.from({ length: 205 }, (_, i) => ({
          created_at: new Date(T0.getTime() + i),
          actor_ref: 'user:default/jane',
          entity_ref: 'component:default/checkout',
          cluster: 'c',
          namespace: 'n',
          rollout: 'r',
          action: 'pause',
          outcome: 'denied',
          completed_at: new Date(T0.getTime() + i),
        })),
        50,
      );
      const first = await store.list();
      expect(first.items).toHaveLength(50);
      expect(first.nextCursor).toBeDefined();
      expect(first.items[0].createdAt.getTime()).toBe(T0.getTime() + 204);

      const clamped = await store.list({ limit: 1000 });
      expect(clamped.items).toHaveLength(200);
      const rest = await store.list({ limit: 200, cursor: clamped.nextCursor });
      expect(rest.items).toHaveLength(5);
      expect(rest.nextCursor).toBeUndefined();

      for (const limit of [0, -1, 2.5, NaN]) {
        await expect(store.list({ limit })).rejects.toThrow(
          expect.objectContaining({ name: 'InputError' }),
        );
      }
      for (const cursor of [
        'garbage!',
        '',
        Buffer.from('1.2.3').toString('base64url'),
        Buffer.from('abc.1').toString('base64url'),
      ]) {
        await expect(store.list({ cursor })).rejects.toThrow(
          expect.objectContaining({ name: 'InputError' }),
        );
      }
      // A well-formed cursor past the oldest row yields an empty page.
      await expect(
        store.list({ cursor: encodeAuditCursor({ createdAt: 1, id: 1 }) }),
      ).resolves.toEqual({ items: [] });
    },
  );

  it.each(databases.eachSupportedId())(
    'filters by entity, cluster, namespace, rollout, action and outcome, %p',
    async databaseId => {
      const { store, clock } = await setup(databaseId);
      const a = await store.begin(attempt());
      clock.advance(1);
      const b = await store.record({
        ...attempt({
          entityRef: 'Component:default/Payments',
          cluster: 'prod-us',
          rollout: 'payments',
          action: 'abort',
        }),
        outcome: 'denied',
      });
      clock.advance(1);
      const c = await store.begin(
        attempt({ namespace: 'shop-canary', action: 'abort' }),
      );
      await store.complete(c.id, { outcome: 'failed' });
      clock.advance(1);
      const d = await store.record({
        ...attempt({ cluster: 'prod-us' }),
        outcome: 'conflict',
      });

      const ids = async (query: Parameters<typeof store.list>[0]) =>
        (await store.list(query)).items.map(e => e.id);

      expect(await ids({})).toEqual([d.id, c.id, b.id, a.id]);
      expect(b.entityRef).toBe('component:default/payments');
      expect(await ids({ entityRef: 'component:default/checkout' })).toEqual([
        d.id,
        c.id,
        a.id,
      ]);
      expect(await ids({ entityRef: 'COMPONENT:default/PAYMENTS' })).toEqual([
        b.id,
      ]);
      expect(await ids({ cluster: 'prod-us' })).toEqual([d.id, b.id]);
      expect(await ids({ namespace: 'shop-canary' })).toEqual([c.id]);
      expect(await ids({ rollout: 'payments' })).toEqual([b.id]);
      expect(await ids({ action: 'abort' })).toEqual([c.id, b.id]);
      expect(await ids({ outcome: 'initiated' })).toEqual([a.id]);
      expect(await ids({ outcome: ['denied', 'conflict'] })).toEqual([
        d.id,
        b.id,
      ]);
      expect(
        await ids({
          entityRef: 'component:default/checkout',
          cluster: 'prod-eu',
          action: 'abort',
          outcome: 'failed',
        }),
      ).toEqual([c.id]);
      expect(await ids({ cluster: 'nowhere' })).toEqual([]);

      // Filters and cursors combine.
      const page1 = await store.list({
        entityRef: 'component:default/checkout',
        limit: 2,
      });
      expect(page1.items.map(e => e.id)).toEqual([d.id, c.id]);
      expect(
        await ids({
          entityRef: 'component:default/checkout',
          cursor: page1.nextCursor,
        }),
      ).toEqual([a.id]);

      await expect(store.list({ outcome: 'nope' as any })).rejects.toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
      await expect(store.list({ outcome: [] })).rejects.toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
      await expect(store.getById('123456789')).resolves.toBeUndefined();
      await expect(store.getById('abc')).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes old rows on retention but keeps recent initiated rows, %p',
    async databaseId => {
      const day = 24 * 60 * 60 * 1000;
      const clock = manualClock(new Date(T0.getTime() - 400 * day));
      const { store } = await setup(databaseId, clock);

      const oldFinal = await store.record({ ...attempt(), outcome: 'denied' });
      const oldOpen = await store.begin(attempt());
      clock.set(new Date(T0.getTime() - 10 * day));
      const recentFinal = await store.begin(attempt());
      await store.complete(recentFinal.id, { outcome: 'succeeded' });
      clock.set(new Date(T0.getTime() - 60 * 60 * 1000));
      const youngOpen = await store.begin(attempt());
      clock.set(T0);

      // 365 days: only the 400-day-old rows go, initiated or not (grace is 24h).
      await expect(
        store.deleteOlderThan(new Date(T0.getTime() - 365 * day)),
      ).resolves.toBe(2);
      await expect(store.getById(oldFinal.id)).resolves.toBeUndefined();
      await expect(store.getById(oldOpen.id)).resolves.toBeUndefined();

      // A cutoff of "now" would reach the 1-hour-old initiated row: the grace period keeps it.
      await expect(store.deleteOlderThan(T0)).resolves.toBe(1);
      await expect(store.getById(recentFinal.id)).resolves.toBeUndefined();
      await expect(store.getById(youngOpen.id)).resolves.toMatchObject({
        outcome: 'initiated',
      });
      await expect(
        store.deleteOlderThan(T0, { initiatedGracePeriodMs: 30 * 60 * 1000 }),
      ).resolves.toBe(1);
      expect((await store.list()).items).toEqual([]);

      await expect(store.deleteOlderThan(new Date('nope'))).rejects.toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'survives a restart: a new store on the same database sees every row, %p',
    async databaseId => {
      const { store, database, clock } = await setup(databaseId);
      const open = await store.begin(attempt());
      clock.advance(5);
      const refused = await store.record({
        ...attempt({ action: 'restart' }),
        outcome: 'denied',
      });

      const restarted = await KnexAuditStore.create({
        database,
        now: clock.now,
      });
      expect((await restarted.list()).items).toEqual([refused, open]);
      await expect(
        restarted.complete(open.id, { outcome: 'unknown' }),
      ).resolves.toMatchObject({ outcome: 'unknown' });
      const next = await restarted.begin(attempt());
      expect(Number(next.id)).toBeGreaterThan(Number(refused.id));

      // The old instance sees the new instance's writes too.
      await expect(store.getById(open.id)).resolves.toMatchObject({
        outcome: 'unknown',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'stores only { status, step, revision } and cuts oversized text, %p',
    async databaseId => {
      const { store } = await setup(databaseId);
      const entry = await store.begin(
        attempt({
          reason: 'x'.repeat(5000),
          stateBefore: {
            status: 'Paused',
            step: 2,
            revision: 7,
            resourceVersion: '123',
          } as any,
        }),
      );
      const stored = await store.getById(entry.id);
      expect(stored?.stateBefore).toEqual({
        status: 'Paused',
        step: 2,
        revision: 7,
      });
      expect(stored?.reason).toHaveLength(2000);
      expect(stored?.reason?.endsWith('…')).toBe(true);

      const done = await store.complete(entry.id, {
        outcome: 'failed',
        error: 'e'.repeat(10_000),
      });
      expect(done.error).toHaveLength(4000);

      // NUL bytes (PostgreSQL rejects them in text) and emoji at the cut are still storable.
      const odd = await store.record({
        ...attempt({ reason: `a\u0000${'😀'.repeat(1500)}` }),
        outcome: 'invalid',
        error: 'bad\u0000input',
      });
      const oddStored = await store.getById(odd.id);
      expect(oddStored?.reason?.startsWith('a\uFFFD😀')).toBe(true);
      // 2 + 1997 units would end inside an emoji: the half is dropped.
      expect(oddStored?.reason).toHaveLength(1999);
      expect(oddStored?.reason?.endsWith('😀…')).toBe(true);
      expect(oddStored?.error).toBe('bad\uFFFDinput');
      expect(oddStored).toEqual(odd);
    },
  );

  it.each(databases.eachSupportedId())(
    'skips migrations when asked to, %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      const skip = await KnexAuditStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      await expect(skip.begin(attempt())).rejects.toMatchObject(DB_ERROR);
      const skipOption = await KnexAuditStore.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      await expect(skipOption.begin(attempt())).rejects.toMatchObject(DB_ERROR);
      expect(await knex.schema.hasTable('audit_entries')).toBe(false);
    },
  );
});
