import { ManualClock } from '../../clock';
import { MemoryObjectStore } from '../../store/MemoryObjectStore';
import { KindName, KubeObject, RolloutController } from '../../types';
import { createRolloutController } from '..';

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return patch;
  }
  const out =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...target }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902 JSON patch, only the `replace`/`add` ops kubectl argo rollouts undo uses. */
export function jsonPatch(target: any, ops: any[]): any {
  const out = structuredClone(target);
  for (const op of ops) {
    const parts = String(op.path).split('/').slice(1);
    let cur = out;
    for (const p of parts.slice(0, -1)) cur = cur[p];
    cur[parts[parts.length - 1]] = structuredClone(op.value);
  }
  return out;
}

export interface Harness {
  store: MemoryObjectStore;
  clock: ManualClock;
  controller: RolloutController;
  /** Runs the controller until nothing changes. */
  settle(): void;
  /** Moves the clock (firing controller timers) and settles. */
  advance(ms: number): void;
  get(kind: KindName, ns: string | undefined, name: string): KubeObject;
  rollout(ns: string, name: string): KubeObject;
  /** Applies a merge patch like the API server (status subresource or main resource). */
  patch(
    kind: KindName,
    ns: string,
    name: string,
    body: any,
    subresource?: 'status',
  ): KubeObject;
  /** Applies a JSON patch to the main resource. */
  jsonPatch(kind: KindName, ns: string, name: string, ops: any[]): KubeObject;
  list(kind: KindName, ns?: string): KubeObject[];
}

export function createHarness(
  options: {
    metricOutcome?: Parameters<
      typeof createRolloutController
    >[0]['metricOutcome'];
  } = {},
): Harness {
  const clock = new ManualClock('2026-11-26T12:00:00Z');
  const store = new MemoryObjectStore({ clock });
  const controller = createRolloutController({
    store,
    clock,
    clusterName: 'test',
    metricOutcome: options.metricOutcome,
  });
  const h: Harness = {
    store,
    clock,
    controller,
    settle: () => controller.reconcileAll(),
    advance: ms => {
      clock.advance(ms);
      controller.reconcileAll();
    },
    get: (kind, ns, name) => {
      const o = store.get(kind, ns, name);
      if (!o) throw new Error(`${kind} ${ns}/${name} not found`);
      return o;
    },
    rollout: (ns, name) => h.get('Rollout', ns, name),
    patch: (kind, ns, name, body, subresource) => {
      const cur = h.get(kind, ns, name);
      if (subresource === 'status') {
        return store.update(
          { ...cur, status: mergePatch(cur.status ?? {}, body.status ?? {}) },
          { subresource: 'status' },
        );
      }
      const next = mergePatch(cur, body);
      return store.update(next);
    },
    jsonPatch: (kind, ns, name, ops) =>
      store.update(jsonPatch(h.get(kind, ns, name), ops)),
    list: (kind, ns) => store.list(kind, ns),
  };
  return h;
}

export function podTemplate(
  app: string,
  image: string,
  extraLabels: Record<string, string> = {},
) {
  return {
    metadata: { labels: { app, ...extraLabels } },
    spec: {
      containers: [
        {
          name: app,
          image,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
  };
}

export function canaryRollout(
  name: string,
  steps: any[],
  extra: {
    replicas?: number;
    canary?: any;
    image?: string;
    annotations?: any;
  } = {},
): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec: {
      replicas: extra.replicas ?? 5,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, extra.image ?? `example/${name}:v1`),
      strategy: { canary: { steps, ...(extra.canary ?? {}) } },
    },
  };
}

/** Changes the first container image (a new revision). */
export function setImage(h: Harness, ns: string, name: string, image: string) {
  const ro = h.rollout(ns, name);
  ro.spec.template.spec.containers[0].image = image;
  return h.store.update(ro);
}

/**
 * The patches `kubectl argo rollouts` sends (pkg/kubectl-argo-rollouts/cmd/*), applied the way
 * the CLI applies them: status subresource first, then the main resource.
 */
