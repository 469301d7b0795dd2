/*
 * Read-path benchmark (`scripts/yarn bench`): simulated clusters in scale mode with injected
 * latency (in this process), the demo backend (`packages/backend`, with this project's plugin
 * and @backstage/plugin-kubernetes-backend reading the same clusters) as a child process, and
 * in one run: entity read latency of both routes (sequential and concurrent), cluster
 * requests per entity read, backend RSS, change-to-signal latency, the same with one cluster
 * hanging, and the cache's memory at 500 Rollouts per cluster against a backend without
 * clusters. Prints a table and writes `.bench/results-<timestamp>.json` and
 * `.bench/latest.json`. Loopback only; every process it starts it stops by PID.
 *
 * Flags: --quick (3 clusters x 10 Rollouts, few requests), --clusters N, --rollouts N,
 * --latency-ms N, --memory-rollouts N, --skip-memory, --skip-hang.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Simulator, startSimulator } from '../startSimulator';
import {
  BackendProcess,
  freePort,
  killAllStartedSync,
  startBackend,
} from './backendProcess';
import {
  BENCH_STATIC_TOKEN,
  benchEntityName,
  writeBenchCatalog,
  writeBenchConfig,
} from './benchConfig';
import {
  getJson,
  SignalsClient,
  sleep,
  timedFetch,
  TimedResult,
  waitFor,
} from './httpClient';
import {
  formatMs,
  latencyStats,
  LatencyStats,
  median,
  ratio,
  renderTable,
} from './stats';

/** The repository root: `scripts/yarn bench` runs in it; found upwards from the cwd. */
function findRepoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'packages', 'backend', 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('run the benchmark inside the repository');
    dir = up;
  }
  return dir;
}

const REPO_ROOT = findRepoRoot();
const OUT_DIR = join(REPO_ROOT, '.bench');

interface BenchOptions {
  clusters: number;
  rollouts: number;
  latencyMs: number;
  memoryRollouts: number;
  skipMemory: boolean;
  skipHang: boolean;
  oursSequential: number;
  oursPerReader: number;
  readers: number;
  k8sSequential: number;
  k8sPerReader: number;
  /** Wall-time cap of each Kubernetes plugin phase. */
  k8sPhaseCapMs: number;
  /** Client timeout of one Kubernetes plugin read (it has no timeout of its own). */
  k8sTimeoutMs: number;
  /** The same with a hanging cluster, where the plugin's read never completes. */
  k8sHangTimeoutMs: number;
  k8sHangReads: number;
  signalChanges: number;
}

function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const num = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`bad value for ${flag}`);
    return v;
  };
  return {
    clusters: num('--clusters', quick ? 3 : 20),
    rollouts: num('--rollouts', quick ? 10 : 50),
    latencyMs: num('--latency-ms', 100),
    memoryRollouts: num('--memory-rollouts', quick ? 50 : 500),
    skipMemory: argv.includes('--skip-memory'),
    skipHang: argv.includes('--skip-hang'),
    oursSequential: quick ? 50 : 500,
    oursPerReader: quick ? 10 : 100,
    readers: 10,
    k8sSequential: quick ? 10 : 50,
    k8sPerReader: quick ? 2 : 5,
    k8sPhaseCapMs: quick ? 30_000 : 60_000,
    k8sTimeoutMs: 60_000,
    k8sHangTimeoutMs: quick ? 5_000 : 15_000,
    k8sHangReads: quick ? 2 : 3,
    signalChanges: quick ? 5 : 20,
  };
}

