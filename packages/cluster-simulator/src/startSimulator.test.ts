import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ManualClock } from './clock';
import { Simulator, startSimulator } from './startSimulator';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>(r => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise(r => s.close(r));
  return port;
}

function get(
  url: string,
  token: string,
  ca?: string,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      { ca, headers: { authorization: `Bearer ${token}` }, timeout: 5000 },
      res => {
        let body = '';
        res.on('data', d => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) }),
        );
      },
    );
    req.on('error', reject);
  });
}

describe('startSimulator', () => {
  let sim: Simulator | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-'));
  });
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the demo clusters with seeded Rollouts and a kubeconfig file', async () => {
    const kubeconfigPath = join(dir, 'kubeconfig');
    sim = await startSimulator({
      scenario: 'demo',
      kubeconfigPath,
      clock: new ManualClock(),
    });
    expect(sim.clusters.map(c => c.name)).toEqual([
      'eu-prod',
      'us-prod',
      'staging',
    ]);
    expect(new Set(sim.clusters.map(c => c.url)).size).toBe(3);
    for (const c of sim.clusters) {
      expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${c.url}/apis/argoproj.io/v1alpha1/rollouts`, {
        headers: { authorization: `Bearer ${c.tokens.readWrite}` },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).items.length).toBeGreaterThan(0);
      expect(c.controller).toBeDefined();
    }
    const file = await readFile(kubeconfigPath, 'utf8');
    expect(file).toBe(sim.kubeconfig);
    expect((await stat(kubeconfigPath)).mode & 0o777).toBe(0o600);
    const config = yaml.load(file) as any;
    expect(config.contexts.map((x: any) => x.name)).toEqual([
      'eu-prod',
      'us-prod',
      'staging',
    ]);
    expect(config.clusters[0].cluster.server).toBe(sim.clusters[0].url);
  });

  it('names scale clusters cluster-01.. and seeds rolloutsPerCluster Rollouts', async () => {
    sim = await startSimulator({
      scenario: 'scale',
      clusters: 2,
      rolloutsPerCluster: 3,
      clock: new ManualClock(),
    });
    expect(sim.clusters.map(c => c.name)).toEqual(['cluster-01', 'cluster-02']);
    expect(sim.clusters[1].store.list('Rollout')).toHaveLength(3);
  });

  it('starts empty clusters with the system namespaces, no controller on request, and initial latency', async () => {
    sim = await startSimulator({
      scenario: 'empty',
      controller: false,
      latencyMs: 5,
    });
    const [c] = sim.clusters;
    expect(c.name).toBe('cluster-01');
    expect(c.controller).toBeUndefined();
    expect(c.store.list('Namespace').map(n => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(c.faults.state.latencyMs).toBe(5);
    c.clearRequestLog();
    await fetch(`${c.url}/api/v1/namespaces`, {
      headers: { authorization: `Bearer ${c.tokens.readOnly}` },
    });
    expect(c.requestLog()).toEqual([
      expect.objectContaining({ path: '/api/v1/namespaces', status: 200 }),
    ]);
  });

  it('serves TLS with a generated CA on the requested first port', async () => {
    const port = await freePort();
    sim = await startSimulator({
      scenario: 'empty',
      tls: true,
      firstPort: port,
      tokens: { readWrite: 'secret' },
    });
    const [c] = sim.clusters;
    expect(c.url).toBe(`https://127.0.0.1:${port}`);
    expect(sim.caPem).toContain('BEGIN CERTIFICATE');
    const r = await get(
      `${c.url}/api/v1/namespaces/default`,
      'secret',
      sim.caPem,
    );
    expect(r.status).toBe(200);
    await expect(get(`${c.url}/version`, 'secret')).rejects.toThrow(
      /self.signed|certificate/i,
    );
    const config = yaml.load(sim.kubeconfig) as any;
    expect(
      Buffer.from(
        config.clusters[0].cluster['certificate-authority-data'],
        'base64',
      ).toString(),
    ).toBe(sim.caPem);
    expect(config.users[0].user.token).toBe('secret');
  });

  it('stops every server (idempotently)', async () => {
    sim = await startSimulator({
      scenario: 'empty',
      clusters: 2,
      controller: false,
    });
    const url = sim.clusters[1].url;
    await sim.stop();
    await sim.stop();
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  });

  it('rejects a bad cluster count', async () => {
    await expect(
      startSimulator({ scenario: 'empty', clusters: 0 }),
    ).rejects.toThrow(/clusters/);
  });
});
