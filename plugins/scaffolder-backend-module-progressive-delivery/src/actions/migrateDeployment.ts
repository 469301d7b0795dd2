import fs from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DeploymentMigration,
  buildDeploymentMigration,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import yaml from 'js-yaml';
import {
  assertNoErrors,
  build,
  findingsOutput,
  formatFinding,
  parseYamlDocuments,
  validateSourced,
  writeManifests,
  writeText,
} from './files';
import {
  PRESETS,
  strategyInputs,
  strategyOptions,
  writeOutputs,
} from './options';

/** Id of {@link migrateDeploymentAction}. @public */
export const MIGRATE_DEPLOYMENT_ACTION_ID = 'argo-rollouts:migrate-deployment';

function pickDeployment(objects: unknown[], name?: string): unknown {
  const deployments = objects.filter(
    o => (o as { kind?: string })?.kind === 'Deployment',
  ) as Array<{ metadata?: { name?: string } }>;
  const matching = name
    ? deployments.filter(d => d.metadata?.name === name)
    : deployments;
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) {
    throw new InputError(
      name
        ? `No Deployment named ${name} in the manifest`
        : 'The manifest contains no Deployment',
    );
  }
  throw new InputError(
    `The manifest contains ${matching.length} Deployments (${matching
      .map(d => d.metadata?.name)
      .join(', ')}); set deploymentName`,
  );
}

/** The checklist as Markdown, written next to the manifests. */
export function checklistMarkdown(migration: DeploymentMigration): string {
  const lines = [
    '# Finish the migration to an Argo Rollout',
    '',
    ...migration.checklist.flatMap((item, i) => [
      `${i + 1}. [ ] **${item.title}**`,
      `   ${item.detail}`,
      ...(item.command ? ['', '   ```sh', `   ${item.command}`, '   ```'] : []),
      '',
    ]),
  ];
  if (migration.notes.length) {
    lines.push('## Notes', '', ...migration.notes.map(n => `- ${n}`), '');
  }
  return lines.join('\n');
}

/**
 * `argo-rollouts:migrate-deployment`: from an existing Deployment, a Rollout with workloadRef
 * running next to it, a temporary Service and Ingress, and the checklist that finishes the
 * migration.
 * @public
 */
export function migrateDeploymentAction() {
  return createTemplateAction({
    id: MIGRATE_DEPLOYMENT_ACTION_ID,
    description:
      'Migrates a Deployment to an Argo Rollout (workloadRef): writes the Rollout, its Services, a temporary Service and Ingress, and a checklist to finish the migration.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Migrate the Deployment in deploy/deployment.yaml, scaling it down progressively',
        example: yaml.dump({
          steps: [
            {
              id: 'migrate',
              action: MIGRATE_DEPLOYMENT_ACTION_ID,
              input: {
                deploymentPath: 'deploy/deployment.yaml',
                scaleDown: 'progressively',
                preset: 'canary-basic',
              },
            },
          ],
        }),
      },
      {
        description:
          'Migrate a Deployment given as YAML text, with Istio and an SLO analysis',
        example: yaml.dump({
          steps: [
            {
              id: 'migrate',
              action: MIGRATE_DEPLOYMENT_ACTION_ID,
              input: {
                deployment: '${{ parameters.deploymentYaml }}',
                scaleDown: 'onsuccess',
                preset: 'progressive',
                trafficRouting: 'istio',
                analysis: 'pyrra-burn-rate',
                slo: true,
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        deployment: z =>
          z
            .string()
            .optional()
            .describe(
              'The Deployment manifest as YAML (or use deploymentPath).',
            ),
        deploymentPath: z =>
          z
            .string()
            .optional()
            .describe('Workspace path of a YAML file holding the Deployment.'),
        deploymentName: z =>
          z
            .string()
            .optional()
            .describe('Which Deployment, when the YAML holds several.'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe("Namespace (default: the Deployment's, else default)."),
        scaleDown: z =>
          z
            .enum(['progressively', 'onsuccess'])
            .default('progressively')
            .describe(
              'How the Deployment is scaled down: progressively (as Rollout pods become available) or onsuccess (once the Rollout is Healthy).',
            ),
        preset: z =>
          z
            .enum(PRESETS)
            .default('canary-basic')
            .describe('Strategy preset for the Rollout.'),
        servicePort: z =>
          z
            .number()
            .int()
            .min(1)
            .max(65535)
            .optional()
            .describe('Service port (default 80).'),
        ingressClassName: z =>
          z
            .string()
            .optional()
            .describe('Class of the temporary Ingress (default nginx).'),
        ...strategyInputs,
      },
      output: {
        ...writeOutputs,
        checklist: z =>
          z
            .array(
              z.object({
                id: z.string(),
                title: z.string(),
                detail: z.string(),
                command: z.string().optional(),
              }),
            )
            .describe('Steps that finish the migration.'),
        temporary: z =>
          z
            .object({ service: z.string(), ingress: z.string() })
            .describe('Temporary objects to delete at the end.'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      let text = input.deployment;
      let source = 'deployment';
      if (!text && input.deploymentPath) {
        source = input.deploymentPath;
        try {
          text = await fs.readFile(
            resolveSafeChildPath(ctx.workspacePath, input.deploymentPath),
            'utf8',
          );
        } catch {
          throw new InputError(
            `${input.deploymentPath} does not exist in the workspace`,
          );
        }
      }
      if (!text)
        throw new InputError('Give deployment (YAML) or deploymentPath');
      const deployment = pickDeployment(
        parseYamlDocuments(text, source),
        input.deploymentName,
      );
      const migration = build(() =>
        buildDeploymentMigration({
          deployment,
          namespace: input.namespace || undefined,
          scaleDown: input.scaleDown ?? 'progressively',
          preset: input.preset ?? 'canary-basic',
          servicePort: input.servicePort,
          ingressClassName: input.ingressClassName,
          host: input.host || undefined,
          ...strategyOptions(input),
        }),
      );
      const targetPath = input.targetPath ?? 'kubernetes';
      const report = validateSourced([
        { file: source, object: deployment },
        ...migration.manifests.map(m => ({
          file: `${targetPath}/${m.file}`,
          object: m.object,
        })),
      ]);
      for (const f of report.findings) ctx.logger.warn(formatFinding(f));
      assertNoErrors(report.findings);

      const files = await writeManifests(
        ctx.workspacePath,
        targetPath,
        migration.manifests,
      );
      files.push(
        await writeText(
          ctx.workspacePath,
          `${targetPath}/MIGRATION.md`,
          checklistMarkdown(migration),
        ),
      );
      if (ctx.isDryRun)
        ctx.logger.info('Dry run: files written to the dry-run workspace only');
      for (const item of migration.checklist)
        ctx.logger.info(`[ ] ${item.title}`);
      ctx.output('files', files);
      ctx.output('annotations', migration.annotations);
      ctx.output('notes', migration.notes);
      ctx.output('findings', findingsOutput(report.findings));
      ctx.output(
        'checklist',
        migration.checklist.map(c => ({ ...c })),
      );
      ctx.output('temporary', migration.temporary);
    },
  });
}