const log = (msg: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

type Reader = (entityIndex: number) => Promise<TimedResult>;

interface PhaseResult {
  route: 'progressive-delivery' | 'kubernetes' | 'catalog';
  mode: 'sequential' | 'concurrent';
  readers: number;
  latency: LatencyStats;
  reads: number;
  wallMs: number;
  /** Requests that reached the clusters during the phase, per read (all / lists / watches). */
  clusterRequestsPerRead: number;
  clusterRequests: { total: number; watch: number; other: number };
  /** Rollouts in a response, averaged (sanity check: both routes see the same data). */
  rolloutsPerRead?: number;
  /**
   * Clusters a 200 response reported as failed, summed over reads: the Kubernetes plugin's
   * per-cluster `errors`, our clusters whose status is not `ok` (served from the cache).
   */
  clusterErrorsInResponses: number;
  firstError?: string;
  capped: boolean;
  /** 1-minute load average of the host when the phase ended (other processes share the CPUs). */
  loadavg1m: number;
}

function countClusterErrors(
  route: PhaseResult['route'],
  body: unknown,
): number {
  if (!body || typeof body !== 'object') return 0;
  if (route === 'progressive-delivery') {
    const clusters = (body as { clusters?: Array<{ status?: string }> })
      .clusters;
    return (clusters ?? []).filter(c => c.status !== 'ok').length;
  }
  if (route === 'kubernetes') {
    return ((body as { items?: any[] }).items ?? []).filter(
      item => (item.errors ?? []).length > 0,
    ).length;
  }
  return 0;
}

function countRollouts(
  route: PhaseResult['route'],
  body: unknown,
): number | undefined {
  if (!body || typeof body !== 'object' || route === 'catalog')
    return undefined;
  if (route === 'progressive-delivery') {
    return (body as { rollouts?: unknown[] }).rollouts?.length;
  }
  let n = 0;
  for (const cluster of (body as { items?: any[] }).items ?? []) {
    for (const group of cluster.resources ?? []) {
      for (const r of group.resources ?? []) {
        if (r?.kind === 'Rollout') n++;
      }
    }
  }
  return n;
}

async function runPhase(
  sim: Simulator,
  route: PhaseResult['route'],
  read: Reader,
  entities: number,
  opts: { readers: number; perReader: number; capMs: number },
): Promise<PhaseResult> {
  sim.clusters.forEach(c => c.clearRequestLog());
  const samples: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let rollouts = 0;
  let rolloutSamples = 0;
  let clusterErrors = 0;
  let firstError: string | undefined;
  let next = 0;
  let capped = false;
  const started = performance.now();
  const worker = async (w: number) => {
    for (let i = 0; i < opts.perReader; i++) {
      if (performance.now() - started > opts.capMs) {
        capped = true;
        return;
      }
      const index = (next++ + w) % entities;
      const r = await read(index);
      if (r.ok) {
        samples.push(r.ms);
        clusterErrors += countClusterErrors(route, r.body);
        const n = countRollouts(route, r.body);
        if (n !== undefined) {
          rollouts += n;
          rolloutSamples++;
        }
      } else if (r.timedOut) {
        timeouts++;
        firstError ??= `timeout after ${Math.round(r.ms)} ms`;
      } else {
        errors++;
        firstError ??= `${r.status} ${r.error ?? ''}`.trim();
      }
    }
  };
  await Promise.all(Array.from({ length: opts.readers }, (_, w) => worker(w)));
  const wallMs = performance.now() - started;
  const logs = sim.clusters.flatMap(c => c.requestLog());
  const watch = logs.filter(e => e.watch).length;
  const reads = samples.length + errors + timeouts;
  return {
    route,
    mode: opts.readers > 1 ? 'concurrent' : 'sequential',
    readers: opts.readers,
    latency: latencyStats(samples, errors, timeouts),
    reads,
    wallMs: Math.round(wallMs),
    clusterRequestsPerRead:
      reads > 0 ? Math.round((logs.length / reads) * 100) / 100 : 0,
    clusterRequests: {
      total: logs.length,
      watch,
      other: logs.length - watch,
    },
    rolloutsPerRead: rolloutSamples
      ? Math.round((rollouts / rolloutSamples) * 100) / 100
      : undefined,
    clusterErrorsInResponses: clusterErrors,
    firstError,
    capped,
    loadavg1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

interface Session {
  backend: BackendProcess;
  userToken: string;
  entities: Array<Record<string, any>>;
}

async function startSession(options: {
  name: string;
  tmp: string;
  sim?: Simulator;
  catalogFile: string;
  entities: number;
  waitForClusters: boolean;
}): Promise<Session> {
  const port = await freePort();
  const configFile = await writeBenchConfig({
    dir: options.tmp,
    name: options.name,
    port,
    catalogFile: options.catalogFile,
    clusters: options.sim?.clusters ?? [],
  });
  const started = Date.now();
  const backend = await startBackend({
    repoRoot: REPO_ROOT,
    configFiles: [configFile],
    port,
    logFile: join(OUT_DIR, `backend-${options.name}.log`),
  });
  log(
    `${options.name}: backend PID ${backend.pid} on ${backend.baseUrl} (log .bench/backend-${options.name}.log)`,
  );
  const base = backend.baseUrl;
  const alive = () => {
    if (backend.exited()) {
      throw new Error(
        `the backend exited; see .bench/backend-${options.name}.log`,
      );
    }
  };
  await waitFor('backend readiness', 180_000, async () => {
    alive();
    const res = await fetch(`${base}/.backstage/health/v1/readiness`);
    return res.ok ? true : undefined;
  });
  log(`${options.name}: ready after ${Date.now() - started} ms`);
  if (options.waitForClusters) {
    await waitFor('all clusters synced', 180_000, async () => {
      alive();
      const { clusters } = await getJson<{
        clusters: Array<{ name: string; status: string }>;
      }>(`${base}/api/progressive-delivery/clusters`, BENCH_STATIC_TOKEN);
      return clusters.length === options.sim!.clusters.length &&
        clusters.every(c => c.status === 'ok')
        ? true
        : undefined;
    });
    log(
      `${options.name}: all clusters synced after ${Date.now() - started} ms`,
    );
  }
  await waitFor('catalog entities', 180_000, async () => {
    alive();
    const res = await getJson<{ totalItems: number }>(
      `${base}/api/catalog/entities/by-query?filter=kind=component&limit=1&fields=metadata.name`,
      BENCH_STATIC_TOKEN,
    );
    return res.totalItems >= options.entities ? true : undefined;
  });
  const refs = Array.from(
    { length: options.entities },
    (_, j) => `component:default/${benchEntityName(j)}`,
  );
  const byRefs = await fetch(`${base}/api/catalog/entities/by-refs`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${BENCH_STATIC_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ entityRefs: refs }),
  });
  const { items } = (await byRefs.json()) as { items: any[] };
  // A user session, as the browser has: the guest provider.
  const guest = await getJson<{ backstageIdentity: { token: string } }>(
    `${base}/api/auth/guest/refresh`,
    '',
  );
  log(
    `${options.name}: ${items.length} catalog entities, guest token, ${
      Date.now() - started
    } ms`,
  );
  return {
    backend,
    userToken: guest.backstageIdentity.token,
    entities: items,
  };
}

async function sampleRss(
  backend: BackendProcess,
  samples: number,
  intervalMs: number,
): Promise<{ median: number; samples: number[] }> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(intervalMs);
    values.push(await backend.rssMiB());
  }
  return { median: median(values)!, samples: values };
}

