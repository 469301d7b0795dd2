import { writeFile } from 'node:fs/promises';
import { RealClock } from './clock';
import { createRolloutController } from './controller';
import type { FaultControls } from './faults/FaultControls';
import { buildKubeconfig } from './kubeconfig';
import { DEMO_CLUSTER_NAMES, seedScenario } from './scenarios';
import type { AnonymousAccess, ClusterTokens } from './server/auth';
import { ClusterServer } from './server/ClusterServer';
import type { RequestLogEntry } from './server/requestLog';
import { MemoryObjectStore } from './store/MemoryObjectStore';
import { generateTls } from './tls/generateTls';
import type { Clock, RolloutController } from './types';

export type ScenarioName = 'demo' | 'scale' | 'empty';

export interface StartSimulatorOptions {
  /** What each cluster is seeded with (default `demo`). */
  scenario?: ScenarioName;
  /** Port of the first cluster; the next ones count up. 0 (default): ephemeral ports. */
  firstPort?: number;
  /** Number of clusters (default: 3 for demo, else 1). */
  clusters?: number;
  /** Rollouts seeded per cluster by the `scale` scenario (default 10). */
  rolloutsPerCluster?: number;
  /** Latency added to every request, switchable later via `faults`. */
  latencyMs?: number;
  /** Serve HTTPS with a freshly generated CA (needed for kubectl to send tokens). */
  tls?: boolean;
  /** Simulated seconds per real second (default 1). Ignored when `clock` is given. */
  clockSpeed?: number;
  /** Also write the kubeconfig to this file. */
  kubeconfigPath?: string;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** A clock for every cluster, e.g. a ManualClock in tests. */
  clock?: Clock;
  /** Tokens (the same for every cluster); defaults are fixed, documented values. */
  tokens?: Partial<ClusterTokens>;
  /** Run the Argo Rollouts controller model (default true). */
  controller?: boolean;
  /** What requests without a token may do (default `none`: 401). */
  anonymous?: AnonymousAccess;
  /** Server-side close of watches without timeoutSeconds (default 5 min). */
  watchTimeoutMs?: number;
  /** BOOKMARK interval for watches that allow bookmarks (default 60 s). */
  bookmarkIntervalMs?: number;
  /** Store events kept for watch resume (default 10 000). */
  historySize?: number;
}

export interface SimulatedCluster {
  name: string;
  /** Base URL, e.g. `https://127.0.0.1:6443`. */
  url: string;
  tokens: ClusterTokens;
  store: MemoryObjectStore;
  faults: FaultControls;
  /** The controller model, when running (tests can call `reconcileAll()`). */
  controller?: RolloutController;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
}

export interface Simulator {
  clusters: SimulatedCluster[];
  /** Kubeconfig YAML: a context per cluster using the read-write token, with CA data under TLS. */
  kubeconfig: string;
  /** The CA certificate (PEM) when serving TLS. */
  caPem?: string;
  clock: Clock;
  /** Stops controllers and servers; idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_TOKENS: ClusterTokens = {
  readWrite: 'simulator-read-write-token',
  readOnly: 'simulator-read-only-token',
};

export function clusterNames(scenario: ScenarioName, count: number): string[] {
  const numbered = (i: number) => `cluster-${String(i + 1).padStart(2, '0')}`;
  return Array.from({ length: count }, (_, i) =>
    scenario === 'demo' && i < DEMO_CLUSTER_NAMES.length
      ? DEMO_CLUSTER_NAMES[i]
      : numbered(i),
  );
}

/** Every real cluster has these; seeds may already have created some of them. */
const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

function ensureSystemNamespaces(store: MemoryObjectStore): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!store.peek('Namespace', undefined, name)) {
      store.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        status: { phase: 'Active' },
      });
    }
  }
}

/** Starts simulated clusters in this process. */
export async function startSimulator(
  options: StartSimulatorOptions = {},
): Promise<Simulator> {
  const scenario = options.scenario ?? 'demo';
  const count =
    options.clusters ?? (scenario === 'demo' ? DEMO_CLUSTER_NAMES.length : 1);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`clusters must be >= 1, got ${count}`);
  const firstPort = options.firstPort ?? 0;
  const clock = options.clock ?? new RealClock(options.clockSpeed ?? 1);
  const tokens: ClusterTokens = { ...DEFAULT_TOKENS, ...options.tokens };
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ? generateTls([host]) : undefined;

  const servers: ClusterServer[] = [];
  const controllers: RolloutController[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    controllers.forEach(c => c.stop());
    await Promise.all(servers.map(s => s.close()));
  };

  try {
    const clusters = await Promise.all(
      clusterNames(scenario, count).map(
        async (name, index): Promise<SimulatedCluster> => {
          const store = new MemoryObjectStore({
            clock,
            historySize: options.historySize,
          });
          seedScenario(scenario, {
            store,
            clusterName: name,
            clusterIndex: index,
            rolloutsPerCluster: options.rolloutsPerCluster ?? 10,
            clock,
          });
          ensureSystemNamespaces(store);
          let controller: RolloutController | undefined;
          if (options.controller !== false) {
            const c = createRolloutController({
              store,
              clock,
              clusterName: name,
            });
            controllers.push(c);
            c.start();
            controller = c;
          }
          const server = new ClusterServer({
            store,
            tokens,
            host,
            port: firstPort === 0 ? 0 : firstPort + index,
            tls: tls ? { key: tls.serverKey, cert: tls.serverCert } : undefined,
            anonymous: options.anonymous,
            clock,
            watchTimeoutMs: options.watchTimeoutMs,
            bookmarkIntervalMs: options.bookmarkIntervalMs,
            faults: { latencyMs: options.latencyMs ?? 0 },
          });
          servers.push(server);
          await server.listen();
          return {
            name,
            url: server.url,
            tokens: { ...tokens },
            store,
            faults: server.faults,
            controller,
            requestLog: () => server.requestLog.list(),
            clearRequestLog: () => server.requestLog.clear(),
          };
        },
      ),
    );
    const kubeconfig = buildKubeconfig(
      clusters.map(c => ({
        name: c.name,
        url: c.url,
        caPem: tls?.caCert,
        readWriteToken: tokens.readWrite,
        readOnlyToken: tokens.readOnly,
      })),
    );
    if (options.kubeconfigPath) {
      await writeFile(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
    }
    return { clusters, kubeconfig, caPem: tls?.caCert, clock, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
