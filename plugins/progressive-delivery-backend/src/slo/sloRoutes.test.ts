import { JsonObject } from '@backstage/types';
import { startSimulator, Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import {
  clustersConfig,
  component,
  eventually,
  startPluginBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const api = '/api/progressive-delivery';
const checkout = component('checkout');
const payments = component('payments');

describe('SLO routes against the demo scenario', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({ scenario: 'demo' });
  });

  afterAll(async () => {
    await simulator.stop();
  });

  async function backend(progressiveDelivery: JsonObject) {
    return startPluginBackend({
      config: {
        ...clustersConfig(simulator),
        progressiveDelivery,
      },
      entities: [checkout, payments],
    });
  }

  it('answers SLOs with demo metrics and annotates rollouts', async () => {
    const { server, stop } = await backend({ demoMetrics: true });
    try {
      const res = await eventually(async () => {
        const r = await request(server).get(
          `${api}/entities/component/default/checkout/slos`,
        );
        return r.body.slos?.length === 6 ? r : undefined;
      });
      expect(res.status).toBe(200);
      expect(res.body.demo).toBe(true);
      expect(
        res.body.slos.map((s: any) => `${s.cluster}/${s.namespace}/${s.name}`),
      ).toEqual([
        'eu-prod/checkout/checkout-availability',
        'staging/checkout/checkout-availability',
        'us-prod/checkout/checkout-availability',
        'eu-prod/checkout/checkout-latency',
        'staging/checkout/checkout-latency',
        'us-prod/checkout/checkout-latency',
      ]);
      for (const slo of res.body.slos) {
        expect(slo).toMatchObject({
          status: 'ok',
          demo: true,
          source: 'demo',
          burning: false,
        });
        expect(slo.burnRates).toHaveLength(4);
      }

      const pay = await request(server).get(
        `${api}/entities/component/default/payments/slos`,
      );
      expect(pay.body.slos.map((s: any) => [s.cluster, s.burning])).toEqual([
        ['eu-prod', true],
        ['us-prod', true],
      ]);

      const rollouts = await eventually(async () => {
        const r = await request(server).get(
          `${api}/entities/component/default/checkout/rollouts`,
        );
        return r.body.rollouts?.length === 3 ? r : undefined;
      });
      for (const rollout of rollouts.body.rollouts) {
        // The checkout canary's analysis step uses `success-rate`, which reads Pyrra's burn rate.
        expect(rollout.gatedOnErrorBudget).toEqual({
          templates: ['success-rate'],
        });
        expect(rollout.slos.map((s: any) => s.name)).toEqual([
          'checkout-availability',
          'checkout-latency',
        ]);
        expect(rollout.slos[0].cluster).toBe(rollout.cluster);
      }
    } finally {
      await stop();
    }
  });

  it('says why without a Prometheus, and keeps the rollouts', async () => {
    const { server, stop } = await backend({});
    try {
      const res = await eventually(async () => {
        const r = await request(server).get(
          `${api}/entities/component/default/payments/slos`,
        );
        return r.body.slos?.length === 2 ? r : undefined;
      });
      expect(res.body.demo).toBeUndefined();
      expect(res.body.slos[0]).toMatchObject({
        status: 'unknown',
        reason: 'no-prometheus',
        objective: { target: 99.9, window: '4w', indicator: 'ratio' },
      });
      const rollouts = await request(server).get(
        `${api}/entities/component/default/payments/rollouts`,
      );
      expect(rollouts.status).toBe(200);
      expect(rollouts.body.rollouts.length).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });

  it('applies the rollout read permission', async () => {
    const { server, stop } = await startPluginBackend({
      config: {
        ...clustersConfig(simulator),
        progressiveDelivery: { demoMetrics: true },
      },
      entities: [checkout],
      allow: permission => permission !== 'progressive-delivery.rollout.read',
    });
    try {
      const res = await request(server).get(
        `${api}/entities/component/default/checkout/slos`,
      );
      expect(res.status).toBe(403);
      const missing = await request(server).get(
        `${api}/entities/component/default/nope/slos`,
      );
      expect(missing.status).toBe(404);
    } finally {
      await stop();
    }
  });
});