function readers(session: Session, k8sTimeoutMs: number) {
  const base = session.backend.baseUrl;
  const auth = { Authorization: `Bearer ${session.userToken}` };
  const ours: Reader = index =>
    timedFetch(
      `${base}/api/progressive-delivery/entities/component/default/${benchEntityName(
        index,
      )}/rollouts`,
      { headers: auth, timeoutMs: 30_000 },
    );
  // What the Kubernetes plugin's frontend (getObjectsByEntity) sends for an entity page.
  const kubernetes: Reader = index => {
    const entity = session.entities[index];
    return timedFetch(
      `${base}/api/kubernetes/services/${entity.metadata.name}`,
      {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entity, auth: {} }),
        timeoutMs: k8sTimeoutMs,
      },
    );
  };
  // Reference: the catalog read both routes start with (the floor of any entity-scoped read).
  const catalog: Reader = index =>
    timedFetch(
      `${base}/api/catalog/entities/by-name/component/default/${benchEntityName(
        index,
      )}`,
      { headers: auth, timeoutMs: 30_000 },
    );
  return { ours, kubernetes, catalog };
}

interface SignalResult {
  changes: number;
  received: number;
  latency: LatencyStats;
  cluster: string;
  entityRef: string;
}

async function measureSignals(
  sim: Simulator,
  session: Session,
  clusterIndex: number,
  changes: number,
  ours: Reader,
): Promise<SignalResult> {
  const cluster = sim.clusters[clusterIndex];
  const name = benchEntityName(0);
  const entityRef = `component:default/${name}`;
  const channel = `progressive-delivery:entity:${entityRef}`;
  const client = await SignalsClient.connect(
    session.backend.baseUrl,
    session.userToken,
  );
  try {
    client.subscribe(channel);
    // The plugin signals entities someone read recently: read it, as its page would.
    await ours(0);
    await sleep(1000);
    const samples: number[] = [];
    let lost = 0;
    for (let i = 0; i < changes; i++) {
      const rollout = cluster.store.get('Rollout', 'team-00', name);
      if (!rollout) throw new Error(`no Rollout ${name} in ${cluster.name}`);
      rollout.metadata.annotations = {
        ...rollout.metadata.annotations,
        'bench.pdelivery.dev/change': `${i}-${Date.now()}`,
      };
      const signal = client.next(channel, 5000);
      const t0 = performance.now();
      cluster.store.update(rollout);
      const at = await signal;
      if (at === undefined) lost++;
      else samples.push(at - t0);
      await sleep(250);
    }
    return {
      changes,
      received: samples.length,
      latency: latencyStats(samples, 0, lost),
      cluster: cluster.name,
      entityRef,
    };
  } finally {
    client.close();
  }
}

