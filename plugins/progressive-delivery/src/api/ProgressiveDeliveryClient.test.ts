import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ProgressiveDeliveryClient } from './ProgressiveDeliveryClient';
import { makeEntityRollouts } from '../__testUtils__/data';

const base = 'http://localhost:7007/api/progressive-delivery';
const server = setupServer();
registerMswTestHooks(server);

const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };
const rollout = { cluster: 'eu-prod', namespace: 'checkout', name: 'checkout' };

function client() {
  return new ProgressiveDeliveryClient({
    discoveryApi: { getBaseUrl: async () => base },
    fetchApi: new MockFetchApi(),
  });
}

function errorBody(name: string, message: string, statusCode: number) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/x' },
      response: { statusCode },
    },
    { status: statusCode },
  );
}

describe('ProgressiveDeliveryClient', () => {
  it("reads an entity's rollouts with a lower-case kind", async () => {
    server.use(
      http.get(`${base}/entities/component/default/checkout/rollouts`, () =>
        HttpResponse.json(makeEntityRollouts()),
      ),
    );
    const result = await client().getEntityRollouts(entity);
    expect(result.rollouts[0].name).toBe('checkout');
  });

  it('reads a rollout in detail', async () => {
    server.use(
      http.get(
        `${base}/entities/component/default/checkout/rollouts/eu-prod/checkout/checkout`,
        () => HttpResponse.json({ name: 'checkout' }),
      ),
    );
    expect(await client().getRolloutDetail(entity, rollout)).toEqual({
      name: 'checkout',
    });
  });

  it('posts an action with the expected state', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${base}/entities/component/default/checkout/rollouts/eu-prod/checkout/checkout/actions`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({ auditId: '1', action: 'promote' });
        },
      ),
    );
    await client().performAction(entity, rollout, {
      action: 'promote',
      reason: 'ok',
      expected: { resourceVersion: '12', stepIndex: 1 },
    });
    expect(body).toEqual({
      action: 'promote',
      reason: 'ok',
      expected: { resourceVersion: '12', stepIndex: 1 },
    });
  });

  it.each([
    [403, 'NotAllowedError'],
    [409, 'ConflictError'],
    [503, 'ServiceUnavailableError'],
  ])(
    'rejects a %s with a ResponseError carrying the body',
    async (status, name) => {
      server.use(
        http.post(
          `${base}/entities/component/default/checkout/rollouts/eu-prod/checkout/checkout/actions`,
          () => errorBody(name, 'why', status),
        ),
      );
      const error = await client()
        .performAction(entity, rollout, { action: 'abort' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.body.error.name).toBe(name);
    },
  );

  it('pages audit logs and filters the ops view', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        `${base}/entities/component/default/checkout/audit`,
        ({ request }) => {
          seen.push(new URL(request.url).search);
          return HttpResponse.json({ items: [] });
        },
      ),
      http.get(`${base}/audit`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ items: [] });
      }),
      http.get(`${base}/rollouts`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ rollouts: [], clusters: [] });
      }),
      http.get(`${base}/clusters`, () =>
        HttpResponse.json({ clusters: [{ name: 'eu-prod', status: 'ok' }] }),
      ),
    );
    await client().getEntityAudit(entity, { limit: 20, cursor: 'abc' });
    await client().getAudit();
    await client().getOpsRollouts({ attention: true });
    await client().getOpsRollouts();
    expect(seen).toEqual(['?limit=20&cursor=abc', '', '?attention=true', '']);
    expect((await client().getClusters()).clusters[0].status).toBe('ok');
  });
});
