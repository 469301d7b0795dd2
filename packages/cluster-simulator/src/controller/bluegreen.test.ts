import { KubeObject } from '../types';
import {
  Harness,
  analysisTemplate,
  createHarness,
  kubectl,
  podTemplate,
  prometheusMetric,
  replicaSets,
  replicasByRevision,
  setImage,
} from './__testUtils__/harness';

const NS = 'default';

function service(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS },
    spec: { selector: { app: 'bg' }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

function bgRollout(blueGreen: any, replicas = 3): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'bg', namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'bg' } },
      template: podTemplate('bg', 'example/bg:blue'),
      strategy: {
        blueGreen: {
          activeService: 'bg-active',
          previewService: 'bg-preview',
          ...blueGreen,
        },
      },
    },
  };
}

function start(h: Harness, blueGreen: any) {
  h.store.create(service('bg-active'));
  h.store.create(service('bg-preview'));
  h.store.create(bgRollout(blueGreen));
  h.settle();
  const first = h.rollout(NS, 'bg');
  setImage(h, NS, 'bg', 'example/bg:green');
  h.settle();
  return { first, ro: h.rollout(NS, 'bg') };
}

describe('blue-green', () => {
  it('initial deploy: active and preview point at the only ReplicaSet', () => {
    const h = createHarness();
    h.store.create(service('bg-active'));
    h.store.create(service('bg-preview'));
    h.store.create(bgRollout({ autoPromotionEnabled: false }));
    h.settle();
    const ro = h.rollout(NS, 'bg');
    const hash = ro.status.currentPodHash;
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.blueGreen).toEqual({
      activeSelector: hash,
      previewSelector: hash,
    });
    expect(ro.status.selector).toBe(
      `app=bg,rollouts-pod-template-hash=${hash}`,
    );
    expect(ro.status.currentStepIndex).toBeUndefined();
    expect(h.get('Service', NS, 'bg-active').spec.selector).toEqual({
      app: 'bg',
      'rollouts-pod-template-hash': hash,
    });
    expect(
      h.get('Service', NS, 'bg-active').metadata.annotations?.[
        'argo-rollouts.argoproj.io/managed-by-rollouts'
      ],
    ).toBe('bg');
  });

  it('preview awaiting promotion (autoPromotionEnabled false), promote switches, old RS scales down after scaleDownDelaySeconds', () => {
    const h = createHarness();
    const { first, ro } = start(h, {
      autoPromotionEnabled: false,
      scaleDownDelaySeconds: 30,
    });
    const blue = first.status.currentPodHash;
    const green = ro.status.currentPodHash;
    expect(ro.status.phase).toBe('Paused');
    expect(ro.status.message).toBe('BlueGreenPause');
    expect(ro.status.blueGreen).toEqual({
      activeSelector: blue,
      previewSelector: green,
    });
    expect(ro.status.pauseConditions).toEqual([
      { reason: 'BlueGreenPause', startTime: '2026-11-26T12:00:00Z' },
    ]);
    expect(ro.status.controllerPause).toBe(true);
    expect(ro.status).toMatchObject({
      replicas: 6,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      h.get('Service', NS, 'bg-preview').spec.selector[
        'rollouts-pod-template-hash'
      ],
    ).toBe(green);
    expect(
      h.get('Service', NS, 'bg-active').spec.selector[
        'rollouts-pod-template-hash'
      ],
    ).toBe(blue);

    const sent = kubectl.promote(h, NS, 'bg');
    expect(sent).toEqual([
      { subresource: 'status', body: { status: { pauseConditions: null } } },
    ]);
    h.settle();
    const after = h.rollout(NS, 'bg');
    expect(after.status.phase).toBe('Healthy');
    expect(after.status.blueGreen).toEqual({
      activeSelector: green,
      previewSelector: green,
    });
    expect(after.status.stableRS).toBe(green);
    expect(after.status.selector).toBe(
      `app=bg,rollouts-pod-template-hash=${green}`,
    );
    const old = replicaSets(h, NS, 'bg').find(
      rs => rs.metadata.labels?.['rollouts-pod-template-hash'] === blue,
    )!;
    expect(old.spec.replicas).toBe(3);
    expect(old.metadata.annotations?.['scale-down-deadline']).toBe(
      '2026-11-26T12:00:30Z',
    );
    h.clock.advance(30_000);
    expect(replicasByRevision(h, NS, 'bg')).toEqual({ '1': 0, '2': 3 });
  });

  it('pre-promotion analysis runs before the switch; post-promotion analysis before stable', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 2, interval: '30s' }),
      ),
    );
    const { ro } = start(h, {
      autoPromotionEnabled: false,
      prePromotionAnalysis: { templates: [{ templateName: 'success-rate' }] },
      postPromotionAnalysis: { templates: [{ templateName: 'success-rate' }] },
    });
    const green = ro.status.currentPodHash;
    const pre = `bg-${green}-2-pre`;
    expect(ro.status.blueGreen.prePromotionAnalysisRunStatus).toEqual({
      name: pre,
      status: 'Running',
    });
    expect(
      h.get('AnalysisRun', NS, pre).metadata.labels?.['rollout-type'],
    ).toBe('PrePromotion');
    h.advance(30_000);
    let cur = h.rollout(NS, 'bg');
    expect(cur.status.blueGreen.prePromotionAnalysisRunStatus.status).toBe(
      'Successful',
    );
    expect(cur.status.message).toBe('BlueGreenPause');
    kubectl.promote(h, NS, 'bg');
    h.settle();
    cur = h.rollout(NS, 'bg');
    const post = `bg-${green}-2-post`;
    expect(cur.status.blueGreen.activeSelector).toBe(green);
    expect(cur.status.stableRS).not.toBe(green);
    expect(cur.status.phase).toBe('Progressing');
    expect(cur.status.message).toBe('waiting for analysis to complete');
    expect(cur.status.blueGreen.postPromotionAnalysisRunStatus).toEqual({
      name: post,
      status: 'Running',
    });
    h.advance(30_000);
    cur = h.rollout(NS, 'bg');
    expect(cur.status.stableRS).toBe(green);
    expect(cur.status.phase).toBe('Healthy');
  });

  it('failed pre-promotion analysis aborts; active stays on the old version', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    h.store.create(service('bg-active'));
    h.store.create(service('bg-preview'));
    const ro0 = bgRollout({
      autoPromotionEnabled: false,
      prePromotionAnalysis: { templates: [{ templateName: 'success-rate' }] },
    });
    ro0.metadata.annotations = {
      'simulator.pdelivery.dev/metric-outcome': 'failure',
    };
    h.store.create(ro0);
    h.settle();
    const blue = h.rollout(NS, 'bg').status.currentPodHash;
    setImage(h, NS, 'bg', 'example/bg:green');
    h.settle();
    const ro = h.rollout(NS, 'bg');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toContain(
      'RolloutAborted: Rollout aborted update to revision 2: PrePromotion analysis phase error/failed',
    );
    expect(ro.status.blueGreen.activeSelector).toBe(blue);
    expect(ro.status.pauseConditions).toBeUndefined();
    // abortScaleDownDelaySeconds (30) then the preview ReplicaSet goes away.
    h.clock.advance(30_000);
    expect(replicasByRevision(h, NS, 'bg')).toEqual({ '1': 3, '2': 0 });
  });

  it('autoPromotionSeconds promotes after the delay; default autoPromotion promotes at once', () => {
    const h = createHarness();
    const { ro } = start(h, { autoPromotionSeconds: 60 });
    expect(ro.status.message).toBe('BlueGreenPause');
    h.clock.advance(59_000);
    expect(h.rollout(NS, 'bg').status.phase).toBe('Paused');
    h.clock.advance(1_000);
    expect(h.rollout(NS, 'bg').status.phase).toBe('Healthy');

    const h2 = createHarness();
    const { ro: ro2 } = start(h2, {});
    expect(ro2.status.phase).toBe('Healthy');
    expect(ro2.status.blueGreen.activeSelector).toBe(ro2.status.currentPodHash);
  });

  it('promote --full skips the pause and the analyses', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate(
        'success-rate',
        prometheusMetric({ count: 5, interval: '1m' }),
      ),
    );
    start(h, {
      autoPromotionEnabled: false,
      prePromotionAnalysis: { templates: [{ templateName: 'success-rate' }] },
    });
    kubectl.promote(h, NS, 'bg', { full: true });
    h.settle();
    const ro = h.rollout(NS, 'bg');
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.promoteFull).toBeUndefined();
  });

  it('abort during the preview returns to Degraded with the active selector unchanged', () => {
    const h = createHarness();
    const { first } = start(h, { autoPromotionEnabled: false });
    kubectl.abort(h, NS, 'bg');
    h.settle();
    const ro = h.rollout(NS, 'bg');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2',
    );
    expect(ro.status.blueGreen.activeSelector).toBe(
      first.status.currentPodHash,
    );
  });
  it('failed post-promotion analysis switches the active service back and aborts', () => {
    const h = createHarness();
    h.store.create(
      analysisTemplate('success-rate', prometheusMetric({ count: 1 })),
    );
    h.store.create(service('bg-active'));
    h.store.create(service('bg-preview'));
    const ro0 = bgRollout({
      postPromotionAnalysis: { templates: [{ templateName: 'success-rate' }] },
    });
    ro0.metadata.annotations = {
      'simulator.pdelivery.dev/metric-outcome': 'failure',
    };
    h.store.create(ro0);
    h.settle();
    const blue = h.rollout(NS, 'bg').status.currentPodHash;
    setImage(h, NS, 'bg', 'example/bg:green');
    h.settle();
    const ro = h.rollout(NS, 'bg');
    expect(ro.status.phase).toBe('Degraded');
    expect(ro.status.message).toContain(
      'PostPromotion analysis phase error/failed',
    );
    expect(ro.status.blueGreen.activeSelector).toBe(blue);
    expect(ro.status.stableRS).toBe(blue);
    expect(
      h.get('Service', NS, 'bg-active').spec.selector[
        'rollouts-pod-template-hash'
      ],
    ).toBe(blue);
    h.clock.advance(30_000);
    expect(replicasByRevision(h, NS, 'bg')).toEqual({ '1': 3, '2': 0 });
  });
});
