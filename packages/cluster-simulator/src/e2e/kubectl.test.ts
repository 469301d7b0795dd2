/**
 * kubectl (an independent, real client) against the simulator over TLS with bearer tokens.
 * The machine image ships /usr/bin/kubectl; this suite fails loudly if it is missing.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, Simulator, SimulatedCluster } from '../startSimulator';
import type { KubeObject } from '../types';

jest.setTimeout(60_000);

const KUBECTL = '/usr/bin/kubectl';

function rollout(namespace: string, name: string, replicas = 2): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace, labels: { app: name } },
    spec: { replicas, paused: false },
    status: { phase: 'Healthy' },
  };
}

/** Splits concatenated pretty-printed JSON documents (kubectl -w -o json output). */
function jsonDocuments(text: string): { docs: any[]; rest: string } {
  const docs: any[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let consumed = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) {
        docs.push(JSON.parse(text.slice(start, i + 1)));
        consumed = i + 1;
      }
    }
  }
  return { docs, rest: text.slice(consumed) };
}

describe('kubectl against the simulator (TLS + token)', () => {
  let sim: Simulator;
  let cluster: SimulatedCluster;
  let dir: string;
  let baseArgs: (token?: string) => string[];

  beforeAll(async () => {
    if (!existsSync(KUBECTL)) {
      throw new Error(
        `${KUBECTL} not found: the kubectl suite needs the kubectl binary of the machine image`,
      );
    }
    sim = await startSimulator({
      scenario: 'empty',
      tls: true,
      controller: false,
    });
    cluster = sim.clusters[0];
    for (const ns of ['team-a', 'team-b']) {
      cluster.store.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    }
    cluster.store.create(rollout('team-a', 'web'));
    cluster.store.create(rollout('team-b', 'api'));
    dir = await mkdtemp(join(tmpdir(), 'kubectl-sim-'));
    const caFile = join(dir, 'ca.crt');
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(caFile, sim.caPem!);
    // An empty kubeconfig: the test must not read the user's ~/.kube/config.
    await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\n');
    baseArgs = (token = cluster.tokens.readWrite) => [
      `--kubeconfig=${kubeconfig}`,
      `--server=${cluster.url}`,
      `--certificate-authority=${caFile}`,
      `--token=${token}`,
      `--cache-dir=${join(dir, 'cache')}`,
      '--request-timeout=15s',
    ];
  });

  afterAll(async () => {
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function kubectl(
    args: string[],
    token?: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise(resolve => {
      execFile(
        KUBECTL,
        [...baseArgs(token), ...args],
        { timeout: 30_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? (err as any).code ?? 1 : 0, stdout, stderr });
        },
      );
    });
  }

  it('lists Rollouts across namespaces, by short name and as JSON', async () => {
    const all = await kubectl(['get', 'rollouts.argoproj.io', '-A']);
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/team-a\s+web/);
    expect(all.stdout).toMatch(/team-b\s+api/);
    const ro = await kubectl(['get', 'ro', '-n', 'team-a']);
    // server-side printing: the Rollout CRD's columns, as on a real cluster
    expect(ro.stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\s+/,
    );
    const json = await kubectl([
      'get',
      'ro',
      'web',
      '-n',
      'team-a',
      '-o',
      'json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'Rollout',
      metadata: { name: 'web', namespace: 'team-a' },
      spec: { replicas: 2 },
    });
  });

  it('watches with -w --output-watch-events -o json', async () => {
    let child: ChildProcess | undefined;
    try {
      child = spawn(KUBECTL, [
        ...baseArgs(),
        'get',
        'ro',
        '-n',
        'team-a',
        '-w',
        '--output-watch-events',
        '-o',
        'json',
      ]);
      let buffer = '';
      const events: any[] = [];
      let waiting: (() => void) | undefined;
      child.stdout!.on('data', (d: Buffer) => {
        const { docs, rest } = jsonDocuments(buffer + d.toString());
        buffer = rest;
        events.push(...docs);
        waiting?.();
      });
      const waitFor = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `kubectl printed ${events.length} events, wanted ${n}`,
                ),
              ),
            20_000,
          );
          waiting = () => {
            if (events.length >= n) {
              clearTimeout(timer);
              resolve();
            }
          };
          waiting();
        });
      await waitFor(1);
      const web = cluster.store.get('Rollout', 'team-a', 'web')!;
      cluster.store.update({
        ...web,
        metadata: { ...web.metadata, labels: { app: 'web', watched: 'yes' } },
      });
      await waitFor(2);
      expect(events[0]).toMatchObject({
        type: 'ADDED',
        object: { metadata: { name: 'web' } },
      });
      expect(events[1]).toMatchObject({
        type: 'MODIFIED',
        object: { metadata: { name: 'web', labels: { watched: 'yes' } } },
      });
      const watch = cluster.requestLog().find(e => e.watch);
      expect(watch).toMatchObject({
        status: 200,
        userAgent: expect.stringMatching(/^kubectl\//),
        query: expect.objectContaining({ watch: 'true' }),
      });
      expect(watch!.query.resourceVersion).toMatch(/^\d+$/);
    } finally {
      child?.kill();
    }
  });

  it('watches with -w as a table (server-side printing in watch events)', async () => {
    let child: ChildProcess | undefined;
    try {
      child = spawn(KUBECTL, [
        ...baseArgs(),
        'get',
        'ro',
        '-n',
        'team-b',
        '-w',
      ]);
      let out = '';
      const lines = () => out.split('\n').filter(l => l.trim() !== '');
      const waitForLines = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`kubectl printed: ${out}`)),
            20_000,
          );
          const check = () => {
            if (lines().length >= n) {
              clearTimeout(timer);
              resolve();
            }
          };
          child!.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            check();
          });
          check();
        });
      await waitForLines(2);
      cluster.store.update(rollout('team-b', 'api', 7));
      await waitForLines(3);
      expect(lines()[0]).toMatch(
        /^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/,
      );
      expect(lines()[1]).toMatch(/^api\s+2\s/);
      expect(lines()[2]).toMatch(/^api\s+7\s/);
    } finally {
      child?.kill();
    }
  });

  it('merge-patches a Rollout (and reports a no-op patch)', async () => {
    const r = await kubectl([
      'patch',
      'ro',
      'web',
      '-n',
      'team-a',
      '--type',
      'merge',
      '-p',
      '{"spec":{"replicas":5}}',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rollout.argoproj.io/web patched');
    expect(cluster.store.get('Rollout', 'team-a', 'web')!.spec.replicas).toBe(
      5,
    );
    const again = await kubectl([
      'patch',
      'ro',
      'web',
      '-n',
      'team-a',
      '--type',
      'merge',
      '-p',
      '{"spec":{"replicas":5}}',
    ]);
    expect(again.stdout.trim()).toBe(
      'rollout.argoproj.io/web patched (no change)',
    );
    // status is ignored on the main resource
    const status = await kubectl([
      'patch',
      'ro',
      'web',
      '-n',
      'team-a',
      '--type',
      'merge',
      '-p',
      '{"status":{"phase":"Degraded"}}',
    ]);
    expect(status.stdout.trim()).toBe(
      'rollout.argoproj.io/web patched (no change)',
    );
  });

  it('patches the status subresource', async () => {
    const r = await kubectl([
      'patch',
      'ro',
      'web',
      '-n',
      'team-a',
      '--subresource=status',
      '--type',
      'merge',
      '-p',
      '{"status":{"phase":"Paused"},"spec":{"replicas":9}}',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rollout.argoproj.io/web patched');
    const web = cluster.store.get('Rollout', 'team-a', 'web')!;
    expect(web.status.phase).toBe('Paused');
    expect(web.spec.replicas).toBe(5);
  });

  it('gets UnsupportedMediaType for a strategic merge patch on a custom resource', async () => {
    const r = await kubectl([
      'patch',
      'ro',
      'web',
      '-n',
      'team-a',
      '-p',
      '{"spec":{"replicas":1}}',
    ]);
    expect(r.code).not.toBe(0);
    // kubectl rewords a 415 UnsupportedMediaType Status as "<type> is not supported by <kind>"
    expect(r.stderr).toContain(
      'application/strategic-merge-patch+json is not supported by argoproj.io/v1alpha1, Kind=Rollout',
    );
    expect(r.stderr).toContain(
      'the body of the request was in an unknown format',
    );
    expect(
      cluster.requestLog().some(e => e.method === 'PATCH' && e.status === 415),
    ).toBe(true);
  });

  it('is Forbidden to write with the read-only token, but may read', async () => {
    const read = await kubectl(
      ['get', 'ro', '-n', 'team-a'],
      cluster.tokens.readOnly,
    );
    expect(read.stdout).toContain('web');
    const r = await kubectl(
      [
        'patch',
        'ro',
        'web',
        '-n',
        'team-a',
        '--type',
        'merge',
        '-p',
        '{"spec":{"replicas":1}}',
      ],
      cluster.tokens.readOnly,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'Error from server (Forbidden): rollouts.argoproj.io "web" is forbidden: User "simulator:read-only" cannot patch resource "rollouts"',
    );
  });

  it('creates, applies and deletes from a manifest (needs OpenAPI v3 discovery)', async () => {
    const manifest = (replicas: number) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: fromfile\n  namespace: team-a\nspec:\n  replicas: ${replicas}\n`;
    const file = join(dir, 'rollout.yaml');
    await writeFile(file, manifest(2));
    const created = await kubectl(['create', '-f', file]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('rollout.argoproj.io/fromfile created');
    await writeFile(file, manifest(4));
    const applied = await kubectl(['apply', '-f', file]);
    expect(applied.stdout.trim()).toBe(
      'rollout.argoproj.io/fromfile configured',
    );
    const obj = cluster.store.get('Rollout', 'team-a', 'fromfile')!;
    expect(obj.spec.replicas).toBe(4);
    expect(obj.metadata.generation).toBe(2);
    const deleted = await kubectl(['delete', '-f', file]);
    expect(deleted.stdout.trim()).toBe(
      'rollout.argoproj.io "fromfile" deleted',
    );
    expect(cluster.store.get('Rollout', 'team-a', 'fromfile')).toBeUndefined();
  });

  it('scales a Rollout through the scale subresource', async () => {
    const r = await kubectl([
      'scale',
      'ro',
      'api',
      '-n',
      'team-b',
      '--replicas',
      '6',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rollout.argoproj.io/api scaled');
    expect(cluster.store.get('Rollout', 'team-b', 'api')!.spec.replicas).toBe(
      6,
    );
  });

  it('is Unauthorized with a wrong token', async () => {
    const r = await kubectl(['get', 'ro', '-A'], 'wrong-token');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: You must be logged in to the server (Unauthorized)',
    );
  });

  it('gets NotFound for a missing Rollout', async () => {
    const r = await kubectl(['get', 'ro', 'nope', '-n', 'team-a']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(
      'Error from server (NotFound): rollouts.argoproj.io "nope" not found',
    );
    const p = await kubectl([
      'patch',
      'ro',
      'nope',
      '-n',
      'team-a',
      '--type',
      'merge',
      '-p',
      '{}',
    ]);
    expect(p.stderr.trim()).toBe(
      'Error from server (NotFound): rollouts.argoproj.io "nope" not found',
    );
  });
});