function phaseRow(label: string, p: PhaseResult | undefined): string[] {
  if (!p) return [label, '-', '-', '-', '-', '-', '-', '-', '-'];
  const l = p.latency;
  return [
    label,
    String(p.reads),
    formatMs(l.p50),
    formatMs(l.p95),
    formatMs(l.p99),
    `${l.errors}/${l.timeouts}`,
    String(p.clusterRequestsPerRead),
    String(p.clusterErrorsInResponses),
    p.loadavg1m.toFixed(1),
  ];
}

function ratioText(k: number | undefined, o: number | undefined) {
  const r = ratio(k, o);
  return r === undefined ? '-' : `${r}x`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  await mkdir(OUT_DIR, { recursive: true });
  const tmp = await mkdtemp(join(tmpdir(), 'pdelivery-bench-'));
  log(
    `options: ${options.clusters} clusters x ${options.rollouts} Rollouts, ${options.latencyMs} ms latency; memory run ${options.clusters} x ${options.memoryRollouts}`,
  );
  const results: Record<string, any> = {
    startedAt: startedAt.toISOString(),
    options,
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadavgAtStart: loadavg(),
    },
  };
  let sim: Simulator | undefined;
  let session: Session | undefined;
  try {
    // ---- main run: latency, cluster requests, signals, hang
    let t = Date.now();
    sim = await startSimulator({
      scenario: 'scale',
      clusters: options.clusters,
      rolloutsPerCluster: options.rollouts,
      latencyMs: options.latencyMs,
      firstPort: 0,
    });
    log(`simulator: ${sim.clusters.length} clusters in ${Date.now() - t} ms`);
    const catalogFile = await writeBenchCatalog(tmp, options.rollouts);
    session = await startSession({
      name: 'main',
      tmp,
      sim,
      catalogFile,
      entities: options.rollouts,
      waitForClusters: true,
    });
    const { ours, kubernetes, catalog } = readers(
      session,
      options.k8sTimeoutMs,
    );
    const n = options.rollouts;

    // warm-up (JIT, connection pools, the catalog's caches)
    for (let i = 0; i < 20; i++) await ours(i % n);
    for (let i = 0; i < 2; i++) await kubernetes(i % n);
    await sleep(1000);
    const rssMain = await sampleRss(session.backend, 3, 1000);
    log(`backend RSS (main run): ${rssMain.median} MiB`);

    const phases: Record<string, PhaseResult> = {};
    const run = async (
      key: string,
      route: PhaseResult['route'],
      read: Reader,
      readersCount: number,
      perReader: number,
      capMs: number,
    ) => {
      const p = await runPhase(sim!, route, read, n, {
        readers: readersCount,
        perReader,
        capMs,
      });
      phases[key] = p;
      log(
        `${key}: ${p.reads} reads, p50 ${formatMs(
          p.latency.p50,
        )}, p99 ${formatMs(p.latency.p99)}, errors ${
          p.latency.errors
        }, timeouts ${p.latency.timeouts}, cluster requests/read ${
          p.clusterRequestsPerRead
        }, failed clusters in responses ${p.clusterErrorsInResponses}${
          p.capped ? ' (capped)' : ''
        }${p.firstError ? `, first error: ${p.firstError}` : ''}`,
      );
      return p;
    };
    await run(
      'oursSequential',
      'progressive-delivery',
      ours,
      1,
      options.oursSequential,
      120_000,
    );
    await run(
      'oursConcurrent',
      'progressive-delivery',
      ours,
      options.readers,
      options.oursPerReader,
      120_000,
    );
    await run(
      'catalogReferenceSequential',
      'catalog',
      catalog,
      1,
      options.oursSequential,
      120_000,
    );
    await run(
      'kubernetesSequential',
      'kubernetes',
      kubernetes,
      1,
      options.k8sSequential,
      options.k8sPhaseCapMs,
    );
    await run(
      'kubernetesConcurrent',
      'kubernetes',
      kubernetes,
      options.readers,
      options.k8sPerReader,
      options.k8sPhaseCapMs,
    );
    const rssAfterReads = await session.backend.rssMiB();

    const signals = await measureSignals(
      sim,
      session,
      0,
      options.signalChanges,
      ours,
    );
    log(
      `signals: ${signals.received}/${signals.changes}, p50 ${formatMs(
        signals.latency.p50,
      )}, p95 ${formatMs(signals.latency.p95)}`,
    );

    let hang: Record<string, any> | undefined;
    if (!options.skipHang) {
      const hung = sim.clusters[0];
      hung.faults.setHang(true);
      // Open watches would keep streaming: end them, so the plugin's watchers reconnect into
      // the hang, as they would against a cluster that stopped answering.
      const closed = hung.faults.closeWatches();
      log(
        `hang: ${hung.name} accepts requests and never answers (${closed} watches ended)`,
      );
      await sleep(2000);
      const hangPhases: Record<string, PhaseResult> = {};
      const before = { ...phases };
      await run(
        'hangOursSequential',
        'progressive-delivery',
        ours,
        1,
        options.oursSequential,
        120_000,
      );
      await run(
        'hangOursConcurrent',
        'progressive-delivery',
        ours,
        options.readers,
        options.oursPerReader,
        120_000,
      );
      await run(
        'hangKubernetesSequential',
        'kubernetes',
        readers(session, options.k8sHangTimeoutMs).kubernetes,
        1,
        options.k8sHangReads,
        options.k8sPhaseCapMs,
      );
      for (const key of Object.keys(phases)) {
        if (!(key in before)) {
          hangPhases[key] = phases[key];
          delete phases[key];
        }
      }
      const hangSignals = await measureSignals(
        sim,
        session,
        Math.min(1, sim.clusters.length - 1),
        options.signalChanges,
        ours,
      );
      log(
        `hang signals (${hangSignals.cluster}): ${hangSignals.received}/${
          hangSignals.changes
        }, p95 ${formatMs(hangSignals.latency.p95)}`,
      );
      const { clusters } = await getJson<{ clusters: unknown[] }>(
        `${session.backend.baseUrl}/api/progressive-delivery/clusters`,
        BENCH_STATIC_TOKEN,
      );
      hung.faults.setHang(false);
      hang = {
        cluster: hung.name,
        phases: hangPhases,
        signals: hangSignals,
        clusterStatusesDuringHang: clusters,
        oursP99ChangePercent: {
          sequential: pctChange(
            hangPhases.hangOursSequential?.latency.p99,
            phases.oursSequential.latency.p99,
          ),
          concurrent: pctChange(
            hangPhases.hangOursConcurrent?.latency.p99,
            phases.oursConcurrent.latency.p99,
          ),
        },
      };
    }
    results.main = {
      clusters: options.clusters,
      rolloutsPerCluster: options.rollouts,
      latencyMs: options.latencyMs,
      backendPid: session.backend.pid,
      rssMiB: { afterSync: rssMain, afterReads: rssAfterReads },
      phases,
      ratios: {
        sequential: latencyRatios(
          phases.kubernetesSequential,
          phases.oursSequential,
        ),
        concurrent: latencyRatios(
          phases.kubernetesConcurrent,
          phases.oursConcurrent,
        ),
      },
      signals,
    };
    results.hang = hang;
    await session.backend.stop();
    session = undefined;
    await sim.stop();
    sim = undefined;

    // ---- memory run: the same backend without clusters, then with C x memoryRollouts
    if (!options.skipMemory) {
      const memCatalog = await writeBenchCatalog(tmp, options.memoryRollouts);
      const baseline = await startSession({
        name: 'memory-baseline',
        tmp,
        catalogFile: memCatalog,
        entities: options.memoryRollouts,
        waitForClusters: false,
      });
      session = baseline;
      await sleep(5000);
      const rssBaseline = await sampleRss(baseline.backend, 5, 1000);
      log(`memory: baseline RSS (no clusters) ${rssBaseline.median} MiB`);
      await baseline.backend.stop();
      session = undefined;

      t = Date.now();
      sim = await startSimulator({
        scenario: 'scale',
        clusters: options.clusters,
        rolloutsPerCluster: options.memoryRollouts,
        latencyMs: options.latencyMs,
        firstPort: 0,
      });
      const seedMs = Date.now() - t;
      const objects = sim.clusters.reduce((acc, c) => {
        for (const kind of [
          'Rollout',
          'ReplicaSet',
          'AnalysisRun',
          'Pod',
        ] as const) {
          acc[kind] = (acc[kind] ?? 0) + c.store.list(kind).length;
        }
        return acc;
      }, {} as Record<string, number>);
      log(
        `memory: simulator ${options.clusters} x ${
          options.memoryRollouts
        } seeded in ${seedMs} ms (${JSON.stringify(objects)})`,
      );
      const loadedStart = Date.now();
      const loaded = await startSession({
        name: 'memory-loaded',
        tmp,
        sim,
        catalogFile: memCatalog,
        entities: options.memoryRollouts,
        waitForClusters: true,
      });
      session = loaded;
      const syncMs = Date.now() - loadedStart;
      await sleep(5000);
      const rssLoaded = await sampleRss(loaded.backend, 5, 1000);
      const large = readers(loaded, options.k8sTimeoutMs);
      for (let i = 0; i < 20; i++) await large.ours(i);
      const largeReads = await runPhase(
        sim,
        'progressive-delivery',
        large.ours,
        options.memoryRollouts,
        { readers: 1, perReader: options.oursSequential, capMs: 60_000 },
      );
      const rssAfterReads500 = await loaded.backend.rssMiB();
      const delta =
        Math.round((rssLoaded.median - rssBaseline.median) * 10) / 10;
      log(
        `memory: loaded RSS ${
          rssLoaded.median
        } MiB, delta ${delta} MiB; our reads at this size p99 ${formatMs(
          largeReads.latency.p99,
        )}`,
      );
      results.memory = {
        clusters: options.clusters,
        rolloutsPerCluster: options.memoryRollouts,
        simulatorObjects: objects,
        seedMs,
        startToSyncedMs: syncMs,
        rssBaselineMiB: rssBaseline,
        rssLoadedMiB: rssLoaded,
        rssDeltaMiB: delta,
        rssAfterReadsMiB: rssAfterReads500,
        oursSequentialAtThisSize: largeReads,
      };
      await loaded.backend.stop();
      session = undefined;
      await sim.stop();
      sim = undefined;
    }

    results.targets = evaluateTargets(results);
    results.finishedAt = new Date().toISOString();
    results.durationMs = Date.now() - startedAt.getTime();
    results.environment.loadavgAtEnd = loadavg();
    printReport(results);
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const json = `${JSON.stringify(results, null, 2)}\n`;
    await writeFile(join(OUT_DIR, `results-${stamp}.json`), json);
    await writeFile(join(OUT_DIR, 'latest.json'), json);
    log(`wrote .bench/results-${stamp}.json and .bench/latest.json`);
  } finally {
    if (session) await session.backend.stop().catch(() => undefined);
    if (sim) await sim.stop().catch(() => undefined);
    killAllStartedSync();
    await rm(tmp, { recursive: true, force: true });
  }
}

