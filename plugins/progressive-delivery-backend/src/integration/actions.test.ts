import { mockCredentials } from '@backstage/backend-test-utils';
import { ManualClock, Simulator } from '@pdelivery/cluster-simulator';
import { Knex } from 'knex';
import request from 'supertest';
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
const web = component(
  'web',
  { 'backstage.io/kubernetes-id': 'web' },
  'group:default/team-a',
);
const other = component(
  'other',
  { 'backstage.io/kubernetes-id': 'other' },
  'group:default/team-b',
);
const alice = 'user:default/alice'; // team-a: owns web
const bob = 'user:default/bob'; // team-b: owns other
const sam = 'user:default/sam'; // sre: acts on all

/** The demo policy's shape: sre acts on all, owners on their own entity, reads for all. */
function demoPolicy(
  permission: string,
  resourceRef?: string,
  user?: string,
): boolean {
  if (
    !permission.startsWith('progressive-delivery.rollout.') ||
    permission.endsWith('.read')
  ) {
    return true;
  }
  if (user === sam) return true;
  return (
    (user === alice && resourceRef === 'component:default/web') ||
    (user === bob && resourceRef === 'component:default/other')
  );
}

const actionsPath = (
  entity: string,
  rollout: string,
  cluster = 'cluster-01',
  ns = 'shop',
) =>
  `${api}/entities/component/default/${entity}/rollouts/${cluster}/${ns}/${rollout}/actions`;

