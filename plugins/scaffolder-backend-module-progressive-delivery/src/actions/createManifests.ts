import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { buildProgressiveDeliveryManifests } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import yaml from 'js-yaml';
import {
  assertNoErrors,
  build,
  findingsOutput,
  formatFinding,
  validateSourced,
  writeManifests,
} from './files';
import {
  PRESETS,
  asSteps,
  strategyInputs,
  strategyOptions,
  writeOutputs,
} from './options';

/** Id of {@link createManifestsAction}. @public */
export const CREATE_MANIFESTS_ACTION_ID = 'argo-rollouts:manifests:create';

/**
 * `argo-rollouts:manifests:create`: writes a Rollout, its Services, optional traffic routing,
 * Prometheus AnalysisTemplates and a Pyrra ServiceLevelObjective into the workspace, validates
 * them, and outputs the catalog annotations for the Progressive Delivery tab.
 * @public
 */
export function createManifestsAction() {
  return createTemplateAction({
    id: CREATE_MANIFESTS_ACTION_ID,
    description:
      'Writes Argo Rollouts manifests (Rollout, Services, traffic routing, AnalysisTemplates, Pyrra SLO) into the workspace and validates them.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'The progressive preset: canary tested at weight 0 behind a header, SLO analysis, gradual weights, rollback on SLO burn',
        example: yaml.dump({
          steps: [
            {
              id: 'manifests',
              action: CREATE_MANIFESTS_ACTION_ID,
              name: 'Create Rollout manifests',
              input: {
                name: 'checkout',
                namespace: 'team-a',
                image: 'ghcr.io/acme/checkout:1.0.0',
                preset: 'progressive',
                trafficRouting: 'istio',
                analysis: 'pyrra-burn-rate',
                slo: true,
                sloTarget: '99.5',
              },
            },
          ],
        }),
      },
      {
        description: 'Blue-green with an error-ratio analysis before promotion',
        example: yaml.dump({
          steps: [
            {
              id: 'manifests',
              action: CREATE_MANIFESTS_ACTION_ID,
              input: {
                name: 'billing',
                namespace: 'team-b',
                image: 'ghcr.io/acme/billing:2.3.1',
                preset: 'blue-green',
                analysis: 'error-ratio',
              },
            },
          ],
        }),
      },
      {
        description: 'Explicit canary steps with nginx traffic routing',
        example: yaml.dump({
          steps: [
            {
              id: 'manifests',
              action: CREATE_MANIFESTS_ACTION_ID,
              input: {
                name: 'search',
                namespace: 'team-c',
                image: 'ghcr.io/acme/search:5.0.0',
                trafficRouting: 'nginx',
                steps: [
                  { setWeight: 5 },
                  { pause: { duration: '10m' } },
                  { setWeight: 50 },
                  { pause: { duration: '10m' } },
                ],
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Name of the Rollout and prefix of every object (lowercase letters, digits, -).',
            ),
        namespace: z =>
          z.string().default('default').describe('Kubernetes namespace.'),
        image: z =>
          z.string().describe('Container image, e.g. ghcr.io/acme/app:1.0.0.'),
        containerPort: z =>
          z
            .number()
            .int()
            .min(1)
            .max(65535)
            .optional()
            .describe('Container port (default 8080).'),
        servicePort: z =>
          z
            .number()
            .int()
            .min(1)
            .max(65535)
            .optional()
            .describe('Service port (default 80).'),
        replicas: z =>
          z.number().int().min(0).optional().describe('Replicas (default 3).'),
        preset: z =>
          z
            .enum(PRESETS)
            .default('progressive')
            .describe(
              'Strategy preset: progressive (test at weight 0, analysis, gradual weights, rollback on SLO burn), canary-basic, canary-analysis or blue-green.',
            ),
        steps: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .optional()
            .describe(
              'Explicit canary steps (setWeight, pause, analysis, setCanaryScale, setHeaderRoute, setMirrorRoute); replace the preset steps.',
            ),
        ...strategyInputs,
      },
      output: writeOutputs,
    },
    async handler(ctx) {
      const { input } = ctx;
      const built = build(() =>
        buildProgressiveDeliveryManifests({
          name: input.name,
          namespace: input.namespace ?? 'default',
          image: input.image,
          containerPort: input.containerPort,
          servicePort: input.servicePort,
          replicas: input.replicas,
          preset: input.preset,
          steps: asSteps(input.steps),
          ...strategyOptions(input),
        }),
      );
      const report = validateSourced(
        built.manifests.map(m => ({
          file: `${input.targetPath ?? 'kubernetes'}/${m.file}`,
          object: m.object,
        })),
      );
      for (const f of report.findings) ctx.logger.warn(formatFinding(f));
      assertNoErrors(report.findings);
      for (const note of built.notes) ctx.logger.info(note);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: writing ${built.manifests.length} manifests to the dry-run workspace`,
        );
      }
      const files = await writeManifests(
        ctx.workspacePath,
        input.targetPath ?? 'kubernetes',
        built.manifests,
      );
      ctx.logger.info(`Wrote ${files.join(', ')}`);
      ctx.output('files', files);
      ctx.output('annotations', built.annotations);
      ctx.output('notes', built.notes);
      ctx.output('findings', findingsOutput(report.findings));
    },
  });
}
