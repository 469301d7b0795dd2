import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';
import {
  SourcedObject,
  findingsOutput,
  formatFinding,
  parseYamlDocuments,
  readManifests,
  validateSourced,
} from './files';

/** Id of {@link validateManifestsAction}. @public */
export const VALIDATE_MANIFESTS_ACTION_ID = 'argo-rollouts:manifests:validate';

/**
 * `argo-rollouts:manifests:validate`: findings for a set of manifests: schema errors against the
 * Argo Rollouts and Pyrra CRDs, and the semantic rules (weights, routes, analysis references and
 * args, setCanaryScale, unbounded pauses...).
 * @public
 */
export function validateManifestsAction() {
  return createTemplateAction({
    id: VALIDATE_MANIFESTS_ACTION_ID,
    description:
      'Validates Argo Rollouts manifests against the CRD schemas and the semantic rules of the controller (plus reference and risk checks).',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate everything under kubernetes/ and fail on errors',
        example: yaml.dump({
          steps: [
            {
              id: 'validate',
              action: VALIDATE_MANIFESTS_ACTION_ID,
              input: { paths: ['kubernetes'] },
            },
          ],
        }),
      },
      {
        description:
          'Validate a Rollout whose AnalysisTemplates already exist in the cluster, failing on warnings too',
        example: yaml.dump({
          steps: [
            {
              id: 'validate',
              action: VALIDATE_MANIFESTS_ACTION_ID,
              input: {
                paths: ['deploy/rollout.yaml'],
                existingAnalysisTemplates: ['success-rate'],
                failOn: 'warning',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        paths: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Workspace files or folders to read (*.yaml, *.yml); default: the whole workspace.',
            ),
        manifests: z =>
          z
            .string()
            .optional()
            .describe('Manifests as YAML text, checked together with paths.'),
        existingAnalysisTemplates: z =>
          z
            .array(z.string())
            .optional()
            .describe('AnalysisTemplates that exist in the cluster already.'),
        existingClusterAnalysisTemplates: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'ClusterAnalysisTemplates that exist in the cluster already.',
            ),
        checkReferences: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Report referenced analysis templates that are not in the set.',
            ),
        failOn: z =>
          z
            .enum(['error', 'warning', 'never'])
            .default('error')
            .describe(
              'Fail the step on errors (default), on warnings too, or never.',
            ),
      },
      output: {
        valid: z => z.boolean().describe('No errors (warnings allowed).'),
        errors: z => z.number().describe('Number of errors.'),
        warnings: z => z.number().describe('Number of warnings.'),
        findings: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .describe('Findings: severity, rule, message, file, object, path.'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const objects: SourcedObject[] = [];
      if (input.paths?.length || !input.manifests) {
        objects.push(
          ...(await readManifests(
            ctx.workspacePath,
            input.paths?.length ? input.paths : ['.'],
          )),
        );
      }
      if (input.manifests) {
        objects.push(
          ...parseYamlDocuments(input.manifests, 'manifests').map(object => ({
            file: 'manifests',
            object,
          })),
        );
      }
      const report = validateSourced(objects, {
        existingAnalysisTemplates: input.existingAnalysisTemplates,
        existingClusterAnalysisTemplates:
          input.existingClusterAnalysisTemplates,
        checkReferences: input.checkReferences ?? true,
      });
      ctx.logger.info(
        `Checked ${objects.length} objects: ${report.errors} errors, ${report.warnings} warnings`,
      );
      for (const f of report.findings) ctx.logger.warn(formatFinding(f));
      ctx.output('valid', report.valid);
      ctx.output('errors', report.errors);
      ctx.output('warnings', report.warnings);
      ctx.output('findings', findingsOutput(report.findings));
      const failOn = input.failOn ?? 'error';
      if (
        (failOn === 'error' && report.errors > 0) ||
        (failOn === 'warning' && report.findings.length > 0)
      ) {
        throw new InputError(
          `Manifest validation failed:\n${report.findings
            .map(formatFinding)
            .join('\n')}`,
        );
      }
    },
  });
}
