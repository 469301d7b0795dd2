import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';

jest.setTimeout(60_000);

describe('cli', () => {
  it('prints cluster URLs and tokens, writes the kubeconfig and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        resolve(__dirname, 'cli.ts'),
        '--scenario',
        'empty',
        '--port',
        '0',
        '--clusters',
        '2',
        '--kubeconfig',
        kubeconfig,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`CLI printed: ${out}`)),
          45_000,
        );
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('kubeconfig')) {
            clearTimeout(timer);
            ok();
          }
        });
        child.on('exit', code =>
          fail(new Error(`CLI exited with ${code}: ${out}`)),
        );
      });
      const urls = [
        ...out.matchAll(/^(cluster-0[12])\t(http:\/\/127\.0\.0\.1:\d+)$/gm),
      ];
      expect(urls.map(m => m[1])).toEqual(['cluster-01', 'cluster-02']);
      expect(out).toContain('read-write "simulator-read-write-token"');
      const config = yaml.load(await readFile(kubeconfig, 'utf8')) as any;
      expect(config.clusters.map((c: any) => c.cluster.server)).toEqual(
        urls.map(m => m[2]),
      );
      const res = await fetch(`${urls[0][2]}/version`);
      expect(res.status).toBe(200);
      const exited = new Promise<number | null>(r =>
        child.on('exit', code => r(code)),
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits with 2 and the usage on a bad flag', async () => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        resolve(__dirname, 'cli.ts'),
        '--scenario',
        'prod',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>(r =>
      child.on('exit', c => r(c)),
    );
    expect(code).toBe(2);
    expect(err).toContain('--scenario must be demo, scale or empty');
    expect(err).toContain('Usage: yarn simulator');
  });
});
