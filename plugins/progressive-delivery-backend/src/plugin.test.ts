import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { progressiveDeliveryPlugin } from './plugin';

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'eu-prod',
            title: 'EU production',
            url: 'https://127.0.0.1:6443',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'very-secret',
          },
        ],
      },
    ],
  },
};

describe('progressiveDeliveryPlugin', () => {
  it('lists configured clusters without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        progressiveDeliveryPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const res = await request(server).get('/api/progressive-delivery/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      clusters: [
        {
          name: 'eu-prod',
          title: 'EU production',
          authProvider: 'serviceAccount',
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
