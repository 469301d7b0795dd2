import { GENERATED_CRD_SCHEMAS } from './crdSchemas.generated';
import type { CrdSchemaEntry } from './types';

export type { CrdSchemaEntry } from './types';

/**
 * Schemas of the CRDs the manifests use: Argo Rollouts Rollout, AnalysisTemplate,
 * ClusterAnalysisTemplate and Experiment, and Pyrra ServiceLevelObjective (upstream, Apache-2.0; see
 * the header of `crdSchemas.generated.ts`).
 * @public
 */
export function bundledCrdSchemas(): CrdSchemaEntry[] {
  return GENERATED_CRD_SCHEMAS;
}

/** Reads the schemas out of parsed CustomResourceDefinition objects (e.g. from YAML). @public */
export function crdSchemasFromDefinitions(
  definitions: ReadonlyArray<unknown>,
): CrdSchemaEntry[] {
  const out: CrdSchemaEntry[] = [];
  for (const raw of definitions) {
    const crd = raw as {
      kind?: string;
      spec?: {
        group?: string;
        scope?: string;
        names?: { kind?: string };
        versions?: Array<{
          name: string;
          served?: boolean;
          schema?: { openAPIV3Schema?: unknown };
        }>;
      };
    };
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    for (const version of crd.spec.versions ?? []) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema || version.served === false) continue;
      out.push({
        group: crd.spec.group ?? '',
        version: version.name,
        kind: crd.spec.names?.kind ?? '',
        scope: crd.spec.scope ?? 'Namespaced',
        schema: schema as CrdSchemaEntry['schema'],
      });
    }
  }
  return out;
}
