import { ManualClock } from '../clock';
import { Simulator, startSimulator } from '../startSimulator';

/*
 * End to end over HTTP: the exact requests `kubectl argo rollouts` sends (merge patches on the
 * status subresource, on the main resource, and the JSON patch of undo) against a simulated
 * cluster running the controller model.
 */

const TOKEN = 'simulator-read-write-token';

async function request(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/merge-patch+json',
) {
  const res = await fetch(`${sim.clusters[0].url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body ? { 'content-type': contentType } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json: any = await res.json();
  if (!res.ok)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const RO = '/apis/argoproj.io/v1alpha1/namespaces/checkout/rollouts/checkout';

/** Lets the controller (which reacts to store events in a microtask) catch up. */
const tick = () => new Promise(r => setImmediate(r));

describe('kubectl argo rollouts patches over HTTP', () => {
  let sim: Simulator;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock('2026-11-26T12:00:00Z');
    sim = await startSimulator({ scenario: 'demo', clusters: 1, clock });
  });

  afterEach(async () => {
    await sim.stop();
  });

  it('promote, abort, retry, pause, resume, restart and undo move the demo checkout canary', async () => {
    let ro = await request(sim, 'GET', RO);
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.currentStepIndex).toBe(1);

    // promote (pause conditions present): status subresource only
    await request(sim, 'PATCH', `${RO}/status`, {
      status: { pauseConditions: null },
    });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.currentStepIndex).toBe(3);
    expect(ro.status.message).toBe('CanaryPauseStep');

    // abort
    await request(sim, 'PATCH', `${RO}/status`, { status: { abort: true } });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2',
    );

    // retry
    await request(sim, 'PATCH', `${RO}/status`, { status: { abort: false } });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.currentStepIndex).toBe(1);

    // pause / resume
    await request(sim, 'PATCH', RO, { spec: { paused: true } });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.message).toBe('manually paused');
    await request(sim, 'PATCH', RO, { spec: { paused: false } });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.message).toBe('CanaryPauseStep');

    // promote --full
    await request(sim, 'PATCH', `${RO}/status`, {
      status: { promoteFull: true },
    });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.phase).toBe('Healthy');

    // restart
    clock.advance(5_000);
    const restartAt = '2026-11-26T12:00:05Z';
    await request(sim, 'PATCH', RO, { spec: { restartAt } });
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.status.restartedAt).toBe(restartAt);

    // undo to revision 1 (JSON patch of /spec/template)
    const rsList = await request(
      sim,
      'GET',
      '/apis/apps/v1/namespaces/checkout/replicasets',
    );
    const rev1 = rsList.items.find(
      (rs: any) =>
        rs.metadata.name.startsWith('checkout-') &&
        rs.metadata.annotations['rollout.argoproj.io/revision'] === '1',
    );
    const template = rev1.spec.template;
    delete template.metadata.labels['rollouts-pod-template-hash'];
    await request(
      sim,
      'PATCH',
      RO,
      [{ op: 'replace', path: '/spec/template', value: template }],
      'application/json-patch+json',
    );
    await tick();
    ro = await request(sim, 'GET', RO);
    expect(ro.metadata.annotations['rollout.argoproj.io/revision']).toBe('3');
    // Revision 1 is not the stable one (2 is), so going back is a canary update like any other.
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.currentStepIndex).toBe(1);
    expect(ro.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/pdelivery-demo/checkout:1.8.3',
    );
  });
});
