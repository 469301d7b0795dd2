import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { publishLocalAction } from './publishLocal';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
    },
  }).trim();

describe('progressive-delivery:publish:local', () => {
  const workspace = createMockDirectory();
  const publishRoot = createMockDirectory();

  beforeEach(() => {
    workspace.setContent({
      'catalog-info.yaml': 'kind: Component\n',
      'kubernetes/rollout.yaml': 'kind: Rollout\n',
      '.git/HEAD': 'ref: refs/heads/hostile\n',
    });
    publishRoot.clear();
  });

  const config = (root?: string) =>
    mockServices.rootConfig({
      data: root
        ? { progressiveDelivery: { scaffolder: { localPublishRoot: root } } }
        : {},
    });

  async function publish(
    input: Record<string, unknown>,
    options: {
      root?: string | null;
      gitBinary?: string;
      dryRun?: boolean;
    } = {},
  ) {
    const run = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      isDryRun: options.dryRun,
    });
    const action = publishLocalAction({
      config: config(
        options.root === null ? undefined : options.root ?? publishRoot.path,
      ),
      gitBinary: options.gitBinary,
    });
    await action.handler(run.ctx);
    return run.outputs;
  }

  it('copies the workspace into a folder under the root', async () => {
    const out = await publish({ repoName: 'checkout-v2' });
    const target = path.join(publishRoot.path, 'checkout-v2');
    expect(out.path).toBe(target);
    expect(out.catalogInfoPath).toBe(path.join(target, 'catalog-info.yaml'));
    expect(out.remoteUrl).toBeUndefined();
    expect(
      fs.readFileSync(path.join(target, 'kubernetes/rollout.yaml'), 'utf8'),
    ).toBe('kind: Rollout\n');
    // the workspace's own .git folder is never published
    expect(fs.existsSync(path.join(target, '.git'))).toBe(false);
  });

  it('with git: true creates a local repository on main with one commit by the scaffolder', async () => {
    const out = await publish({
      repoName: 'checkout-v2',
      git: true,
      commitMessage: 'Create checkout-v2',
    });
    const target = path.join(publishRoot.path, 'checkout-v2');
    expect(out.remoteUrl).toBe(`file://${target}`);
    expect(out.defaultBranch).toBe('main');
    expect(git(target, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(target, 'log', '--format=%H|%an <%ae>|%cn <%ce>|%s')).toBe(
      `${out.commitHash}|Progressive Delivery Scaffolder <scaffolder@localhost>|Progressive Delivery Scaffolder <scaffolder@localhost>|Create checkout-v2`,
    );
    expect(git(target, 'ls-files').split('\n')).toEqual([
      'catalog-info.yaml',
      'kubernetes/rollout.yaml',
    ]);
    expect(git(target, 'status', '--porcelain')).toBe('');

    // the remote URL is one git itself can clone from
    const clone = createMockDirectory();
    git(clone.path, 'clone', '--quiet', out.remoteUrl, 'copy');
    expect(
      fs.readFileSync(path.join(clone.path, 'copy/catalog-info.yaml'), 'utf8'),
    ).toBe('kind: Component\n');
  });

  it('with overwrite adds a commit on top of the history, and none when nothing changed', async () => {
    const first = await publish({ repoName: 'cart-rollout', git: true });
    const target = path.join(publishRoot.path, 'cart-rollout');
    workspace.setContent({ 'kubernetes/rollout.yaml': 'kind: Rollout # v2\n' });
    const second = await publish({
      repoName: 'cart-rollout',
      git: true,
      overwrite: true,
    });
    expect(second.commitHash).not.toBe(first.commitHash);
    expect(git(target, 'rev-list', '--count', 'HEAD')).toBe('2');
    // files that are no longer generated are removed in the new commit
    expect(git(target, 'ls-files')).toBe('kubernetes/rollout.yaml');

    const third = await publish({
      repoName: 'cart-rollout',
      git: true,
      overwrite: true,
    });
    expect(third.commitHash).toBe(second.commitHash);
    expect(git(target, 'rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('refuses an existing folder without overwrite', async () => {
    await publish({ repoName: 'checkout-v2' });
    await expect(publish({ repoName: 'checkout-v2' })).rejects.toThrow(
      /exists already; choose another name/,
    );
  });

  it.each([
    '..',
    '../escape',
    '/etc',
    '/tmp/absolute',
    '.hidden',
    'a/b',
    'a\\b',
    'name; rm -rf /',
    '$(touch pwned)',
    '`id`',
    'with space',
    'UPPER',
    '',
    'x'.repeat(101),
  ])('rejects the hostile repoName %j with a clear error', async repoName => {
    await expect(publish({ repoName, git: true })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^repoName .* is not allowed/),
    });
    expect(fs.readdirSync(publishRoot.path)).toEqual([]);
  });

  it('rejects a sourcePath outside the workspace', async () => {
    await expect(
      publish({ repoName: 'checkout-v2', sourcePath: '../..' }),
    ).rejects.toThrow(/sourcePath "..\/.." is outside the workspace/);
  });

  it('is refused when no publish root is configured', async () => {
    await expect(
      publish({ repoName: 'checkout-v2' }, { root: null }),
    ).rejects.toThrow(/Local publishing is disabled/);
  });

  it('explains a missing git binary and leaves nothing behind', async () => {
    await expect(
      publish(
        { repoName: 'checkout-v2', git: true },
        { gitBinary: path.join(publishRoot.path, 'no-such-git') },
      ),
    ).rejects.toMatchObject({
      name: 'GitUnavailableError',
      message: expect.stringMatching(/git is not available .*ENOENT/),
    });
    expect(fs.existsSync(path.join(publishRoot.path, 'checkout-v2'))).toBe(
      false,
    );
  });

  it('writes nothing in a dry run', async () => {
    const out = await publish(
      { repoName: 'checkout-v2', git: true },
      { dryRun: true },
    );
    expect(out.path).toBe(path.join(publishRoot.path, 'checkout-v2'));
    expect(out.defaultBranch).toBe('main');
    expect(fs.readdirSync(publishRoot.path)).toEqual([]);
  });
});
