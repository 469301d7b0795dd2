import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';
import { formatFinding, readManifests, validateSourced } from './files';
import { ApplyResult, ClusterTarget, applyObjects } from './kubeApply';

/** Id of {@link applyManifestsAction}. @public */
export const APPLY_MANIFESTS_ACTION_ID =
  'progressive-delivery:kubernetes:apply';

/** Config key listing the clusters the apply action may write to. @public */
export const APPLY_ALLOWED_CLUSTERS_KEY =
  'progressiveDelivery.scaffolder.applyAllowedClusters';

/** Reads a cluster of the standard `kubernetes.clusterLocatorMethods` (type config) block. */
export function clusterFromConfig(
  config: Config,
  name: string,
): ClusterTarget | undefined {
  for (const method of config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      if (c.getString('name') !== name) continue;
      return {
        name,
        url: c.getString('url'),
        token: c.getOptionalString('serviceAccountToken'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
        caData: c.getOptionalString('caData'),
      };
    }
  }
  return undefined;
}

/**
 * `progressive-delivery:kubernetes:apply`: validates the manifests in the workspace, then creates
 * or replaces them in one configured cluster. Meant for the demo's simulated clusters: only
 * clusters listed in `progressiveDelivery.scaffolder.applyAllowedClusters` are accepted, and the
 * backend's own cluster credentials are used.
 * @public
 */
export function applyManifestsAction(options: { config: Config }) {
  return createTemplateAction({
    id: APPLY_MANIFESTS_ACTION_ID,
    description:
      'Applies the generated manifests to a configured cluster (demo: the simulated clusters). Only clusters listed in progressiveDelivery.scaffolder.applyAllowedClusters.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Apply the manifests written to kubernetes/ to the staging cluster',
        example: yaml.dump({
          steps: [
            {
              id: 'apply',
              action: APPLY_MANIFESTS_ACTION_ID,
              input: {
                cluster: 'staging',
                paths: ['kubernetes'],
                namespace: 'team-a',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('Cluster name from kubernetes.clusterLocatorMethods.'),
        paths: z =>
          z
            .array(z.string())
            .default(['kubernetes'])
            .describe('Workspace files or folders to apply.'),
        namespace: z =>
          z
            .string()
            .default('default')
            .describe('Namespace for objects that do not set one.'),
      },
      output: {
        results: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .describe(
              'Per object: kind, name, namespace, result (created, updated, skipped, failed).',
            ),
      },
    },
    async handler(ctx) {
      const objects = await readManifests(
        ctx.workspacePath,
        ctx.input.paths ?? ['kubernetes'],
      );
      const report = validateSourced(objects);
      if (!report.valid) {
        throw new InputError(
          `Refusing to apply invalid manifests:\n${report.findings
            .map(formatFinding)
            .join('\n')}`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would apply ${objects.length} objects to ${ctx.input.cluster}`,
        );
        ctx.output('results', []);
        return;
      }
      const allowed =
        options.config.getOptionalStringArray(APPLY_ALLOWED_CLUSTERS_KEY) ?? [];
      if (!allowed.includes(ctx.input.cluster)) {
        throw new NotAllowedError(
          `Applying to cluster ${ctx.input.cluster} is not allowed; list it in ${APPLY_ALLOWED_CLUSTERS_KEY}`,
        );
      }
      const cluster = clusterFromConfig(options.config, ctx.input.cluster);
      if (!cluster) {
        throw new InputError(
          `No cluster named ${ctx.input.cluster} in kubernetes.clusterLocatorMethods`,
        );
      }
      const results: ApplyResult[] = await applyObjects(
        cluster,
        objects.map(o => o.object),
        ctx.input.namespace ?? 'default',
      );
      for (const r of results) {
        ctx.logger.info(
          `${r.kind}/${r.name}: ${r.result}${
            r.message ? ` (${r.message})` : ''
          }`,
        );
      }
      ctx.output(
        'results',
        results.map(r => ({ ...r })),
      );
      const failed = results.filter(r => r.result === 'failed');
      if (failed.length) {
        throw new Error(
          `${failed.length} objects failed: ${failed
            .map(r => `${r.kind}/${r.name}: ${r.message}`)
            .join('; ')}`,
        );
      }
    },
  });
}