export const kubectl = {
  promote(h: Harness, ns: string, name: string, opts: { full?: boolean } = {}) {
    const ro = h.rollout(ns, name);
    const sent: Array<{ subresource?: 'status'; body: any }> = [];
    const canary = ro.spec.strategy.canary;
    const st = ro.status ?? {};
    let statusPatch: any;
    if (opts.full) {
      if (st.currentPodHash !== st.stableRS)
        statusPatch = { status: { promoteFull: true } };
    } else {
      const steps = canary?.steps ?? [];
      const idx = st.currentStepIndex ?? 0;
      const next = Math.min(idx + 1, steps.length);
      const pcs = st.pauseConditions ?? [];
      if (
        canary &&
        st.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive' &&
        pcs.length > 0 &&
        st.controllerPause
      ) {
        statusPatch = {
          status: {
            pauseConditions: null,
            controllerPause: false,
            currentStepIndex: next,
          },
        };
      } else if (pcs.length > 0) {
        statusPatch = { status: { pauseConditions: null } };
      } else if (canary) {
        statusPatch = {
          status: { pauseConditions: null, currentStepIndex: next },
        };
      }
    }
    if (statusPatch) {
      h.patch('Rollout', ns, name, statusPatch, 'status');
      sent.push({ subresource: 'status', body: statusPatch });
    }
    if (ro.spec.paused) {
      const specPatch = { spec: { paused: false } };
      h.patch('Rollout', ns, name, specPatch);
      sent.push({ body: specPatch });
    }
    return sent;
  },
  abort(h: Harness, ns: string, name: string) {
    return h.patch('Rollout', ns, name, { status: { abort: true } }, 'status');
  },
  retry(h: Harness, ns: string, name: string) {
    return h.patch('Rollout', ns, name, { status: { abort: false } }, 'status');
  },
  pause(h: Harness, ns: string, name: string) {
    return h.patch('Rollout', ns, name, { spec: { paused: true } });
  },
  /** The Argo CD `resume` action / dashboard resume: spec.paused=false. */
  resume(h: Harness, ns: string, name: string) {
    return h.patch('Rollout', ns, name, { spec: { paused: false } });
  },
  restart(h: Harness, ns: string, name: string, inMs = 0) {
    const at = new Date(h.clock.now().getTime() + inMs)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    return h.patch('Rollout', ns, name, { spec: { restartAt: at } });
  },
  /** `undo --to-revision N` (0 = previous). */
  undo(h: Harness, ns: string, name: string, toRevision = 0) {
    const ro = h.rollout(ns, name);
    const rsList = h
      .list('ReplicaSet', ns)
      .filter(rs =>
        rs.metadata.ownerReferences?.some(o => o.uid === ro.metadata.uid),
      )
      .sort(
        (a, b) =>
          Number(b.metadata.annotations?.['rollout.argoproj.io/revision']) -
          Number(a.metadata.annotations?.['rollout.argoproj.io/revision']),
      );
    const target =
      toRevision === 0
        ? rsList[1]
        : rsList.find(
            rs =>
              rs.metadata.annotations?.['rollout.argoproj.io/revision'] ===
              String(toRevision),
          );
    if (!target) throw new Error('no revision to roll back to');
    const template = structuredClone(target.spec.template);
    delete template.metadata.labels['rollouts-pod-template-hash'];
    const ops = [{ op: 'replace', path: '/spec/template', value: template }];
    if (ro.spec.workloadRef) {
      return h.jsonPatch('Deployment', ns, ro.spec.workloadRef.name, ops);
    }
    return h.jsonPatch('Rollout', ns, name, ops);
  },
};

export function replicaSets(h: Harness, ns: string, rolloutName: string) {
  const ro = h.rollout(ns, rolloutName);
  return h
    .list('ReplicaSet', ns)
    .filter(rs =>
      rs.metadata.ownerReferences?.some(o => o.uid === ro.metadata.uid),
    );
}

/** Replica counts keyed by revision. */
export function replicasByRevision(h: Harness, ns: string, name: string) {
  const out: Record<string, number> = {};
  for (const rs of replicaSets(h, ns, name)) {
    out[rs.metadata.annotations?.['rollout.argoproj.io/revision'] ?? '?'] =
      rs.spec.replicas;
  }
  return out;
}

export function analysisTemplate(name: string, metric: any): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name, namespace: 'default' },
    spec: { args: [{ name: 'service-name' }], metrics: [metric] },
  };
}

export const prometheusMetric = (extra: any = {}) => ({
  name: 'success-rate',
  successCondition: 'result[0] >= 0.95',
  provider: {
    prometheus: {
      address: 'http://prometheus.monitoring:9090',
      query:
        'sum(rate(http_requests_total{job="{{args.service-name}}",code!~"5.."}[5m])) / sum(rate(http_requests_total{job="{{args.service-name}}"}[5m]))',
    },
  },
  ...extra,
});