function pctChange(
  after: number | undefined,
  before: number | undefined,
): number | undefined {
  if (after === undefined || before === undefined || before === 0)
    return undefined;
  return Math.round(((after - before) / before) * 1000) / 10;
}

function latencyRatios(k?: PhaseResult, o?: PhaseResult) {
  return {
    p50: ratio(k?.latency.p50, o?.latency.p50),
    p95: ratio(k?.latency.p95, o?.latency.p95),
    p99: ratio(k?.latency.p99, o?.latency.p99),
  };
}

function evaluateTargets(r: Record<string, any>) {
  const p = r.main?.phases ?? {};
  const check = (value: number | undefined, ok: (v: number) => boolean) =>
    value === undefined ? { value, met: false } : { value, met: ok(value) };
  return {
    oursP99SequentialLe25ms: check(p.oursSequential?.latency.p99, v => v <= 25),
    oursP99ConcurrentLe25ms: check(p.oursConcurrent?.latency.p99, v => v <= 25),
    p99RatioSequentialGe20: check(r.main?.ratios.sequential.p99, v => v >= 20),
    p99RatioConcurrentGe20: check(r.main?.ratios.concurrent.p99, v => v >= 20),
    zeroClusterRequestsPerRead: check(
      Math.max(
        p.oursSequential?.clusterRequestsPerRead ?? Infinity,
        p.oursConcurrent?.clusterRequestsPerRead ?? Infinity,
      ),
      v => v === 0,
    ),
    signalP95Le1s: check(r.main?.signals.latency.p95, v => v <= 1000),
    hangOursP99Within10Percent: check(
      r.hang
        ? Math.max(
            r.hang.oursP99ChangePercent.sequential ?? Infinity,
            r.hang.oursP99ChangePercent.concurrent ?? Infinity,
          )
        : undefined,
      v => v <= 10,
    ),
    memoryDeltaLe256MiB: check(r.memory?.rssDeltaMiB, v => v <= 256),
  };
}

