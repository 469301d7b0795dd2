import type { JsonSchema } from '../schema/jsonSchema';

/** The OpenAPI v3 schema of one CustomResourceDefinition version. @public */
export interface CrdSchemaEntry {
  /** API group, e.g. `argoproj.io`. */
  group: string;
  /** Version name, e.g. `v1alpha1`. */
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster' | string;
  /** File the schema was generated from (for messages). */
  source?: string;
  schema: JsonSchema;
}
