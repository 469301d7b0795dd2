import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ManualClock, Simulator } from '@pdelivery/cluster-simulator';
import { Knex } from 'knex';
import request from 'supertest';
import { KnexRolloutHistoryStore } from '../history';
import { setRolloutImage, startShopSimulator } from '../__testUtils__/rollouts';
import {
  clustersConfig,
  component,
  eventually,
  inMemoryKnex,
  PluginBackend,
  startPluginBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const api = '/api/progressive-delivery';
const web = component('web');
const alice = mockCredentials.user.header('user:default/alice');
const rolloutPath = `${api}/entities/component/default/web/rollouts`;
const webRollout = { cluster: 'cluster-01', namespace: 'shop', name: 'web' };

describe('rollout history against the simulated cluster', () => {
  let simulator: Simulator;
  let backend: PluginBackend | undefined;
  let knex: Knex;

  beforeEach(async () => {
    simulator = await startShopSimulator({
      rollouts: ['web'],
      clock: new ManualClock(new Date('2026-11-26T10:00:00Z')),
    });
    // revision 1 is stable before the backend starts
    simulator.clusters[0].controller!.reconcileAll();
    knex = inMemoryKnex();
  });

  afterEach(async () => {
    await backend?.stop();
    await simulator.stop();
    await knex.destroy().catch(() => {});
  });

  async function startBackend() {
    backend = await startPluginBackend({
      config: clustersConfig(simulator),
      entities: [web],
      knex,
    });
    return eventually(async () => {
      const res = await request(backend!.server)
        .get(rolloutPath)
        .set('Authorization', alice);
      return res.body.rollouts?.[0]?.info.status === 'Healthy';
    });
  }

  async function view() {
    const res = await request(backend!.server)
      .get(rolloutPath)
      .set('Authorization', alice);
    return res.body.rollouts[0].info;
  }

  async function promoteAt(step: number) {
    await eventually(async () => {
      const info = await view();
      return info.status === 'Paused' && info.currentStepIndex === step;
    });
    await request(backend!.server)
      .post(`${rolloutPath}/cluster-01/shop/web/actions`)
      .set('Authorization', alice)
      .send({ action: 'promote', expected: { stepIndex: step } })
      .expect(200);
  }

  it('records a revision started, promoted through the portal and completed; a restart adds nothing', async () => {
    await startBackend();
    const history = await KnexRolloutHistoryStore.create({
      database: mockServices.database({ knex }),
      skipMigrations: true,
    });

    // A new image: the controller walks the canary steps to each indefinite pause.
    setRolloutImage(simulator.clusters[0], 'web', 'registry.local/web:2.0');
    await promoteAt(1);
    await promoteAt(3);
    await eventually(async () => (await view()).status === 'Healthy');

    const outcomes = await eventually(async () => {
      const o = await history.outcomes([webRollout], 1);
      return o.rolloutsCompleted === 1 ? o : undefined;
    });
    expect(outcomes).toMatchObject({
      rolloutsStarted: 1,
      rolloutsCompleted: 1,
      rolloutsAborted: 0,
      medianTimeToPromoteSeconds: expect.any(Number),
      actions: { portal: 2, elsewhere: 0 },
    });
    expect(outcomes.actions.portal).toBeGreaterThanOrEqual(1);
    expect(outcomes.medianTimeToPromoteSeconds).toBeGreaterThan(0);
    const rows = await knex('rollout_events').orderBy('id');
    expect(rows.map(r => r.type)).toEqual([
      'started',
      'manual-promote',
      'manual-promote',
      'completed',
    ]);

    // After a restart the initial list is only remembered: nothing new is recorded.
    await backend!.stop();
    backend = undefined;
    await startBackend();
    await new Promise(resolve => setTimeout(resolve, 1500));
    await backend!.stop();
    backend = undefined;
    expect(await knex('rollout_events').count({ n: '*' })).toEqual([{ n: 4 }]);
    const later = await history.outcomes([webRollout], 1);
    expect({ ...later, window: outcomes.window }).toEqual(outcomes);
  });
});
