import { mockCredentials } from '@backstage/backend-test-utils';
import { Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import { createAuditTestDatabases } from '../audit/__testUtils__/auditTestDatabases';
import { startShopSimulator } from '../__testUtils__/rollouts';
import {
  clustersConfig,
  component,
  eventually,
  PluginBackend,
  startPluginBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const api = '/api/progressive-delivery';
const web = component('web');
const alice = mockCredentials.user.header('user:default/alice');
const actions = `${api}/entities/component/default/web/rollouts/cluster-01/shop/web/actions`;

// SQLite always; PostgreSQL when scripts/postgres.sh runs (required in CI).
const databases = createAuditTestDatabases();

describe.each(databases.eachSupportedId())(
  'actions and audit on %p',
  databaseId => {
    let simulator: Simulator;
    let backend: PluginBackend | undefined;

    beforeEach(async () => {
      simulator = await startShopSimulator({ rollouts: ['web'] });
    });

    afterEach(async () => {
      await backend?.stop();
      await simulator.stop();
    });

    async function start(knex: Awaited<ReturnType<typeof databases.init>>) {
      backend = await startPluginBackend({
        config: clustersConfig(simulator),
        entities: [web],
        knex,
      });
      await eventually(async () => {
        const res = await request(backend!.server)
          .get(`${api}/entities/component/default/web/rollouts`)
          .set('Authorization', alice);
        return res.body.rollouts?.length === 1;
      });
      return backend.server;
    }

    it('keeps every attempt across a backend restart', async () => {
      const knex = await databases.init(databaseId);
      let server = await start(knex);
      await request(server)
        .post(actions)
        .set('Authorization', alice)
        .send({ action: 'restart' })
        .expect(200);
      await request(server)
        .post(actions)
        .set('Authorization', alice)
        .send({ action: 'nope' })
        .expect(400);
      await backend!.stop();
      server = await start(knex);
      const res = await request(server)
        .get(`${api}/audit`)
        .set('Authorization', alice)
        .expect(200);
      expect(
        res.body.items.map(
          (r: { action: string; outcome: string }) =>
            `${r.action}:${r.outcome}`,
        ),
      ).toEqual(['nope:invalid', 'restart:succeeded']);
    });

    it('refuses the action when the database is gone', async () => {
      const knex = await databases.init(databaseId);
      const server = await start(knex);
      await knex.destroy();
      simulator.clusters[0].clearRequestLog();
      const res = await request(server)
        .post(actions)
        .set('Authorization', alice)
        .send({ action: 'restart' });
      expect(res.status).toBe(503);
      expect(
        simulator.clusters[0].requestLog().filter(e => e.method === 'PATCH'),
      ).toEqual([]);
    });
  },
);
