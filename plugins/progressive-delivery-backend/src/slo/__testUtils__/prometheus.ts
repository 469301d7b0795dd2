/*
 * A real Prometheus (Debian package `prometheus`, which also ships `promtool`) for the SLO
 * integration tests: deterministic history backfilled with `promtool tsdb create-blocks-from
 * openmetrics`, servers on loopback ports, a tiny live exporter. Every process started here is
 * stopped by PID.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's paths; overridable (PD_PROMETHEUS_BIN, PD_PROMTOOL_BIN) to test the missing case. */
export const PROMETHEUS_BIN =
  process.env.PD_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PD_PROMTOOL_BIN ?? '/usr/bin/promtool';

/**
 * True when Prometheus and promtool are installed. When they are not: throws if
 * `PD_REQUIRE_PROMETHEUS=1` (CI must not skip silently), else prints a note and returns false.
 */
export function prometheusAvailable(): boolean {
  const missing = [PROMETHEUS_BIN, PROMTOOL_BIN].filter(p => !existsSync(p));
  if (missing.length === 0) return true;
  const message = `Prometheus is not installed (${missing.join(
    ', ',
  )} missing); install it with: bash scripts/install-debian.sh prometheus`;
  if (process.env.PD_REQUIRE_PROMETHEUS === '1') {
    throw new Error(`PD_REQUIRE_PROMETHEUS=1: ${message}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping the Prometheus SLO tests: ${message}`);
  return false;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', d => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`),
          ),
    );
  });
}

/** One series of the fixture: its value at minute index k (0..minutes). */
export interface FixtureSeries {
  labels: Record<string, string>;
  value(k: number): number;
  /** Only minutes from here on are written (default 0). */
  from?: number;
}

export interface FixtureFamily {
  name: string;
  type: 'counter' | 'gauge' | 'unknown';
  series: FixtureSeries[];
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(
    ([k, v]) =>
      `${k}="${v
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\n/g, '\\n')}"`,
  );
  return `{${parts.join(',')}}`;
}

/**
 * Writes 1-minute samples at `end - 60 * (minutes - k)` for k = 0..minutes as OpenMetrics, one file
 * per UTC day (promtool re-reads its input per 2h block, so small files are much faster), and
 * turns them into TSDB blocks in `dataDir`, two promtool processes at a time.
 */
export async function backfill(options: {
  dir: string;
  dataDir: string;
  end: number;
  minutes: number;
  families: FixtureFamily[];
}): Promise<void> {
  const { dir, dataDir, end, minutes, families } = options;
  const start = end - minutes * 60;
  const files: string[] = [];
  for (let from = 0; from <= minutes; from += 1440) {
    const to = Math.min(from + 1440, minutes + 1);
    const lines: string[] = [];
    for (const family of families) {
      const familyLines: string[] = [];
      const sampleName =
        family.type === 'counter' ? `${family.name}_total` : family.name;
      for (const series of family.series) {
        const labels = labelText(series.labels);
        for (let k = Math.max(from, series.from ?? 0); k < to; k++) {
          familyLines.push(
            `${sampleName}${labels} ${series.value(k)} ${start + k * 60}`,
          );
        }
      }
      if (familyLines.length > 0) {
        lines.push(`# TYPE ${family.name} ${family.type}`, ...familyLines);
      }
    }
    lines.push('# EOF', '');
    const file = join(dir, `day-${String(from / 1440).padStart(2, '0')}.om`);
    await writeFile(file, lines.join('\n'));
    files.push(file);
  }
  await mkdir(dataDir, { recursive: true });
  const queue = [...files];
  await Promise.all(
    [0, 1].map(async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        await run(PROMTOOL_BIN, [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          '-q',
          file,
          dataDir,
        ]);
      }
    }),
  );
}

export interface RunningPrometheus {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus on a free loopback port with the given config (and rule files), waits until
 * `/-/ready`, and returns how to stop it (SIGTERM to its PID, SIGKILL after 5 s).
 */
export async function startPrometheus(options: {
  dir: string;
  dataDir: string;
  /** prometheus.yml without `rule_files`. */
  config: string;
  /** Rule files' contents (YAML or JSON), written next to the config. */
  rules?: string[];
}): Promise<RunningPrometheus> {
  const port = await freePort();
  const ruleFiles: string[] = [];
  for (const [i, rules] of (options.rules ?? []).entries()) {
    const file = join(options.dir, `rules-${i}.yml`);
    await writeFile(file, rules);
    ruleFiles.push(file);
  }
  const configFile = join(options.dir, 'prometheus.yml');
  await writeFile(
    configFile,
    `${options.config}\n${
      ruleFiles.length > 0
        ? `rule_files:\n${ruleFiles.map(f => `  - ${f}`).join('\n')}\n`
        : ''
    }`,
  );
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      // Retention counts from the newest block: the default 15d would delete the backfill.
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', d => {
    log = (log + String(d)).slice(-8000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited ${child.exitCode}: ${log}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready within 20s: ${log}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, stop };
}

export async function tempDir(prefix: string): Promise<{
  path: string;
  remove(): Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A live exporter on loopback: `http_requests_total{track, code}` for a stable and a canary track.
 * Each scrape adds 1000 requests per track, of which `errorRatio * 1000` (rounded) fail, so the
 * error ratios Prometheus computes are exact.
 */
export interface LiveExporter {
  port: number;
  errorRatio: Record<'stable' | 'canary', number>;
  scrapes: number;
  stop(): Promise<void>;
}

export async function startExporter(): Promise<LiveExporter> {
  const counters = {
    stable: { ok: 0, errors: 0 },
    canary: { ok: 0, errors: 0 },
  };
  const state = {
    errorRatio: { stable: 0.001, canary: 0.001 },
    scrapes: 0,
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    state.scrapes++;
    const lines = ['# TYPE http_requests_total counter'];
    for (const track of ['stable', 'canary'] as const) {
      const errors = Math.round(1000 * state.errorRatio[track]);
      counters[track].errors += errors;
      counters[track].ok += 1000 - errors;
      lines.push(
        `http_requests_total{track="${track}",code="200"} ${counters[track].ok}`,
        `http_requests_total{track="${track}",code="500"} ${counters[track].errors}`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get errorRatio() {
      return state.errorRatio;
    },
    get scrapes() {
      return state.scrapes;
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
