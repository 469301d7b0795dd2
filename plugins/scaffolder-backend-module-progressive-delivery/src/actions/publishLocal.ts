import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';
import { LOCAL_GIT_BRANCH, commitFolder, runGit } from './localGit';
import {
  LOCAL_PUBLISH_ROOT_KEY,
  assertRepoName,
  publishRootFromConfig,
} from './publishRoot';

export { LOCAL_PUBLISH_ROOT_KEY };

/** Id of {@link publishLocalAction}. @public */
export const PUBLISH_LOCAL_ACTION_ID = 'progressive-delivery:publish:local';

/** A `.git` folder of the workspace would hijack (or nest inside) the published repository. */
const notGitFolder = (src: string) => path.basename(src) !== '.git';

/** Empties an existing publish folder, keeping its git history when asked to. */
async function emptyFolder(dir: string, keepGit: boolean) {
  const stat = await fs.lstat(dir);
  if (!stat.isDirectory()) {
    throw new InputError(`${dir} exists and is not a folder`);
  }
  for (const entry of await fs.readdir(dir)) {
    if (keepGit && entry === '.git') continue;
    await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * `progressive-delivery:publish:local`: copies the workspace (or a folder of it) into
 * `<localPublishRoot>/<repoName>` and, with `git: true`, commits it to a local git repository
 * (branch main, fixed author), so a demo runs end to end without a git host. Refused unless
 * `progressiveDelivery.scaffolder.localPublishRoot` is configured.
 * @public
 */
export function publishLocalAction(options: {
  config: Config;
  /** git executable (default `git` from PATH). */
  gitBinary?: string;
}) {
  const gitBinary = options.gitBinary ?? 'git';
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Demo publisher: copies the workspace into a local folder (progressiveDelivery.scaffolder.localPublishRoot) instead of a git host; with git: true the folder is a local git repository.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Publish the generated service into a local git repository in the demo folder',
        example: yaml.dump({
          steps: [
            {
              id: 'publish',
              action: PUBLISH_LOCAL_ACTION_ID,
              input: { repoName: '${{ parameters.name }}', git: true },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(/^[a-z0-9][-a-z0-9_.]*$/)
            .max(100)
            .describe(
              'Folder name under the publish root (lowercase letters, digits, -, _ and .).',
            ),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('Workspace folder to publish (default: all).'),
        overwrite: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Replace the files of an existing folder of that name (with git: a new commit on top of its history).',
            ),
        git: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Make the folder a local git repository (branch main) and commit the files.',
            ),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe('Commit message (default names the template).'),
      },
      output: {
        path: z =>
          z.string().describe('Absolute path of the published folder.'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of catalog-info.yaml in the published folder.',
            ),
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'file:// URL of the local git repository (git: true), for git clone.',
            ),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('Commit made by this run (git: true).'),
        defaultBranch: z =>
          z.string().optional().describe('Branch of the repository (main).'),
      },
    },
    async handler(ctx) {
      const repoName = assertRepoName(ctx.input.repoName);
      const sourcePath = ctx.input.sourcePath ?? '.';
      let source: string;
      try {
        source = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      } catch {
        throw new InputError(
          `sourcePath ${JSON.stringify(sourcePath)} is outside the workspace`,
        );
      }
      const git = ctx.input.git ?? false;
      const message =
        ctx.input.commitMessage ??
        `Publish ${repoName} from ${
          ctx.templateInfo?.entityRef ?? 'a Backstage template'
        }`;
      if (ctx.isDryRun) {
        const root = options.config.getOptionalString(LOCAL_PUBLISH_ROOT_KEY);
        const target = path.join(root ?? '<localPublishRoot>', repoName);
        ctx.logger.info(
          `Dry run: would publish ${source} to ${target}${
            git ? ' as a git repository' : ''
          }`,
        );
        ctx.output('path', target);
        ctx.output('catalogInfoPath', path.join(target, 'catalog-info.yaml'));
        if (git) {
          ctx.output('remoteUrl', `file://${target}`);
          ctx.output('defaultBranch', LOCAL_GIT_BRANCH);
        }
        return;
      }
      const rootDir = publishRootFromConfig(options.config);
      const target = resolveSafeChildPath(rootDir, repoName);
      ctx.output('path', target);
      ctx.output('catalogInfoPath', path.join(target, 'catalog-info.yaml'));
      await fs.mkdir(rootDir, { recursive: true });
      // before anything is written: a missing git must not leave a half-published folder
      if (git) await runGit(gitBinary, ['--version'], rootDir);
      // mkdir without `recursive` claims the name atomically: two runs cannot share a folder
      const created = await fs.mkdir(target).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'EEXIST') return false;
          throw e;
        },
      );
      if (!created && !ctx.input.overwrite) {
        throw new InputError(`${target} exists already; choose another name`);
      }
      try {
        if (!created) await emptyFolder(target, git);
        await fs.cp(source, target, { recursive: true, filter: notGitFolder });
        if (git) {
          const commit = await commitFolder(target, message, gitBinary);
          ctx.output('remoteUrl', pathToFileURL(target).href);
          ctx.output('commitHash', commit.commitHash);
          ctx.output('defaultBranch', LOCAL_GIT_BRANCH);
          ctx.logger.info(
            commit.committed
              ? `Committed ${commit.commitHash} on ${LOCAL_GIT_BRANCH} in ${target}`
              : `Nothing changed in ${target}; ${LOCAL_GIT_BRANCH} stays at ${commit.commitHash}`,
          );
        }
      } catch (e) {
        // a folder this run created is removed again, so the same name can be retried
        if (created) await fs.rm(target, { recursive: true, force: true });
        throw e;
      }
      ctx.logger.info(`Published to ${target}`);
    },
  });
}