describe('rollout actions', () => {
  let simulator: Simulator;
  let clock: ManualClock;
  let backend: PluginBackend;
  let knex: Knex;

  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));
    simulator = await startShopSimulator({ rollouts: ['web', 'other'], clock });
    // revision 1 settles first; then a new image walks the canary steps to the first pause
    simulator.clusters[0].controller!.reconcileAll();
    for (const name of ['web', 'other']) {
      setRolloutImage(
        simulator.clusters[0],
        name,
        `registry.local/${name}:2.0`,
      );
    }
    knex = inMemoryKnex();
    backend = await startPluginBackend({
      config: clustersConfig(simulator),
      entities: [web, other],
      allow: demoPolicy,
      knex,
    });
    await eventually(async () => {
      const res = await request(backend.server)
        .get(`${api}/entities/component/default/web/rollouts`)
        .set('Authorization', mockCredentials.user.header(alice));
      const ro = res.body.rollouts?.[0];
      return ro?.info.status === 'Paused' && ro.info.currentStepIndex === 1;
    });
  });

  afterEach(async () => {
    await backend.stop();
    await simulator.stop();
    await knex.destroy().catch(() => {});
  });

  async function view(entity: string, user = alice) {
    const res = await request(backend.server)
      .get(`${api}/entities/component/default/${entity}/rollouts`)
      .set('Authorization', mockCredentials.user.header(user));
    return res.body.rollouts[0];
  }

  async function act(
    user: string,
    path: string,
    body: object | string,
    contentType?: string,
  ) {
    const req = request(backend.server)
      .post(path)
      .set('Authorization', mockCredentials.user.header(user));
    if (contentType) req.set('Content-Type', contentType);
    return req.send(body);
  }

  const patches = () =>
    simulator.clusters[0].requestLog().filter(e => e.method === 'PATCH');

  async function auditRows() {
    const res = await request(backend.server)
      .get(`${api}/audit?limit=200`)
      .set('Authorization', mockCredentials.user.header(sam));
    return res.body.items as Array<Record<string, any>>;
  }

  it("promotes as the entity's owner with the kubectl plugin's status patch", async () => {
    const before = await view('web');
    simulator.clusters[0].clearRequestLog();
    const res = await act(alice, actionsPath('web', 'web'), {
      action: 'promote',
      reason: 'metrics look good',
      expected: { resourceVersion: before.info.resourceVersion, stepIndex: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      auditId: expect.any(String),
      action: 'promote',
    });
    expect(patches().map(p => p.path)).toEqual([
      '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web/status',
    ]);
    // the controller moves on: the page sees the next steps without a reload
    await eventually(
      async () => (await view('web')).info.currentStepIndex >= 2,
    );
    const [row] = await auditRows();
    expect(row).toMatchObject({
      id: res.body.auditId,
      actorRef: alice,
      entityRef: 'component:default/web',
      cluster: 'cluster-01',
      namespace: 'shop',
      rollout: 'web',
      action: 'promote',
      reason: 'metrics look good',
      outcome: 'succeeded',
      stateBefore: { status: 'Paused', step: 1, revision: 2 },
    });
  });

  it('authorization matrix: no mutation without an allow decision, every attempt audited', async () => {
    const cases = [
      { user: alice, entity: 'web', rollout: 'web', allowed: true },
      { user: alice, entity: 'other', rollout: 'other', allowed: false },
      { user: bob, entity: 'web', rollout: 'web', allowed: false },
      { user: bob, entity: 'other', rollout: 'other', allowed: true },
      { user: sam, entity: 'web', rollout: 'web', allowed: true },
      {
        user: 'user:default/mallory',
        entity: 'web',
        rollout: 'web',
        allowed: false,
      },
    ];
    const outcomes: Array<
      (typeof cases)[number] & {
        action: string;
        status: number;
        patched: boolean;
      }
    > = [];
    for (const c of cases) {
      for (const action of [
        'pause',
        'resume',
        'restart',
        'abort',
        'retry',
        'promote',
        'promote-full',
        'rollback',
      ]) {
        simulator.clusters[0].clearRequestLog();
        const res = await act(c.user, actionsPath(c.entity, c.rollout), {
          action,
        });
        outcomes.push({
          ...c,
          action,
          status: res.status,
          patched: patches().length > 0,
        });
      }
    }
    // denied: always 403 and never a patch; allowed: applied (200) or refused by state (409)
    for (const o of outcomes) {
      expect({
        ...o,
        ok: o.allowed
          ? [200, 409].includes(o.status)
          : o.status === 403 && !o.patched,
      }).toMatchObject({ ok: true });
    }
    expect(outcomes.filter(o => o.patched).every(o => o.allowed)).toBe(true);
    const rows = await auditRows();
    expect(rows).toHaveLength(6 * 8);
    expect(rows.filter(r => r.outcome === 'denied')).toHaveLength(3 * 8);
    expect(rows.every(r => r.outcome !== 'initiated')).toBe(true);
  });

  it("refuses another team's rollout named under your own entity (404, audited as denied)", async () => {
    simulator.clusters[0].clearRequestLog();
    const res = await act(alice, actionsPath('web', 'other'), {
      action: 'abort',
    });
    expect(res.status).toBe(404);
    expect(patches()).toEqual([]);
    const [row] = await auditRows();
    expect(row).toMatchObject({
      rollout: 'other',
      action: 'abort',
      outcome: 'denied',
    });
  });

  it('gives hostile input a clear 4xx and an audit row, never a patch', async () => {
    simulator.clusters[0].clearRequestLog();
    const attempts: Array<[string, object | string, number, string?]> = [
      [actionsPath('web', 'web'), { action: 'delete' }, 400],
      [actionsPath('web', 'web'), { action: 'promote', extra: 1 }, 400],
      [actionsPath('web', 'web'), { action: 'promote', revision: 3 }, 400],
      [
        actionsPath('web', 'web'),
        '{"action": "promote"',
        400,
        'application/json',
      ],
      [
        actionsPath('web', 'web'),
        { action: 'promote', reason: 'x'.repeat(20_000) },
        413,
      ],
      [
        actionsPath('web', 'web'),
        'action=promote',
        400,
        'application/x-www-form-urlencoded',
      ],
      [actionsPath('web', '..%2F..%2Fsecrets'), { action: 'abort' }, 400],
      [actionsPath('web', 'web', 'no-such-cluster'), { action: 'abort' }, 404],
      [
        actionsPath('web', 'web', 'cluster-01', 'kube-system'),
        { action: 'abort' },
        404,
      ],
      [
        `${api}/entities/component/default/ghost/rollouts/cluster-01/shop/web/actions`,
        { action: 'abort' },
        404,
      ],
    ];
    for (const [path, body, status, type] of attempts) {
      const res = await act(alice, path, body, type);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.body.error?.message).toEqual(expect.any(String));
    }
    expect(patches()).toEqual([]);
    const rows = await auditRows();
    expect(rows).toHaveLength(attempts.length);
    expect(rows.map(r => r.outcome).sort()).toEqual(
      [
        'denied',
        'invalid',
        'invalid',
        'invalid',
        'invalid',
        'invalid',
        'invalid',
        'invalid',
        'not-found',
        'not-found',
      ].sort(),
    );
  });

  it('refuses what is not available and what moved on (409)', async () => {
    simulator.clusters[0].clearRequestLog();
    const stale = await act(alice, actionsPath('web', 'web'), {
      action: 'promote',
      expected: { resourceVersion: '1' },
    });
    expect(stale.status).toBe(409);
    const step = await act(alice, actionsPath('web', 'web'), {
      action: 'promote',
      expected: { stepIndex: 0 },
    });
    expect(step.status).toBe(409);
    expect(step.body.error.message).toMatch(/step 1, not 0/);
    const retry = await act(alice, actionsPath('web', 'web'), {
      action: 'retry',
    });
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toMatch(/^Cannot retry/);
    expect(patches()).toEqual([]);
    expect((await auditRows()).map(r => r.outcome)).toEqual([
      'conflict',
      'conflict',
      'conflict',
    ]);
  });

  it('advances the rollout once for parallel identical promotes', async () => {
    const before = await view('web');
    simulator.clusters[0].clearRequestLog();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        act(alice, actionsPath('web', 'web'), {
          action: 'promote',
          expected: {
            resourceVersion: before.info.resourceVersion,
            stepIndex: 1,
          },
        }),
      ),
    );
    expect(responses.map(r => r.status).sort()).toEqual([
      200, 409, 409, 409, 409, 409,
    ]);
    expect(patches()).toHaveLength(1);
    // also without `expected`: what the portal showed is the precondition
    const before2 = await eventually(async () => {
      const v = await view('web');
      return v.info.status === 'Paused' && v.info.currentStepIndex === 3
        ? v
        : undefined;
    });
    expect(before2.info.currentStepIndex).toBe(3);
    simulator.clusters[0].clearRequestLog();
    const again = await Promise.all(
      Array.from({ length: 4 }, () =>
        act(alice, actionsPath('web', 'web'), { action: 'promote' }),
      ),
    );
    expect(again.filter(r => r.status === 200)).toHaveLength(1);
    expect(patches()).toHaveLength(1);
  });

  it('aborts: traffic returns to stable and the rollout degrades', async () => {
    const res = await act(alice, actionsPath('web', 'web'), {
      action: 'abort',
    });
    expect(res.status).toBe(200);
    const aborted = await eventually(async () => {
      const v = await view('web');
      return v.info.status === 'Degraded' ? v : undefined;
    });
    expect(aborted.info.aborted).toBe(true);
    expect(aborted.actions.find((a: any) => a.action === 'retry').enabled).toBe(
      true,
    );
    const retry = await act(alice, actionsPath('web', 'web'), {
      action: 'retry',
    });
    expect(retry.status).toBe(200);
  });

  it('rolls back with a JSON patch of the pod template', async () => {
    simulator.clusters[0].clearRequestLog();
    const res = await act(alice, actionsPath('web', 'web'), {
      action: 'rollback',
      revision: 1,
    });
    expect(res.status).toBe(200);
    const patch = patches()[0];
    expect(patch.path).toBe(
      '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web',
    );
    const ro = simulator.clusters[0].store.get('Rollout', 'shop', 'web')!;
    expect(ro.spec.template.spec.containers[0].image).toBe(
      'registry.local/web:1.0',
    );
    expect(ro.spec.template.metadata.labels).not.toHaveProperty(
      'rollouts-pod-template-hash',
    );
  });

  it('refuses to act when the audit log is unavailable (fail closed)', async () => {
    await knex.destroy();
    simulator.clusters[0].clearRequestLog();
    const res = await act(alice, actionsPath('web', 'web'), {
      action: 'restart',
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/audit log is unavailable/);
    expect(patches()).toEqual([]);
  });

  it('records an action whose outcome is unknown when the cluster stops answering', async () => {
    await backend.stop();
    backend = await startPluginBackend({
      config: {
        ...clustersConfig(simulator),
        progressiveDelivery: { actions: { timeoutSeconds: 0.5 } },
      },
      entities: [web, other],
      allow: demoPolicy,
      knex,
    });
    await eventually(async () => (await view('web'))?.info.status === 'Paused');
    simulator.clusters[0].faults.setLatency(1500);
    const res = await act(alice, actionsPath('web', 'web'), {
      action: 'restart',
    });
    simulator.clusters[0].faults.setLatency(0);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/may or may not have been applied/);
    const rows = await auditRows();
    expect(rows[0]).toMatchObject({ action: 'restart', outcome: 'unknown' });
  });

  it('keeps the audit trail across a backend restart', async () => {
    await act(alice, actionsPath('web', 'web'), { action: 'restart' });
    await act(bob, actionsPath('web', 'web'), {
      action: 'abort',
      // a safety action is not refused because a progressing rollout moved on
      expected: { resourceVersion: '1', stepIndex: 0 },
    });
    await backend.stop();
    backend = await startPluginBackend({
      config: clustersConfig(simulator),
      entities: [web, other],
      allow: demoPolicy,
      knex,
    });
    const res = await request(backend.server)
      .get(`${api}/entities/component/default/web/audit`)
      .set('Authorization', mockCredentials.user.header(alice));
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: any) => `${r.actorRef} ${r.action} ${r.outcome}`),
    ).toEqual([`${bob} abort denied`, `${alice} restart succeeded`]);
  });
});
