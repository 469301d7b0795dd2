import { startSimulator, Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import {
  clustersConfig,
  component,
  eventually,
  PluginBackend,
  startPluginBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const api = '/api/progressive-delivery';
const checkout = component('checkout');
const payments = component('payments');
const docs = component('docs', {});

describe('scorecard routes', () => {
  let simulator: Simulator;
  let backend: PluginBackend;

  beforeAll(async () => {
    simulator = await startSimulator({ scenario: 'demo' });
    backend = await startPluginBackend({
      config: {
        ...clustersConfig(simulator),
        progressiveDelivery: { demoMetrics: true },
      },
      entities: [checkout, payments, docs],
      // Everyone may read checkout and docs; only sre may read payments.
      allow: (permission, resourceRef, user) =>
        permission !== 'progressive-delivery.rollout.read' ||
        resourceRef !== 'component:default/payments' ||
        user === 'user:default/sre',
    });
    await eventually(async () => {
      const res = await request(backend.server).get(`${api}/clusters`);
      return res.body.clusters.every((c: any) => c.status === 'ok');
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  it("answers an entity's scorecard", async () => {
    const res = await eventually(async () => {
      const r = await request(backend.server).get(
        `${api}/entities/component/default/checkout/scorecard?days=7`,
      );
      return r.status === 200 && r.body.level !== 'none' ? r : undefined;
    });
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout',
      level: 'bronze',
      outcomes: { window: { days: 7 }, rolloutsStarted: 0 },
    });
    expect(res.body.checks).toHaveLength(10);
    expect(res.body.levelRules).toHaveLength(3);
    expect(res.body.clusters.map((c: any) => c.status)).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    // Today's point, written by this very read.
    expect(res.body.history).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        level: 'bronze',
        passed: expect.any(Number),
        applicable: expect.any(Number),
      },
    ]);
  });

  it('defaults to 30 days', async () => {
    const res = await request(backend.server).get(
      `${api}/entities/component/default/checkout/scorecard`,
    );
    expect(res.status).toBe(200);
    expect(res.body.outcomes.window.days).toBe(30);
  });

  it('answers every check n/a for an entity without Kubernetes annotations', async () => {
    const res = await request(backend.server).get(
      `${api}/entities/component/default/docs/scorecard`,
    );
    expect(res.status).toBe(200);
    expect(res.body.level).toBe('none');
    expect(res.body.checks.every((c: any) => c.result === 'n/a')).toBe(true);
  });

  it.each(['0', '91', 'abc', '7.5', '-1'])(
    'refuses days=%s with a 400',
    async days => {
      const entity = await request(backend.server).get(
        `${api}/entities/component/default/checkout/scorecard?days=${days}`,
      );
      expect(entity.status).toBe(400);
      expect(entity.body.error.message).toMatch(
        /days must be a whole number from 1 to 90/,
      );
      const all = await request(backend.server).get(
        `${api}/scorecards?days=${days}`,
      );
      expect(all.status).toBe(400);
    },
  );

  it('refuses repeated days with a 400', async () => {
    const res = await request(backend.server).get(
      `${api}/scorecards?days=7&days=8`,
    );
    expect(res.status).toBe(400);
  });

  it('is 403 without the read permission and 404 for an unknown entity', async () => {
    const denied = await request(backend.server).get(
      `${api}/entities/component/default/payments/scorecard`,
    );
    expect(denied.status).toBe(403);
    const missing = await request(backend.server).get(
      `${api}/entities/component/default/nope/scorecard`,
    );
    expect(missing.status).toBe(404);
    const bad = await request(backend.server).get(
      `${api}/entities/component/default/bad%20name/scorecard`,
    );
    expect(bad.status).toBe(400);
  });

  it('lists the scorecards of readable entities with Kubernetes annotations', async () => {
    const res = await request(backend.server).get(`${api}/scorecards?days=14`);
    expect(res.status).toBe(200);
    expect(res.body.windowDays).toBe(14);
    expect(res.body.clusters).toHaveLength(3);
    expect(res.body.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    expect(res.body.entities[0]).toMatchObject({
      owner: 'group:default/team-a',
      level: 'bronze',
      results: { 'runs-as-rollout': 'pass', 'fast-rollback': 'fail' },
      outcomes: { window: { days: 14 } },
    });
  });
});
