import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import request from 'supertest';
import { progressiveDeliveryPlugin } from './plugin';

const signalsMock = createServiceFactory({
  service: signalsServiceRef,
  deps: {},
  factory: () => ({ publish: jest.fn(async () => {}) }),
});

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'gke-client-side',
            title: 'Client-side auth',
            url: 'https://127.0.0.1:1',
            authProvider: 'google',
            serviceAccountToken: 'very-secret',
          },
        ],
      },
    ],
  },
};

describe('progressiveDeliveryPlugin', () => {
  it('reports clusters it cannot watch, without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        progressiveDeliveryPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [] }),
        signalsMock,
      ],
    });
    const res = await request(server).get('/api/progressive-delivery/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      clusters: [
        {
          name: 'gke-client-side',
          title: 'Client-side auth',
          status: 'error',
          error: expect.stringContaining("authProvider 'google'"),
        },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain('very-secret');
  });

  it('refuses unauthenticated requests', async () => {
    const { server } = await startTestBackend({
      features: [
        progressiveDeliveryPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [] }),
        signalsMock,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const res = await request(server).get('/api/progressive-delivery/clusters');
    expect(res.status).toBe(401);
  });

  it('registers every permission of the plugin', async () => {
    const addPermissions = jest.fn();
    await startTestBackend({
      features: [
        progressiveDeliveryPlugin,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [] }),
        signalsMock,
        mockServices.permissionsRegistry.mock({ addPermissions }).factory,
      ],
    });
    const names = addPermissions.mock.calls
      .flatMap(([permissions]) => permissions)
      .map((p: { name: string }) => p.name);
    expect(names).toContain('progressive-delivery.rollout.promote');
    expect(names).toContain('progressive-delivery.audit.read');
  });
});