function printReport(r: Record<string, any>) {
  const m = r.main;
  const p = m.phases as Record<string, PhaseResult>;
  const h = (r.hang?.phases ?? {}) as Record<string, PhaseResult>;
  console.log('');
  console.log(
    `Entity read, ${m.clusters} clusters x ${m.rolloutsPerCluster} Rollouts, ${m.latencyMs} ms cluster latency (node ${r.environment.node}, ${r.environment.cpus} CPUs)`,
  );
  console.log(
    renderTable(
      [
        'route / mode',
        'reads',
        'p50',
        'p95',
        'p99',
        'err/timeout',
        'cluster req/read',
        'failed clusters',
        'host load',
      ],
      [
        phaseRow('progressive-delivery, sequential', p.oursSequential),
        phaseRow(
          `progressive-delivery, ${m.phases.oursConcurrent.readers} concurrent`,
          p.oursConcurrent,
        ),
        phaseRow(
          '(reference) catalog entity GET, sequential',
          p.catalogReferenceSequential,
        ),
        phaseRow('kubernetes plugin, sequential', p.kubernetesSequential),
        phaseRow(
          `kubernetes plugin, ${p.kubernetesConcurrent.readers} concurrent`,
          p.kubernetesConcurrent,
        ),
        ...(r.hang
          ? [
              phaseRow(
                `[${r.hang.cluster} hanging] progressive-delivery, sequential`,
                h.hangOursSequential,
              ),
              phaseRow(
                `[${r.hang.cluster} hanging] progressive-delivery, concurrent`,
                h.hangOursConcurrent,
              ),
              phaseRow(
                `[${r.hang.cluster} hanging] kubernetes plugin, sequential`,
                h.hangKubernetesSequential,
              ),
            ]
          : []),
      ],
    ),
  );
  console.log('');
  console.log('Ratios (kubernetes plugin / progressive-delivery)');
  console.log(
    renderTable(
      ['mode', 'p50', 'p95', 'p99'],
      (['Sequential', 'Concurrent'] as const).map(mode => {
        const k8s = p[`kubernetes${mode}`].latency;
        const ours = p[`ours${mode}`].latency;
        return [
          mode.toLowerCase(),
          ratioText(k8s.p50, ours.p50),
          ratioText(k8s.p95, ours.p95),
          ratioText(k8s.p99, ours.p99),
        ];
      }),
    ),
  );
  console.log('');
  const s = m.signals as SignalResult;
  const rows: string[][] = [
    ['backend RSS after sync (main run)', `${m.rssMiB.afterSync.median} MiB`],
    ['backend RSS after the read phases', `${m.rssMiB.afterReads} MiB`],
    [
      `change -> signal (${s.received}/${s.changes} received)`,
      `p50 ${formatMs(s.latency.p50)}, p95 ${formatMs(
        s.latency.p95,
      )}, max ${formatMs(s.latency.max)}`,
    ],
  ];
  if (r.hang) {
    const hs = r.hang.signals as SignalResult;
    rows.push(
      [
        `change -> signal, ${r.hang.cluster} hanging (${hs.received}/${hs.changes})`,
        `p50 ${formatMs(hs.latency.p50)}, p95 ${formatMs(hs.latency.p95)}`,
      ],
      [
        'our p99 with a hanging cluster vs without',
        `sequential ${fmtPct(
          r.hang.oursP99ChangePercent.sequential,
        )}, concurrent ${fmtPct(r.hang.oursP99ChangePercent.concurrent)}`,
      ],
    );
  }
  if (r.memory) {
    const mem = r.memory;
    rows.push(
      [
        `RSS, ${mem.clusters} x ${mem.rolloutsPerCluster} Rollouts vs no clusters`,
        `${mem.rssLoadedMiB.median} - ${mem.rssBaselineMiB.median} = ${mem.rssDeltaMiB} MiB`,
      ],
      [
        `our read p50/p99 at ${mem.clusters} x ${mem.rolloutsPerCluster}`,
        `${formatMs(mem.oursSequentialAtThisSize.latency.p50)} / ${formatMs(
          mem.oursSequentialAtThisSize.latency.p99,
        )}`,
      ],
    );
  }
  console.log(renderTable(['measure', 'value'], rows));
  console.log('');
  const loads = [...Object.values(p), ...Object.values(h)].map(
    phase => phase.loadavg1m,
  );
  const maxLoad = Math.max(...loads);
  if (maxLoad > r.environment.cpus) {
    console.log(
      `Note: the host's load average reached ${maxLoad.toFixed(1)} on ${
        r.environment.cpus
      } CPUs during the read phases: other processes competed for the CPUs, so latencies (above all the tails) are upper bounds.`,
    );
    console.log('');
  }
  console.log('Targets (measured, not asserted)');
  console.log(
    renderTable(
      ['target', 'value', 'met'],
      Object.entries(
        r.targets as Record<string, { value?: number; met: boolean }>,
      ).map(([k, v]) => [
        k,
        v.value === undefined ? '-' : String(v.value),
        v.met ? 'yes' : 'no',
      ]),
    ),
  );
}

function fmtPct(v: number | undefined) {
  return v === undefined ? '-' : `${v > 0 ? '+' : ''}${v}%`;
}

process.on('exit', killAllStartedSync);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllStartedSync();
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    killAllStartedSync();
    process.exit(1);
  },
);
