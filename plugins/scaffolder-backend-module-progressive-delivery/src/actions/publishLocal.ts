import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';

/** Id of {@link publishLocalAction}. @public */
export const PUBLISH_LOCAL_ACTION_ID = 'progressive-delivery:publish:local';

/** Config key of the folder the demo publishes into. @public */
export const LOCAL_PUBLISH_ROOT_KEY =
  'progressiveDelivery.scaffolder.localPublishRoot';

/**
 * `progressive-delivery:publish:local`: copies the workspace (or a folder of it) into
 * `<localPublishRoot>/<repoName>`, so a demo runs end to end without a git host. Refused unless
 * `progressiveDelivery.scaffolder.localPublishRoot` is configured.
 * @public
 */
export function publishLocalAction(options: { config: Config }) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Demo publisher: copies the workspace into a local folder (progressiveDelivery.scaffolder.localPublishRoot) instead of a git host.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the generated service into the local demo folder',
        example: yaml.dump({
          steps: [
            {
              id: 'publish',
              action: PUBLISH_LOCAL_ACTION_ID,
              input: { repoName: '${{ parameters.name }}' },
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
            .describe('Folder name under the publish root.'),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('Workspace folder to publish (default: all).'),
        overwrite: z =>
          z
            .boolean()
            .default(false)
            .describe('Replace an existing folder of that name.'),
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
      },
    },
    async handler(ctx) {
      const root = options.config.getOptionalString(LOCAL_PUBLISH_ROOT_KEY);
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      if (ctx.isDryRun) {
        const target = path.join(
          root ?? '<localPublishRoot>',
          ctx.input.repoName,
        );
        ctx.logger.info(`Dry run: would publish ${source} to ${target}`);
        ctx.output('path', target);
        ctx.output('catalogInfoPath', path.join(target, 'catalog-info.yaml'));
        return;
      }
      if (!root) {
        throw new NotAllowedError(
          `Local publishing is disabled: set ${LOCAL_PUBLISH_ROOT_KEY} in app-config to use it`,
        );
      }
      const rootDir = path.resolve(root);
      const target = resolveSafeChildPath(rootDir, ctx.input.repoName);
      ctx.output('path', target);
      ctx.output('catalogInfoPath', path.join(target, 'catalog-info.yaml'));
      const exists = await fs
        .stat(target)
        .then(() => true)
        .catch(() => false);
      if (exists && !ctx.input.overwrite) {
        throw new InputError(`${target} exists already; choose another name`);
      }
      await fs.mkdir(rootDir, { recursive: true });
      await fs.rm(target, { recursive: true, force: true });
      await fs.cp(source, target, { recursive: true });
      ctx.logger.info(`Published to ${target}`);
    },
  });
}
