/**
 * Runs `packages/backend` as a child process for the benchmark: started with
 * `node --require @backstage/cli/config/nodeTransform.cjs src/index.ts --config ...`, so the
 * child's PID is the backend itself (its RSS is what we measure), and stopped by that PID.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface BackendProcess {
  pid: number;
  baseUrl: string;
  /** Resident set size of the backend process in MiB, from /proc/<pid>/status. */
  rssMiB(): Promise<number>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  exited(): boolean;
}

/** A free loopback port (bound to 0 and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every child the benchmark started and has not stopped yet (stopped on exit, by PID). */
const running = new Set<ChildProcess>();

export function killAllStartedSync(): void {
  for (const child of running) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

export async function startBackend(options: {
  repoRoot: string;
  configFiles: string[];
  port: number;
  logFile: string;
  env?: Record<string, string>;
}): Promise<BackendProcess> {
  const backendDir = join(options.repoRoot, 'packages', 'backend');
  // e.g. BENCH_BACKEND_NODE_ARGS=--cpu-prof to profile the backend
  const nodeArgs = (process.env.BENCH_BACKEND_NODE_ARGS ?? '')
    .split(' ')
    .filter(Boolean);
  const args = [
    ...nodeArgs,
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs', {
      paths: [backendDir],
    }),
    'src/index.ts',
    ...options.configFiles.flatMap(f => ['--config', f]),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Like a deployed backend (the bench config allows the guest provider outside development).
  delete env.NODE_ENV;
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, args, {
    cwd: backendDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!child.pid) throw new Error('could not start the backend');
  running.add(child);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exit = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const pid = child.pid;

  return {
    pid,
    baseUrl: `http://127.0.0.1:${options.port}`,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async rssMiB() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
      if (!Number.isFinite(kb)) throw new Error(`no VmRSS for ${pid}`);
      return Math.round((kb / 1024) * 10) / 10;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) {
            process.kill(pid, 'SIGKILL');
          }
        }, graceMs);
        await exit;
        clearTimeout(timer);
      }
      running.delete(child);
      log.end();
    },
  };
}
